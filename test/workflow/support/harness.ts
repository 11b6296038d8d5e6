import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { attachMiddleware, resetClients, s3 } from '../../../lambdas/shared/adapters/clients.js';
import type { Audience } from '../../../lambdas/shared/adapters/notifier.js';
import { networkAdapter, type NetworkAdapter } from '../../../lambdas/shared/adapters/network/index.js';
import { installAdapters } from '../../../lambdas/shared/adapters/composition.js';
import { createLocalNetworkAdapter } from '../../../lib/local/network-adapter.js';
import { decideTask } from '../../../lambdas/shared/application/decide.js';
import { reportVerification } from '../../../lambdas/shared/application/report-verification.js';
import { submitFiling as submitUseCase } from '../../../lambdas/shared/application/submit.js';
import { grantUpload } from '../../../lambdas/shared/application/uploads.js';
import { withdrawFiling } from '../../../lambdas/shared/application/withdraw.js';
import { ATTACHMENT_KINDS, type AttachmentKind, type Problem, type ReviewDecision, type ApplicationType, type CallbackStage, type FilingStatus } from '../../../lambdas/shared/domain/index.js';
import { createFiling, getFiling, getTaskForDecision, type FilingRecord } from '../../../lambdas/shared/store/index.js';
import type { CallbackTimeoutPolicy } from '../../../lambdas/shared/workflow/plan.js';
import { executionName } from '../../../lambdas/shared/workflow/state.js';
import { sampleAttachment } from '../../../lib/local/samples/attachments.js';
import { startLocalStepFunctions, type ExecutionSummary, type LocalStepFunctions } from '../../../lib/local/stepfunctions/index.js';
import { createTestBucket, createTestTable } from '../../support/services.js';
import { captureTableEvents, type CapturedEvent } from '../../support/table-events.js';
import { handler as applyDecision } from '../../../lambdas/apply-decision/handler.js';
import { handler as awaitCallback } from '../../../lambdas/await-callback/handler.js';
import { handler as checkAttachments } from '../../../lambdas/check-attachments/handler.js';
import { handler as checkResources } from '../../../lambdas/check-resources/handler.js';
import { handler as submitToAdministration } from '../../../lambdas/submit-to-administration/handler.js';
import { handler as transition } from '../../../lambdas/transition/handler.js';
import { handler as updatePorts } from '../../../lambdas/update-ports/handler.js';

/**
 * The lifecycle ASL file itself on the local Step Functions runtime, its Task states bound to
 * the real handlers, over the run's DynamoDB Local and s3rver (own table and bucket per test
 * file) and a local account resources file. Callbacks are answered as the APIs answer them:
 * the stored task is claimed and its token sent back with the real SFN client.
 */
export { LIFECYCLE_ASL_PATH as LIFECYCLE_ASL } from '../../../lib/lifecycle-definition.js';
import { LIFECYCLE_ASL_PATH as LIFECYCLE_ASL } from '../../../lib/lifecycle-definition.js';

/** Set while a step handler runs: faults are injected into the workflow's calls, not the test's own. */
const inStep = new AsyncLocalStorage<boolean>();
const step =
  <E, C, R>(handler: (event: E, context: C) => Promise<R>) =>
  (event: E, context: C): Promise<R> =>
    inStep.run(true, () => handler(event, context));

export const HANDLERS = {
  checkResources: step(checkResources),
  checkAttachments: step(checkAttachments),
  awaitCallback: step(awaitCallback),
  transition: step(transition),
  submitToAdministration: step(submitToAdministration),
  applyDecision: step(applyDecision),
  updatePorts: step(updatePorts),
};

export const CUSTOMER_A = '111111111111';
export const REVIEWER = 'arn:aws-cn:iam::999999999999:role/IcpReviewer';

export type { CapturedEvent };
export interface CapturedNotice {
  audience: Audience;
  subject: string;
  message: string;
}

export interface Harness {
  runtime: LocalStepFunctions;
  resourcesFile: string;
  /** Published from the table's stream: `eventsCaughtUp()` before reading. */
  /** The local network adapter over resourcesFile (installed while the harness runs). */
  network: NetworkAdapter;
  events: CapturedEvent[];
  eventsCaughtUp(): Promise<void>;
  notices: CapturedNotice[];
  ended: Map<string, ExecutionSummary>;
  /** Stops the runtime only (executions are lost, as on a platform restart). */
  restartRuntime(): Promise<void>;
  stop(): Promise<void>;
}

async function startRuntime(ended: Map<string, ExecutionSummary>): Promise<LocalStepFunctions> {
  const runtime = await startLocalStepFunctions({
    definitionPath: LIFECYCLE_ASL,
    handlers: HANDLERS,
    retryDelayScale: 0,
    onExecutionEnd: (execution) => {
      ended.set(execution.name, execution);
    },
  });
  process.env.AWS_ENDPOINT_URL_SFN = runtime.endpoint;
  process.env.STATE_MACHINE_ARN = runtime.stateMachineArn;
  resetClients();
  return runtime;
}

export async function startHarness(): Promise<Harness> {
  process.env.TABLE_NAME = await createTestTable('workflow');
  process.env.BUCKET_NAME = await createTestBucket('workflow');
  const folder = await mkdtemp(join(tmpdir(), 'recordal-workflow-'));
  const resourcesFile = join(folder, 'account-resources.json');
  delete process.env.EVENT_BUS_NAME;
  const events: CapturedEvent[] = [];
  const notices: CapturedNotice[] = [];
  const tableEvents = await captureTableEvents(process.env.TABLE_NAME, events);
  const network = createLocalNetworkAdapter(resourcesFile);
  const restoreAdapters = installAdapters({
    network,
    notices: async (audience, subject, message) => {
      notices.push({ audience, subject, message });
    },
  });
  const ended = new Map<string, ExecutionSummary>();
  const harness: Harness = {
    runtime: await startRuntime(ended),
    resourcesFile,
    network,
    events,
    eventsCaughtUp: () => tableEvents.caughtUp(),
    notices,
    ended,
    async restartRuntime() {
      await harness.runtime.stop();
      harness.runtime = await startRuntime(ended);
    },
    async stop() {
      await harness.runtime.stop();
      await tableEvents.stop();
      restoreAdapters();
      resetClients();
      await rm(folder, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Long enough never to fire in a test, unless a test shortens one stage. */
/** A harness of the test file's own: started before its tests, stopped after them. */
export function harnessOfFile(): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await harness?.stop();
  });
  return () => {
    if (harness === undefined) throw new Error('the harness has not started');
    return harness;
  };
}

export const NO_TIMEOUTS: CallbackTimeoutPolicy = () => 3600;

export function shortTimeout(stage: CallbackStage, seconds = 1): CallbackTimeoutPolicy {
  return (s) => (s === stage ? seconds : 3600);
}

// ------------------------------------------------------------------ filings

export async function uploadAttachments(filingId: string, kinds: readonly AttachmentKind[] = ATTACHMENT_KINDS.filter((k) => k !== 'PRE_APPROVAL_DOCUMENT')): Promise<void> {
  for (const kind of kinds) await putAttachment(filingId, kind, sampleAttachment(kind).bytes, sampleAttachment(kind).contentType);
}

/** An upload as the customer makes it: a grant from the real use case, then the object under its key. Returns the key. */
export async function putAttachment(filingId: string, kind: AttachmentKind, bytes: Uint8Array, contentType: string): Promise<string> {
  const filing = (await getFiling(filingId))!;
  const grant = await grantUpload(filing, kind, contentType, filing.accountId);
  await s3().send(new PutObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: grant.key, Body: bytes, ContentType: contentType }));
  return grant.key;
}

export interface SubmitOptions {
  accountId?: string;
  type?: ApplicationType;
  targetFilingId?: string;
  /** Upload every attachment kind's sample first (default: only when the type needs attachments). */
  attachments?: boolean;
}

/** A draft created, its attachments uploaded, and submitted through the real use case. */
export async function submitFiling(document: Record<string, unknown>, options: SubmitOptions = {}): Promise<FilingRecord> {
  const accountId = options.accountId ?? CUSTOMER_A;
  const type = options.type ?? 'NEW';
  const draft = await createFiling({ accountId, type, document, ...(options.targetFilingId && { targetFilingId: options.targetFilingId }) });
  if (options.attachments ?? ['NEW', 'CHANGE_ENTITY', 'CHANGE_INFO'].includes(type)) await uploadAttachments(draft.filingId);
  return resubmit(draft);
}

/** The submit use case the customer API calls (lambdas/shared/application/submit.ts); refusals fail the test. */
export async function resubmit(record: FilingRecord): Promise<FilingRecord> {
  const outcome = await submitUseCase({ filing: (await getFiling(record.filingId))!, actor: record.accountId });
  if (outcome.kind !== 'SUBMITTED') throw new Error(`submit refused: ${JSON.stringify(outcome)}`);
  return outcome.filing;
}

/**
 * Submit with its StartExecution lost, as when the process dies right after the commit: the
 * filing is SUBMITTED (evidence frozen) and has no execution.
 */
export async function submitWithoutStart(record: FilingRecord): Promise<FilingRecord> {
  const detach = attachMiddleware(
    'sfn',
    (next, context) => async (args) =>
      (context as { commandName?: string }).commandName === 'StartExecutionCommand'
        ? { output: { $metadata: {}, executionArn: 'lost', startDate: new Date() }, response: {} }
        : next(args),
    { step: 'initialize', name: 'lose-start-execution' },
  );
  resetClients();
  try {
    return await resubmit(record);
  } finally {
    detach();
    resetClients();
  }
}

// ------------------------------------------------------------------ waiting

export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The filing once it is in `status` (and, for a callback status, its task is stored). */
export async function waitForStatus(filingId: string, status: FilingStatus, timeoutMs?: number): Promise<FilingRecord> {
  const callback = ['AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'AWAITING_SMS_VERIFICATION', 'CA_REVIEW'].includes(status);
  return eventually(
    async () => {
      const filing = await getFiling(filingId);
      if (filing?.status !== status) return undefined;
      if (callback && filing.openTaskId === undefined) return undefined;
      return filing;
    },
    `filing ${filingId} ${status}`,
    timeoutMs,
  );
}

export async function waitForEnd(harness: Harness, filing: Pick<FilingRecord, 'filingId' | 'revision'>): Promise<ExecutionSummary> {
  const name = executionName(filing.filingId, filing.revision);
  return eventually(async () => harness.ended.get(name), `execution ${name} to end`);
}

// ------------------------------------------------------------------ answers, as the APIs give them

/**
 * Waits for the stage's open task and answers it through the real use cases the APIs call
 * (lambdas/shared/application): the customer's report, or the reviewer's decision (recorded,
 * then handed to the workflow from the record).
 */
export async function answerStage(
  filingId: string,
  status: FilingStatus,
  answer: { success: Record<string, unknown> } | { reject: { code: string; message: string }[] },
  decidedBy = REVIEWER,
): Promise<void> {
  const filing = await waitForStatus(filingId, status);
  const stored = await getTaskForDecision(filing.openTaskId!);
  expect(stored?.state).toBe('OPEN');
  if (status === 'AWAITING_VERIFICATION' || status === 'AWAITING_SMS_VERIFICATION') {
    expect(await reportVerification(filing, status === 'AWAITING_VERIFICATION' ? 'VERIFICATION' : 'SMS_VERIFICATION', decidedBy)).toBe(true);
    return;
  }
  const decision = ('success' in answer ? { ...answer.success } : { decision: 'REJECT', reasons: answer.reject }) as ReviewDecision;
  const outcome = await decideTask({ taskId: filing.openTaskId!, decision, reviewer: decidedBy });
  expect(outcome.kind === 'INVALID' ? outcome.problems : outcome.kind).toBe('RECORDED');
}

export const approve = { success: { decision: 'APPROVE' } };

/**
 * A reviewer decision as the review API handles it: the domain's checks first (422 problems,
 * nothing recorded, the task stays open), then the decision recorded and handed over.
 */
export async function reviewerDecision(filingId: string, status: 'PRELIMINARY_REVIEW' | 'CA_REVIEW', decision: ReviewDecision): Promise<Problem[]> {
  const filing = await waitForStatus(filingId, status);
  const outcome = await decideTask({ taskId: filing.openTaskId!, decision, reviewer: REVIEWER });
  return outcome.kind === 'INVALID' ? outcome.problems : [];
}

/** The happy path from SUBMITTED to the CA decision, answering each stage the type has. */
export async function approveThrough(filing: FilingRecord, options: { verification: boolean; sms: boolean; recordNumber?: string }): Promise<void> {
  if (options.verification) await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: { stage: 'VERIFICATION' } }, filing.accountId);
  await answerStage(filing.filingId, 'PRELIMINARY_REVIEW', { success: { decision: 'APPROVE', paperMaterialsReceived: true } });
  if (options.sms) await answerStage(filing.filingId, 'AWAITING_SMS_VERIFICATION', { success: { stage: 'SMS_VERIFICATION' } }, filing.accountId);
  await answerStage(filing.filingId, 'CA_REVIEW', { success: { decision: 'APPROVE', ...(options.recordNumber && { recordNumber: options.recordNumber }) } });
}

/** The withdraw use case the customer API calls (lambdas/shared/application/withdraw.ts). */
export async function withdraw(filingId: string): Promise<FilingRecord> {
  const record = (await getFiling(filingId))!;
  const outcome = await withdrawFiling({ filingId, accountId: record.accountId, actor: record.accountId });
  if (outcome.kind !== 'WITHDRAWN') throw new Error(`withdraw refused: ${JSON.stringify(outcome)}`);
  return outcome.filing;
}

// ------------------------------------------------------------------ fault injection

/**
 * Throttling on the first attempt of every command of DynamoDB and S3 (and of every network
 * call: STS/EC2/ELBv2 through the adapter), thrown as those services name it. Each distinct
 * command fails once, then passes: the state machine's Retry must carry the lifecycle through.
 */
export function injectThrottling(): { failures: () => string[]; stop: () => void } {
  const failed = new Set<string>();
  const failures: string[] = [];
  const throttleOnce = (key: string, name: string, status: number): void => {
    if (inStep.getStore() !== true || failed.has(key)) return;
    failed.add(key);
    failures.push(key);
    const error = Object.assign(new Error(`Rate exceeded (injected): ${key}`), { name, $metadata: { httpStatusCode: status }, $fault: 'client' });
    throw error;
  };
  const detach = (['dynamodb', 's3'] as const).map((service) =>
    attachMiddleware(
      service,
      (next, context) => async (args) => {
        const command = String((context as { commandName?: unknown }).commandName);
        throttleOnce(`${service}:${command}`, service === 's3' ? 'SlowDown' : 'ThrottlingException', service === 's3' ? 503 : 400);
        return next(args);
      },
      { step: 'initialize', name: `inject-throttling-${service}` },
    ),
  );
  resetClients();
  const local = networkAdapter();
  // STS throttles the AssumeRole before EC2 and ELBv2 are asked; EC2 says RequestLimitExceeded.
  const faulty: NetworkAdapter = {
    describeAccount: async (access, ids) => {
      throttleOnce('sts:AssumeRole', 'Throttling', 400);
      throttleOnce('ec2:DescribeAddresses', 'RequestLimitExceeded', 503);
      return local.describeAccount(access, ids);
    },
    openPorts: async (access, ids) => {
      throttleOnce('ec2:AuthorizeSecurityGroupIngress', 'RequestLimitExceeded', 503);
      return local.openPorts(access, ids);
    },
    closePorts: async (access, ids) => {
      throttleOnce('ec2:RevokeSecurityGroupIngress', 'RequestLimitExceeded', 503);
      return local.closePorts(access, ids);
    },
  };
  const restoreNetwork = installAdapters({ network: faulty });
  return {
    failures: () => [...failures],
    stop: () => {
      for (const d of detach) d();
      restoreNetwork();
      resetClients();
    },
  };
}
