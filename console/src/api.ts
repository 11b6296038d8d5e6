/**
 * The console's one door to the API (stopgap until lib/client lands on main; then this file
 * re-exports that library). Every call is SigV4-signed in the browser (service execute-api,
 * cn-northwest-1) with the credentials of the session; nothing else leaves the browser.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type * as z from 'zod';
import type {
  accountSchema,
  auditEventSchema,
  eligibilityAnswerSchema,
  filingSchema,
  presignedPostSchema,
  requirementStatusSchema,
  reviewFilingSchema,
  taskSchema,
} from '../../lambdas/shared/http/representations.js';
import type { AccountProfile, AttachmentKind, EligibilityQuestion, ReviewDecision } from '../../lambdas/shared/domain/schemas.js';

export type Filing = z.infer<typeof filingSchema>;
export type Account = z.infer<typeof accountSchema>;
export type EligibilityAnswer = z.infer<typeof eligibilityAnswerSchema>;
export type RequirementStatus = z.infer<typeof requirementStatusSchema>;
export type PresignedUpload = z.infer<typeof presignedPostSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type ReviewTask = z.infer<typeof taskSchema>;
export type ReviewFiling = z.infer<typeof reviewFilingSchema>;
export type { AccountProfile, AttachmentKind, EligibilityQuestion, ReviewDecision };
export interface Problem {
  path: string;
  code: string;
  message: string;
  messageZh: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface DriftItem {
  filingId: string;
  accountId: string;
  checkedAt: string;
  problems: Problem[];
}
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A refusal, as the API's error body states it (docs/design/api.md "Errors"). */
export class RecordalApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly details: Problem[],
  ) {
    super(message);
  }
}

function errorOf(status: number, text: string): RecordalApiError {
  try {
    const { error } = JSON.parse(text) as { error: { code: string; message: string; messageZh: string; details?: Problem[] } };
    return new RecordalApiError(status, error.code, error.message, error.messageZh, error.details ?? []);
  } catch {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP_${status}`;
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? (text.slice(0, 200) || code);
    return new RecordalApiError(status, code, message, message, []);
  }
}

/** Sends a presigned POST form with XMLHttpRequest, the one browser API that reports upload progress. */
function postForm(url: string, form: FormData, onProgress?: (sent: number, total: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.upload.onprogress = (event) => onProgress?.(event.loaded, event.total);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(errorOf(request.status, request.responseText)));
    request.onerror = () => reject(new RecordalApiError(0, 'NETWORK_ERROR', 'The upload did not reach storage', '上传未能到达存储服务', []));
    request.send(form);
  });
}

const filingPath = (id: string, tail = '') => `/v1/filings/${encodeURIComponent(id)}${tail}`;

export class RecordalClient {
  private readonly signer: SignatureV4;

  constructor(
    private readonly endpoint: string,
    credentials: Credentials,
  ) {
    this.signer = new SignatureV4({ credentials, region: 'cn-northwest-1', service: 'execute-api', sha256: Sha256 });
  }

  private async call<T>(method: string, path: string, options: { json?: unknown; query?: Record<string, string | number | undefined>; headers?: Record<string, string> } = {}): Promise<{ body: T; headers: Headers }> {
    const url = new URL(this.endpoint + path);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const body = options.json === undefined ? undefined : JSON.stringify(options.json);
    const headers: Record<string, string> = { host: url.host, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
    const query = Object.fromEntries(url.searchParams);
    const signed = await this.signer.sign({ method, protocol: url.protocol, hostname: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), path: url.pathname, query, headers, ...(body === undefined ? {} : { body }) });
    const { host: _host, ...sent } = signed.headers;
    const response = await fetch(url, { method, headers: sent, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    if (!response.ok) throw errorOf(response.status, text);
    return { body: (text === '' ? undefined : JSON.parse(text)) as T, headers: response.headers };
  }

  private async body<T>(method: string, path: string, options: Parameters<RecordalClient['call']>[2] = {}): Promise<T> {
    return (await this.call<T>(method, path, options)).body;
  }

  getAccount = () => this.body<Account>('GET', '/v1/account');
  putAccount = (profile: AccountProfile) => this.body<Account>('PUT', '/v1/account', { json: profile });
  checkEligibility = (question: EligibilityQuestion) => this.body<EligibilityAnswer>('POST', '/v1/eligibility', { json: question });
  createFiling = (document: Record<string, unknown>) => this.body<Filing>('POST', '/v1/filings', { json: document });
  listFilings = (query: { status?: string; limit?: number; cursor?: string } = {}) => this.body<Page<Filing>>('GET', '/v1/filings', { query });
  getFiling = (id: string) => this.body<Filing>('GET', filingPath(id));
  async getFilingWithEtag(id: string): Promise<{ filing: Filing; etag: string }> {
    const { body, headers } = await this.call<Filing>('GET', filingPath(id));
    return { filing: body, etag: headers.get('etag') ?? `"${body.version}"` };
  }
  patchFiling = (id: string, patch: Record<string, unknown>, options: { ifMatch: string }) =>
    this.body<Filing>('PATCH', filingPath(id), { json: patch, headers: { 'content-type': 'application/merge-patch+json', 'if-match': options.ifMatch } });
  deleteFiling = (id: string) => this.body<void>('DELETE', filingPath(id));
  requirements = async (id: string) => (await this.body<{ items: RequirementStatus[] }>('GET', filingPath(id, '/requirements'))).items;
  events = async (id: string) => (await this.body<{ items: AuditEvent[] }>('GET', filingPath(id, '/events'))).items;
  createAttachmentUpload = (id: string, request: { kind: AttachmentKind; contentType: string; fileName: string }) =>
    this.body<PresignedUpload>('POST', filingPath(id, '/attachments'), { json: request });
  async uploadAttachment(id: string, kind: AttachmentKind, file: File, options: { onProgress?: (sent: number, total: number) => void } = {}): Promise<PresignedUpload> {
    const target = await this.createAttachmentUpload(id, { kind, contentType: file.type || 'application/octet-stream', fileName: file.name });
    const form = new FormData();
    for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
    form.append('file', file);
    await postForm(target.url, form, options.onProgress);
    return target;
  }
  submit = (id: string) => this.body<Filing>('POST', filingPath(id, '/submit'));
  reportVerification = (id: string) => this.body<Filing>('POST', filingPath(id, '/verification'));
  reportSmsVerification = (id: string) => this.body<Filing>('POST', filingPath(id, '/sms-verification'));
  withdraw = (id: string) => this.body<Filing>('POST', filingPath(id, '/withdraw'));
  listReviewTasks = (query: { stage?: string; limit?: number; cursor?: string } = {}) => this.body<Page<ReviewTask>>('GET', '/v1/review/tasks', { query });
  getReviewFiling = (id: string) => this.body<ReviewFiling>('GET', `/v1/review/filings/${encodeURIComponent(id)}`);
  decide = (taskId: string, decision: ReviewDecision) => this.body<unknown>('POST', `/v1/review/tasks/${encodeURIComponent(taskId)}/decision`, { json: decision });
  listDrift = (query: { limit?: number; cursor?: string } = {}) => this.body<Page<DriftItem>>('GET', '/v1/review/drift', { query });
}
