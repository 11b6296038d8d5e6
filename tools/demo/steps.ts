/**
 * The customer's and the reviewer's steps of a recordal that take more than one call, on the
 * client library: upload every required attachment, wait for a status or a review task, and
 * drive a submitted filing through every callback to APPROVED. Shared by `npm run demo`, the
 * end-to-end tests and the fuzzer's set-up. A refusal throws the client's RecordalApiError.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FINAL_STATUSES } from '../../lambdas/shared/domain/lifecycle.js';
import {
  StatusFollower,
  type Filing,
  type FilingDocument,
  type FilingStatus,
  type RecordalClient,
  type ReviewDecision,
  type ReviewStage,
  type ReviewTask,
  type StatusChange,
} from '../../lib/client/index.js';
import { sampleAttachment } from '../../lib/local/samples/attachments.js';
import { newFilingDocument } from './fixtures.js';

/**
 * Uploads a sample file meeting its constraints for every required attachment not uploaded yet,
 * and checks that the platform then sees each as uploaded without problems. Returns the kinds uploaded.
 */
export async function uploadRequiredAttachments(customer: RecordalClient, filingId: string): Promise<string[]> {
  const needed = (await customer.requirements(filingId)).filter((item) => item.required && !item.uploaded);
  for (const { kind } of needed) await customer.uploadAttachment(filingId, kind, sampleAttachment(kind));
  const wrong = (await customer.requirements(filingId)).filter((item) => item.required && (!item.uploaded || item.problems.length > 0));
  if (wrong.length > 0) throw new Error(`attachments not accepted after upload: ${JSON.stringify(wrong)}`);
  return needed.map((item) => item.kind);
}

/** A draft ready to submit: created, with every required attachment uploaded. */
export async function prepareFiling(customer: RecordalClient, document: FilingDocument = newFilingDocument()): Promise<Filing> {
  const created = await customer.createFiling(document);
  await uploadRequiredAttachments(customer, created.filingId);
  return customer.getFiling(created.filingId);
}

/** The customer's callbacks of docs/design/lifecycle.md, by the status that waits for them. */
export const CUSTOMER_CALLBACKS = {
  AWAITING_VERIFICATION: (customer: RecordalClient, filingId: string) => customer.reportVerification(filingId),
  AWAITING_SMS_VERIFICATION: (customer: RecordalClient, filingId: string) => customer.reportSmsVerification(filingId),
} as const satisfies Partial<Record<FilingStatus, (customer: RecordalClient, filingId: string) => Promise<Filing>>>;

export interface WaitOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Between two reads (default 50 ms). */
  intervalMs?: number;
}

/**
 * Polls the filing until its status is one of `statuses`; a final status that is not wanted, or
 * a `RETURNED` that is not wanted, ends the wait with an error naming the reasons.
 */
export async function waitForStatus(client: RecordalClient, filingId: string, statuses: FilingStatus | readonly FilingStatus[], options: WaitOptions = {}): Promise<Filing> {
  const wanted: readonly FilingStatus[] = typeof statuses === 'string' ? [statuses] : statuses;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const filing = await client.getFiling(filingId);
    if (wanted.includes(filing.status)) return filing;
    if (filing.status === 'RETURNED' || FINAL_STATUSES.includes(filing.status)) {
      throw new Error(`filing ${filingId} is ${filing.status} while waiting for ${wanted.join(' or ')}: ${JSON.stringify(filing.reasons)}`);
    }
    if (Date.now() > deadline) throw new Error(`filing ${filingId} still ${filing.status} after ${options.timeoutMs ?? 30_000} ms waiting for ${wanted.join(' or ')}`);
    await sleep(options.intervalMs ?? 50);
  }
}

/** The open task of `stage` for a filing (every page of `GET /v1/review/tasks?stage=`), or undefined. */
export async function openTaskOf(reviewer: RecordalClient, stage: ReviewStage, filingId: string): Promise<ReviewTask | undefined> {
  for await (const task of reviewer.reviewTasks({ stage, limit: 100 })) if (task.filingId === filingId) return task;
  return undefined;
}

/** Waits (bounded) until the filing's task of `stage` is listed. */
export async function waitForTask(reviewer: RecordalClient, stage: ReviewStage, filingId: string, options: WaitOptions = {}): Promise<ReviewTask> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const task = await openTaskOf(reviewer, stage, filingId);
    if (task !== undefined) return task;
    if (Date.now() > deadline) throw new Error(`no open ${stage} task for filing ${filingId} after ${options.timeoutMs ?? 30_000} ms`);
    await sleep(options.intervalMs ?? 50);
  }
}

/** Waits for the filing's task of `stage`, then decides it. */
export async function decide(reviewer: RecordalClient, stage: ReviewStage, filingId: string, decision: ReviewDecision, options: WaitOptions = {}): Promise<ReviewTask> {
  const task = await waitForTask(reviewer, stage, filingId, options);
  await reviewer.decide(task.taskId, decision);
  return task;
}

export interface Actors {
  customer: RecordalClient;
  reviewer: RecordalClient;
}

export interface DriveOptions extends WaitOptions {
  /** The CA's record number, for a NEW filing. */
  recordNumber?: string;
  /** Called once per status the filing goes through, in order. */
  onStatus?: (status: FilingStatus, change: StatusChange) => void;
  /** Called before each action, with the filing as the action finds it (awaited). */
  onAction?: (action: string, filing?: Filing) => void | Promise<void>;
}

/**
 * Submits a prepared filing and answers what it waits for, as the customer and the reviewer
 * would, until it is APPROVED: the electronic verification, the preliminary approval, the SMS
 * verification and the CA's approval (with `recordNumber` for a NEW filing). Ends with the
 * approved filing; a RETURNED or WITHDRAWN filing, or the timeout (whole lifecycle), is an error.
 */
export async function driveToApproved(actors: Actors, filingId: string, options: DriveOptions = {}): Promise<Filing> {
  const { customer, reviewer } = actors;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const remaining = () => ({ timeoutMs: Math.max(1, deadline - Date.now()), intervalMs: options.intervalMs ?? 50 });
  const follower = new StatusFollower(customer, filingId, (change) => options.onStatus?.(change.to, change));
  const act = options.onAction ?? (() => undefined);

  await follower.poll();
  await act('submit');
  await customer.submit(filingId);
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
        case 'AWAITING_SMS_VERIFICATION':
          await act(`customer reports ${filing.status === 'AWAITING_VERIFICATION' ? 'verification' : 'sms-verification'}`, filing);
          await CUSTOMER_CALLBACKS[filing.status](customer, filingId);
          break;
        case 'PRELIMINARY_REVIEW':
          await act('reviewer approves the preliminary review', filing);
          await decide(reviewer, 'PRELIMINARY_REVIEW', filingId, { decision: 'APPROVE', reasons: [] }, remaining());
          break;
        case 'CA_REVIEW': {
          const recordNumber = filing.type === 'NEW' ? options.recordNumber : undefined;
          await act(`reviewer records the CA's approval${filing.type === 'NEW' ? ` with record number ${recordNumber ?? '(none)'}` : ''}`, filing);
          await decide(reviewer, 'CA_DECISION', filingId, { decision: 'APPROVE', reasons: [], ...(recordNumber === undefined ? {} : { recordNumber }) }, remaining());
          break;
        }
      }
    }
    if (Date.now() > deadline) throw new Error(`filing ${filingId} not APPROVED within ${timeoutMs} ms (now ${filing.status})`);
    await sleep(options.intervalMs ?? 50);
  }
}
