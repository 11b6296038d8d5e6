/**
 * The customer's and the reviewer's steps of a recordal, over the HTTP API (docs/design/api.md), shared by
 * `npm run demo` and the end-to-end tests: register, create, upload, submit, follow the status,
 * answer the callbacks and the review tasks. Every step checks the status code it expects and
 * throws an {@link ApiError} carrying the platform's answer otherwise.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { USCC_ALPHABET, organizationCodeCheckCharacter, usccCheckCharacter } from '../../lambdas/shared/domain/identifiers.js';
import { FINAL_STATUSES, type FilingStatus } from '../../lambdas/shared/domain/lifecycle.js';
import { sampleAttachment } from '../local/samples/attachments.js';
import { RecordalClient, uploadWithPresignedPost, type ApiResponse, type RequestOptions } from './signed-client.js';

export type Json = Record<string, unknown>;

/** A call answered with another status than the step expects; the message carries the body. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
    readonly expected: readonly number[],
  ) {
    super(`${method} ${path} answered ${status} (expected ${expected.join(' or ')}): ${JSON.stringify(body ?? null).slice(0, 600)}`);
    this.name = 'ApiError';
  }

  /** `error.code` of the contract's error body. */
  get code(): string | undefined {
    return (this.body as { error?: { code?: string } } | undefined)?.error?.code;
  }
}

/** Sends a request and returns its JSON body when the status is one of `expected`. */
export async function call<T = Json>(
  client: RecordalClient,
  method: string,
  path: string,
  expected: number | readonly number[],
  options: RequestOptions = {},
): Promise<T> {
  const statuses = typeof expected === 'number' ? [expected] : expected;
  const response: ApiResponse<unknown> = await client.request(method, path, options);
  if (!statuses.includes(response.status)) throw new ApiError(method, path, response.status, response.body ?? response.text, statuses);
  return response.body as T;
}

// ---------------------------------------------------------------- what is sent

/** The filing of docs/design/filing.md's example (test/fixtures/filing-new.json): customer A's NEW filing. */
export const EXAMPLE_FILING_PATH = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'filing-new.json');

export function exampleFiling(): Json {
  return JSON.parse(readFileSync(EXAMPLE_FILING_PATH, 'utf8')) as Json;
}

/**
 * The unified social credit code (GB 32100, over a GB 11714 organisation code) of a Yinchuan
 * enterprise whose organisation code starts with `body` (8 characters of the USCC alphabet).
 */
export function usccOf(body: string): string {
  const first17 = `91640100${body}${organizationCodeCheckCharacter(body)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

/** A valid USCC of Yinchuan, chosen at random. */
export function randomUscc(): string {
  // The organisation code's body drawn from the letters a USCC may contain (GB 32100 has no I, O, S, V, Z).
  return usccOf(Array.from({ length: 8 }, () => USCC_ALPHABET[randomInt(USCC_ALPHABET.length)]).join(''));
}

/** A short run tag: APP names and entities of one run do not meet those of another. */
export const runTag = (): string => randomBytes(3).toString('hex').toUpperCase();

/**
 * The example NEW filing as a new application: its own entity (one application per entity may
 * be under review at a time) and its own APP name (`<example name> <tag>`).
 */
export function newFilingDocument(tag: string = runTag()): Json {
  const filing = exampleFiling();
  (filing.entity as Json).certificateNumber = randomUscc();
  (filing.app as Json).name = `${String((filing.app as Json).name)}${tag}`;
  return filing;
}

/** Customer A's account profile, for the example's own company, address and role. */
export function exampleAccountProfile(): Json {
  const filing = exampleFiling();
  const entity = filing.entity as Json;
  const principal = filing.entityPrincipal as Json;
  const access = filing.access as Json;
  return {
    companyName: entity.name,
    email: principal.email,
    mobile: principal.mobile,
    verificationIp: (access.ips as string[])[0],
    accessRoleArn: access.accessRoleArn,
    acceptPrivacyPolicy: true,
  };
}

/**
 * A record number the Communications Administration of Ningxia could issue to an APP (docs/design/rules.md):
 * 宁ICP备<year><6 digits>号-<n>A.
 */
export function randomRecordNumber(): string {
  return `宁ICP备${new Date().getUTCFullYear()}${String(randomInt(1_000_000)).padStart(6, '0')}号-${randomInt(1, 10)}A`;
}

// ---------------------------------------------------------------- customer steps

/** What the steps read of a filing (docs/design/filing.md "What the server adds"). */
export interface FilingView {
  filingId: string;
  type: string;
  status: FilingStatus;
  version: number;
  revision: number;
  recordNumber: string | null;
  ports: { open: boolean; securityGroupIds: string[]; openedAt?: string; closedAt?: string } | null;
  reasons: { code: string; path: string; message: string }[];
  access?: { ips?: string[] };
}

export interface RequirementView {
  kind: string;
  required: boolean;
  uploaded: boolean;
  problems: { code: string; message: string }[];
}

/** `PUT /v1/account`: registers (or updates) the caller's profile. */
export function registerAccount(customer: RecordalClient, profile: Json = exampleAccountProfile()): Promise<Json> {
  return call(customer, 'PUT', '/v1/account', 200, { body: profile });
}

/** `POST /v1/filings`: a draft, optionally under an `Idempotency-Key`. */
export function createFiling(customer: RecordalClient, document: Json, idempotencyKey?: string): Promise<FilingView> {
  return call<FilingView>(customer, 'POST', '/v1/filings', 201, {
    body: document,
    ...(idempotencyKey === undefined ? {} : { headers: { 'idempotency-key': idempotencyKey } }),
  });
}

export function getFiling(client: RecordalClient, filingId: string): Promise<FilingView> {
  return call<FilingView>(client, 'GET', `/v1/filings/${filingId}`, 200);
}

export async function requirementsOf(customer: RecordalClient, filingId: string): Promise<RequirementView[]> {
  return (await call<{ items: RequirementView[] }>(customer, 'GET', `/v1/filings/${filingId}/requirements`, 200)).items;
}

/**
 * Uploads a sample file meeting its constraints for every required attachment not uploaded yet
 * (`POST …/attachments` → presigned POST), and checks that the platform then sees each as
 * uploaded without problems. Returns the kinds uploaded.
 */
export async function uploadRequiredAttachments(customer: RecordalClient, filingId: string): Promise<string[]> {
  const needed = (await requirementsOf(customer, filingId)).filter((item) => item.required && !item.uploaded);
  for (const { kind } of needed) {
    const file = sampleAttachment(kind);
    const target = await call<{ url: string; fields: Record<string, string> }>(customer, 'POST', `/v1/filings/${filingId}/attachments`, 201, {
      body: { kind, contentType: file.contentType, fileName: file.fileName },
    });
    const upload = await uploadWithPresignedPost(target, file);
    if (upload.status >= 300) throw new Error(`upload of ${kind} to ${target.url} answered ${upload.status}: ${(await upload.text()).slice(0, 300)}`);
  }
  const after = await requirementsOf(customer, filingId);
  const wrong = after.filter((item) => item.required && (!item.uploaded || item.problems.length > 0));
  if (wrong.length > 0) throw new Error(`attachments not accepted after upload: ${JSON.stringify(wrong)}`);
  return needed.map((item) => item.kind);
}

/** A draft ready to submit: created, with every required attachment uploaded. */
export async function prepareFiling(customer: RecordalClient, document: Json = newFilingDocument()): Promise<FilingView> {
  const created = await createFiling(customer, document);
  await uploadRequiredAttachments(customer, created.filingId);
  return getFiling(customer, created.filingId);
}

export function submitFiling(customer: RecordalClient, filingId: string): Promise<FilingView> {
  return call<FilingView>(customer, 'POST', `/v1/filings/${filingId}/submit`, 202);
}

/** The customer's callbacks of docs/design/lifecycle.md. */
export const CUSTOMER_CALLBACKS = {
  AWAITING_VERIFICATION: 'verification',
  AWAITING_SMS_VERIFICATION: 'sms-verification',
} as const satisfies Partial<Record<FilingStatus, string>>;

export function reportCallback(customer: RecordalClient, filingId: string, callback: 'verification' | 'sms-verification'): Promise<FilingView> {
  return call<FilingView>(customer, 'POST', `/v1/filings/${filingId}/${callback}`, 202);
}

// ---------------------------------------------------------------- following the status

export interface WaitOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Between two reads (default 50 ms). */
  intervalMs?: number;
}

/**
 * Polls `GET /v1/filings/{id}` until the status is one of `statuses`; a final status that is not
 * wanted, or a `RETURNED` that is not wanted, ends the wait with an error naming the reasons.
 */
export async function waitForStatus(client: RecordalClient, filingId: string, statuses: FilingStatus | readonly FilingStatus[], options: WaitOptions = {}): Promise<FilingView> {
  const wanted: readonly FilingStatus[] = typeof statuses === 'string' ? [statuses] : statuses;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const filing = await getFiling(client, filingId);
    if (wanted.includes(filing.status)) return filing;
    if (filing.status === 'RETURNED' || FINAL_STATUSES.includes(filing.status)) {
      throw new Error(`filing ${filingId} is ${filing.status} while waiting for ${wanted.join(' or ')}: ${JSON.stringify(filing.reasons)}`);
    }
    if (Date.now() > deadline) throw new Error(`filing ${filingId} still ${filing.status} after ${options.timeoutMs ?? 30_000} ms waiting for ${wanted.join(' or ')}`);
    await sleep(options.intervalMs ?? 50);
  }
}

export interface AuditEventView {
  at: string;
  type: string;
  from: FilingStatus | null;
  to: FilingStatus | null;
  actor: string;
  reasons: { code: string; message: string }[];
}

export async function eventsOf(client: RecordalClient, filingId: string): Promise<AuditEventView[]> {
  return (await call<{ items: AuditEventView[] }>(client, 'GET', `/v1/filings/${filingId}/events`, 200)).items;
}

/**
 * Every status a filing went through, in order, read from its audit trail (so none is missed
 * however briefly the filing stayed in it): calls `onStatus` once per new status change.
 */
export class StatusFollower {
  private seen = 0;
  readonly statuses: FilingStatus[] = [];

  constructor(
    private readonly client: RecordalClient,
    private readonly filingId: string,
    private readonly onStatus: (status: FilingStatus, event: AuditEventView) => void = () => undefined,
  ) {}

  async poll(): Promise<void> {
    const events = await eventsOf(this.client, this.filingId);
    for (const event of events.slice(this.seen)) {
      if (event.to !== null && event.to !== event.from) {
        this.statuses.push(event.to);
        this.onStatus(event.to, event);
      }
    }
    this.seen = events.length;
  }
}

// ---------------------------------------------------------------- reviewer steps

export type ReviewStage = 'PRELIMINARY_REVIEW' | 'CA_DECISION';

export interface TaskView {
  taskId: string;
  stage: ReviewStage;
  filingId: string;
  accountId: string;
  createdAt: string;
  deadline: string;
  overdue: boolean;
}

/** The open task of `stage` for a filing, following `nextCursor` (`GET /v1/review/tasks?stage=`), or undefined. */
export async function openTaskOf(reviewer: RecordalClient, stage: ReviewStage, filingId: string): Promise<TaskView | undefined> {
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ stage, limit: '100', ...(cursor === null ? {} : { cursor }) });
    const page: { items: TaskView[]; nextCursor: string | null } = await call(reviewer, 'GET', `/v1/review/tasks?${query.toString()}`, 200);
    const task = page.items.find((item) => item.filingId === filingId);
    if (task !== undefined) return task;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return undefined;
}

/** Waits (bounded) until the filing's task of `stage` is listed. */
export async function waitForTask(reviewer: RecordalClient, stage: ReviewStage, filingId: string, options: WaitOptions = {}): Promise<TaskView> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const task = await openTaskOf(reviewer, stage, filingId);
    if (task !== undefined) return task;
    if (Date.now() > deadline) throw new Error(`no open ${stage} task for filing ${filingId} after ${options.timeoutMs ?? 30_000} ms`);
    await sleep(options.intervalMs ?? 50);
  }
}

export interface Decision {
  decision: 'APPROVE' | 'REJECT';
  reasons: { code: string; message: string }[];
  recordNumber?: string;
  paperMaterialsReceived?: boolean;
}

/** `POST /v1/review/tasks/{taskId}/decision` → the raw answer (202, or 409 for a task already decided). */
export function sendDecision(reviewer: RecordalClient, taskId: string, decision: Decision): Promise<ApiResponse<unknown>> {
  return reviewer.post(`/v1/review/tasks/${taskId}/decision`, decision);
}

export async function decide(reviewer: RecordalClient, stage: ReviewStage, filingId: string, decision: Decision, options: WaitOptions = {}): Promise<TaskView> {
  const task = await waitForTask(reviewer, stage, filingId, options);
  await call(reviewer, 'POST', `/v1/review/tasks/${task.taskId}/decision`, 202, { body: decision });
  return task;
}

// ---------------------------------------------------------------- the whole lifecycle

export interface Actors {
  customer: RecordalClient;
  reviewer: RecordalClient;
}

export interface DriveOptions extends WaitOptions {
  /** The CA's record number, for a NEW filing. */
  recordNumber?: string;
  /** Called once per status the filing goes through, in order. */
  onStatus?: (status: FilingStatus, event: AuditEventView) => void;
  /** Called once before each action taken (for the demo's narration). */
  /** Called before each action, with the filing as the action finds it (awaited). */
  onAction?: (action: string, filing?: FilingView) => void | Promise<void>;
}

/**
 * Submits a prepared filing and answers what it waits for, as the customer and the reviewer
 * would, until it is APPROVED: the electronic verification, the preliminary approval, the SMS
 * verification and the CA's approval (with `recordNumber` for a NEW filing). Ends with the
 * approved filing; a RETURNED or WITHDRAWN filing, or the timeout (whole lifecycle), is an error.
 */
export async function driveToApproved(actors: Actors, filingId: string, options: DriveOptions = {}): Promise<FilingView> {
  const { customer, reviewer } = actors;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const remaining = () => ({ timeoutMs: Math.max(1, deadline - Date.now()), intervalMs: options.intervalMs ?? 50 });
  const follower = new StatusFollower(customer, filingId, options.onStatus);
  const act = options.onAction ?? (() => undefined);

  await follower.poll();
  await act('submit');
  await submitFiling(customer, filingId);
  const answered = new Set<string>();
  for (;;) {
    await follower.poll();
    const filing = await waitForStatus(customer, filingId, ['AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'AWAITING_SMS_VERIFICATION', 'CA_REVIEW', 'APPROVED'], remaining());
    await follower.poll();
    // One answer per stage and revision: a status seen again before the workflow moved on is not answered twice.
    const stage = `${filing.status}@${filing.revision}`;
    if (filing.status === 'APPROVED') return filing;
    if (!answered.has(stage)) {
      answered.add(stage);
      switch (filing.status) {
        case 'AWAITING_VERIFICATION':
        case 'AWAITING_SMS_VERIFICATION': {
          const callback = CUSTOMER_CALLBACKS[filing.status];
          await act(`customer reports ${callback}`, filing);
          await reportCallback(customer, filingId, callback);
          break;
        }
        case 'PRELIMINARY_REVIEW':
          await act('reviewer approves the preliminary review', filing);
          await decide(reviewer, 'PRELIMINARY_REVIEW', filingId, { decision: 'APPROVE', reasons: [] }, remaining());
          break;
        case 'CA_REVIEW':
          await act(`reviewer records the CA's approval${filing.type === 'NEW' ? ` with record number ${options.recordNumber ?? '(none)'}` : ''}`, filing);
          await decide(
            reviewer,
            'CA_DECISION',
            filingId,
            { decision: 'APPROVE', reasons: [], ...(filing.type === 'NEW' && options.recordNumber !== undefined ? { recordNumber: options.recordNumber } : {}) },
            remaining(),
          );
          break;
      }
    }
    if (Date.now() > deadline) throw new Error(`filing ${filingId} not APPROVED within ${timeoutMs} ms (now ${filing.status})`);
    await sleep(options.intervalMs ?? 50);
  }
}

// ---------------------------------------------------------------- the customer account's resources

/** The inbound rules of one security group in the local account resources file (docs/design/api.md). */
export interface IngressRuleView {
  protocol: string;
  port: number;
  cidr: string;
}

export function securityGroupIngress(accountResourcesFile: string, accountId: string, securityGroupId: string): IngressRuleView[] {
  const file = JSON.parse(readFileSync(accountResourcesFile, 'utf8')) as {
    accounts?: Record<string, { securityGroups?: Record<string, { ingress?: IngressRuleView[] }> }>;
  };
  const group = file.accounts?.[accountId]?.securityGroups?.[securityGroupId];
  if (group === undefined) throw new Error(`${accountResourcesFile} has no security group ${securityGroupId} in account ${accountId}`);
  return group.ingress ?? [];
}

/** The distinct TCP ports open on a security group, ascending. */
export function openPorts(accountResourcesFile: string, accountId: string, securityGroupId: string): number[] {
  const ports = securityGroupIngress(accountResourcesFile, accountId, securityGroupId)
    .filter((rule) => rule.protocol === 'tcp')
    .map((rule) => rule.port);
  return [...new Set(ports)].sort((a, b) => a - b);
}
