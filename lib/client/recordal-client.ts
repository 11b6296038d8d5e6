/**
 * The recordal API, one method per route of docs/design/api.md, typed from the zod schemas the
 * handlers validate requests with and describe answers with (the same ones the OpenAPI document
 * is generated from). Every method throws a {@link RecordalApiError} on a refusal; `http` is there
 * for anything else (raw bodies, odd headers, statuses a test wants to see).
 */
import type * as z from 'zod';
import type { AccountProfile, AttachmentKind, EligibilityQuestion, FilingDocument, ReviewDecision } from '../../lambdas/shared/domain/schemas.js';
import type { FilingStatus } from '../../lambdas/shared/domain/lifecycle.js';
import type {
  accountSchema,
  auditEventSchema,
  decisionAcceptedSchema,
  eligibilityAnswerSchema,
  filingSchema,
  presignedPostSchema,
  requirementStatusSchema,
  reviewFilingSchema,
  taskSchema,
} from '../../lambdas/shared/http/representations.js';
import type { Problem } from './errors.js';
import { SignedHttpClient, type ClientOptions } from './http-client.js';
import { paginate, type Page } from './paging.js';
import { uploadToPresignedPost, type UploadFile } from './uploads.js';

export type Filing = z.infer<typeof filingSchema>;
export type Account = z.infer<typeof accountSchema>;
export type EligibilityAnswer = z.infer<typeof eligibilityAnswerSchema>;
export type RequirementStatus = z.infer<typeof requirementStatusSchema>;
export type PresignedUpload = z.infer<typeof presignedPostSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type ReviewTask = z.infer<typeof taskSchema>;
export type ReviewStage = ReviewTask['stage'];
export type ReviewFiling = z.infer<typeof reviewFilingSchema>;
export type DecisionAccepted = z.infer<typeof decisionAcceptedSchema>;
/** `GET /v1/review/drift` items (docs/design/api.md "Drift check"). */
export interface DriftItem {
  filingId: string;
  accountId: string;
  checkedAt: string;
  problems: Problem[];
}
export type { AccountProfile, AttachmentKind, EligibilityQuestion, FilingDocument, FilingStatus, ReviewDecision };

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

export interface UploadProgressOptions {
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

const filingPath = (id: string, tail = '') => `/v1/filings/${encodeURIComponent(id)}${tail}`;
/** If-Match sends back exactly what ETag said (`"3"`). */
const etagOf = (headers: Record<string, string>) => headers.etag;

export class RecordalClient {
  readonly http: SignedHttpClient;

  constructor(options: ClientOptions | SignedHttpClient) {
    this.http = options instanceof SignedHttpClient ? options : new SignedHttpClient(options);
  }

  private async body<T>(method: string, path: string, extra: { json?: unknown; query?: Record<string, string | number | undefined>; headers?: Record<string, string> } = {}): Promise<T> {
    return (await this.http.call<T>({ method, path, ...extra })).body;
  }

  // ------------------------------------------------------------ meta (no auth)

  async health(): Promise<{ status: 'ok' }> {
    return (await this.http.call<{ status: 'ok' }>({ method: 'GET', path: '/v1/health', sign: false }, 200)).body;
  }

  async openApi(): Promise<Record<string, unknown>> {
    return (await this.http.call<Record<string, unknown>>({ method: 'GET', path: '/v1/openapi.json', sign: false }, 200)).body;
  }

  // ------------------------------------------------------------ account

  getAccount(): Promise<Account> {
    return this.body('GET', '/v1/account');
  }

  putAccount(profile: AccountProfile): Promise<Account> {
    return this.body('PUT', '/v1/account', { json: profile });
  }

  checkEligibility(question: EligibilityQuestion): Promise<EligibilityAnswer> {
    return this.body('POST', '/v1/eligibility', { json: question });
  }

  // ------------------------------------------------------------ filings

  createFiling(document: FilingDocument, options: { idempotencyKey?: string } = {}): Promise<Filing> {
    return this.body('POST', '/v1/filings', {
      json: document,
      ...(options.idempotencyKey === undefined ? {} : { headers: { 'idempotency-key': options.idempotencyKey } }),
    });
  }

  listFilings(query: PageQuery & { status?: FilingStatus } = {}): Promise<Page<Filing>> {
    return this.body('GET', '/v1/filings', { query: { ...query } });
  }

  /** Every own filing, newest first, following `nextCursor`. */
  filings(query: { status?: FilingStatus; limit?: number } = {}): AsyncGenerator<Filing, void, undefined> {
    return paginate((cursor) => this.listFilings({ ...query, ...(cursor === undefined ? {} : { cursor }) }));
  }

  getFiling(id: string): Promise<Filing> {
    return this.body('GET', filingPath(id));
  }

  /** The filing and its ETag (`"<version>"`), for a later If-Match. */
  async getFilingWithEtag(id: string): Promise<{ filing: Filing; etag: string }> {
    const response = await this.http.call<Filing>({ method: 'GET', path: filingPath(id) }, 200);
    return { filing: response.body, etag: etagOf(response.headers) ?? `"${response.body.version}"` };
  }

  /** A JSON merge patch (RFC 7396); without `ifMatch` the current ETag is read first. */
  async patchFiling(id: string, patch: Record<string, unknown>, options: { ifMatch?: string } = {}): Promise<Filing> {
    const ifMatch = options.ifMatch ?? (await this.getFilingWithEtag(id)).etag;
    return this.body('PATCH', filingPath(id), { json: patch, headers: { 'content-type': 'application/merge-patch+json', 'if-match': ifMatch } });
  }

  async deleteFiling(id: string, options: { ifMatch?: string } = {}): Promise<void> {
    await this.http.call({ method: 'DELETE', path: filingPath(id), ...(options.ifMatch === undefined ? {} : { headers: { 'if-match': options.ifMatch } }) }, 204);
  }

  async requirements(id: string): Promise<RequirementStatus[]> {
    return (await this.body<{ items: RequirementStatus[] }>('GET', filingPath(id, '/requirements'))).items;
  }

  async events(id: string): Promise<AuditEvent[]> {
    return (await this.body<{ items: AuditEvent[] }>('GET', filingPath(id, '/events'))).items;
  }

  // ------------------------------------------------------------ attachments

  createAttachmentUpload(id: string, request: { kind: AttachmentKind; contentType: string; fileName: string }): Promise<PresignedUpload> {
    return this.body('POST', filingPath(id, '/attachments'), { json: request });
  }

  /** Asks for a presigned POST, then uploads the file through it (with the client's transport). */
  async uploadAttachment(id: string, kind: AttachmentKind, file: UploadFile, options: UploadProgressOptions = {}): Promise<PresignedUpload> {
    const target = await this.createAttachmentUpload(id, { kind, contentType: file.contentType, fileName: file.fileName });
    await uploadToPresignedPost(target, file, { transport: this.http.transport, ...options });
    return target;
  }

  // ------------------------------------------------------------ lifecycle

  submit(id: string): Promise<Filing> {
    return this.body('POST', filingPath(id, '/submit'));
  }

  reportVerification(id: string): Promise<Filing> {
    return this.body('POST', filingPath(id, '/verification'));
  }

  reportSmsVerification(id: string): Promise<Filing> {
    return this.body('POST', filingPath(id, '/sms-verification'));
  }

  withdraw(id: string, options: { ifMatch?: string } = {}): Promise<Filing> {
    return this.body('POST', filingPath(id, '/withdraw'), options.ifMatch === undefined ? {} : { headers: { 'if-match': options.ifMatch } });
  }

  // ------------------------------------------------------------ review (reviewer principals only)

  listReviewTasks(query: PageQuery & { stage?: ReviewStage } = {}): Promise<Page<ReviewTask>> {
    return this.body('GET', '/v1/review/tasks', { query: { ...query } });
  }

  /** Every open task, oldest deadline first, following `nextCursor`. */
  reviewTasks(query: { stage?: ReviewStage; limit?: number } = {}): AsyncGenerator<ReviewTask, void, undefined> {
    return paginate((cursor) => this.listReviewTasks({ ...query, ...(cursor === undefined ? {} : { cursor }) }));
  }

  getReviewFiling(id: string): Promise<ReviewFiling> {
    return this.body('GET', `/v1/review/filings/${encodeURIComponent(id)}`);
  }

  decide(taskId: string, decision: ReviewDecision): Promise<DecisionAccepted> {
    return this.body('POST', `/v1/review/tasks/${encodeURIComponent(taskId)}/decision`, { json: decision });
  }

  listDrift(query: PageQuery = {}): Promise<Page<DriftItem>> {
    return this.body('GET', '/v1/review/drift', { query: { ...query } });
  }

  drift(query: { limit?: number } = {}): AsyncGenerator<DriftItem, void, undefined> {
    return paginate((cursor) => this.listDrift({ ...query, ...(cursor === undefined ? {} : { cursor }) }));
  }

  startDriftCheck(): Promise<{ checkId: string }> {
    return this.body('POST', '/v1/review/drift-checks');
  }
}
