import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { createLogger } from '../shared/logging/logger.js';
import { CALLBACK_STAGES, EDITABLE_STATUSES, IN_WORKFLOW_STATUSES, WITHDRAWABLE_STATUSES, applyChange, checkForSubmit, verificationMethodOf, type FilingDocument, type FilingStatus } from '../shared/domain/index.js';
import { reportVerification } from '../shared/application/report-verification.js';
import type { OtherFiling } from '../shared/domain/context.js';
import { listAttachments } from '../shared/adapters/attachments-store.js';
import { sfn } from '../shared/adapters/clients.js';
import { HttpError, validationFailed } from '../shared/http/errors.js';
import { problem } from '../shared/messages/index.js';
import { recordFilingOutcome } from '../shared/metrics.js';
import { lifecycleReason } from '../shared/workflow/reasons.js';
import { ifMatchVersion, todayInShanghai } from '../shared/http/preconditions.js';
import { requireNoBody } from '../shared/http/request.js';
import { documentOf, filingBody, filingSchema } from '../shared/http/representations.js';
import { etagOf, json } from '../shared/http/response.js';
import { route, type RequestContext, type Route } from '../shared/http/router.js';
import {
  VersionMismatchError,
  WrongStatusError,
  claimChange,
  getFiling,
  listFilings,
  refuseEntityShownElsewhere,
  transitionFiling,
  type FilingRecord,
} from '../shared/store/index.js';
import { recentAccount } from './account-cache.js';
import { ownFiling } from './filings.js';

const logger = createLogger();

/** Routes of this file take no body; an empty object is tolerated, anything else is 422. */
const noBody = requireNoBody;

function wrongStatus(record: FilingRecord, allowed: readonly FilingStatus[]): HttpError {
  return new HttpError(409, {
    text: 'STATUS_NOT_ALLOWED',
    params: { status: record.status, allowed: { or: allowed } },
    details: [problem('WRONG_STATUS', 'status', { status: record.status })],
  });
}

function stateMachineArn(): string {
  const arn = process.env.STATE_MACHINE_ARN;
  if (!arn) throw new Error('STATE_MACHINE_ARN is not set');
  return arn;
}

/** Execution name of docs/design/lifecycle.md (so a repeated start of one submission is harmless). */
export const executionName = (filingId: string, revision: number): string => `${filingId}-r${revision}`;

/** `arn:…:states:…:stateMachine:<name>` → `arn:…:states:…:execution:<name>:<execution>`. */
export function executionArnOf(machineArn: string, name: string): string {
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

const certificateNumberOf = (document: FilingDocument | undefined): string | undefined =>
  document !== undefined && 'entity' in document ? document.entity?.certificateNumber : undefined;

/** Bounded: an account with more filings than this is checked against its newest ones. */
const MAX_OTHER_FILING_PAGES = 10;

async function otherFilingsOf(accountId: string): Promise<OtherFiling[]> {
  const found: OtherFiling[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_OTHER_FILING_PAGES; page += 1) {
    const result = await listFilings(accountId, { limit: 100, ...(cursor !== undefined && { cursor }) });
    for (const record of result.items) {
      const document = documentOf(record);
      const appName = 'app' in document ? document.app?.name : undefined;
      const entityCertificateNumber = certificateNumberOf(document);
      found.push({
        filingId: record.filingId,
        status: record.status,
        type: record.type,
        ...(entityCertificateNumber !== undefined && { entityCertificateNumber }),
        ...(appName !== undefined && { appName }),
      });
    }
    cursor = result.nextCursor;
    if (cursor === undefined) break;
  }
  return found;
}

const EDITABLE = EDITABLE_STATUSES;

async function submit({ event, caller, params }: RequestContext<'customer'>) {
  const expectedVersion = ifMatchVersion(event, false);
  noBody(event);
  const record = await ownFiling(params.id!, caller.accountId);
  if (!EDITABLE.includes(record.status)) throw wrongStatus(record, EDITABLE);
  if (expectedVersion !== undefined && expectedVersion !== record.version) throw new HttpError(412);
  const document = documentOf(record);
  const [account, otherFilings, attachments, targetRecord] = await Promise.all([
    recentAccount(caller.accountId),
    otherFilingsOf(caller.accountId),
    listAttachments(record.filingId),
    record.targetFilingId === undefined ? Promise.resolve(null) : getFiling(record.targetFilingId, { accountId: caller.accountId }),
  ]);
  const target = targetRecord === null ? undefined : { filingId: targetRecord.filingId, status: targetRecord.status, document: documentOf(targetRecord) };
  const problems = checkForSubmit(document, {
    today: todayInShanghai(),
    callerAccountId: caller.accountId,
    account: account?.profile,
    otherFilings,
    filingId: record.filingId,
    ...(target !== undefined && { target }),
    uploadedAttachmentKinds: attachments.map((attachment) => attachment.kind),
  });
  if (problems.length > 0) throw validationFailed(problems);

  const revision = record.revision + 1;
  const name = executionName(record.filingId, revision);
  const machineArn = stateMachineArn();
  const executionArn = executionArnOf(machineArn, name);
  const effective = document.type === 'NEW' || target === undefined ? document : applyChange(target.document, document);
  // Claims follow the filing (docs/design/rules.md ENTITY_BUSY, APP_NAME_TAKEN): an entity another
  // account has shown to be its own is refused here; the rest is taken in the transition.
  await refuseEntityShownElsewhere(record, targetRecord ?? undefined);
  const claims = claimChange(record, 'IN_REVIEW', targetRecord ?? undefined);
  let submitted: FilingRecord;
  try {
    submitted = await transitionFiling(
      {
        filingId: record.filingId,
        from: EDITABLE,
        to: 'SUBMITTED',
        actor: caller.principalArn,
        set: { revision, verificationMethod: verificationMethodOf(effective), executionArn, heldClaims: claims.heldClaims },
        claims: claims.claims,
        releases: claims.releases,
      },
      { current: record },
    );
  } catch (error) {
    // A concurrent submit (or edit) got there first: the filing is no longer what was checked.
    if (error instanceof WrongStatusError || error instanceof VersionMismatchError) {
      const now = await getFiling(record.filingId);
      throw now === null ? new HttpError(404) : wrongStatus(now, EDITABLE);
    }
    throw error;
  }
  try {
    await sfn().send(new StartExecutionCommand({ stateMachineArn: machineArn, name, input: JSON.stringify({ filingId: record.filingId, revision }) }));
  } catch (error) {
    if ((error as { name?: string }).name !== 'ExecutionAlreadyExists') {
      // Never leave a SUBMITTED filing without its execution: give it back to the customer.
      logger.error('StartExecution failed; returning the filing', { filingId: record.filingId, error: (error as Error).name });
      const back = claimChange(submitted, 'RETURNED', targetRecord ?? undefined);
      await transitionFiling(
        {
          filingId: record.filingId,
          from: ['SUBMITTED'],
          to: 'RETURNED',
          actor: 'system',
          reasons: [lifecycleReason('SYSTEM_ERROR', { notStarted: true })],
          claims: back.claims,
          releases: back.releases,
          set: { heldClaims: back.heldClaims },
        },
        { current: submitted },
      );
      recordFilingOutcome('returned');
      throw error;
    }
  }
  recordFilingOutcome('submitted');
  return json(202, filingBody(submitted), { etag: etagOf(submitted.version) });
}

/**
 * The customer's callbacks: recorded on the filing's open task of this stage (exactly one report
 * wins) and handed to the workflow from the record (lambdas/shared/application).
 */
async function report(context: RequestContext<'customer'>, stage: 'VERIFICATION' | 'SMS_VERIFICATION') {
  const { event, caller, params } = context;
  noBody(event);
  const record = await ownFiling(params.id!, caller.accountId);
  if (!(await reportVerification(record, stage, caller.principalArn))) throw wrongStatus(record, [CALLBACK_STAGES[stage]]);
  return json(202, filingBody(record), { etag: etagOf(record.version) });
}

const MAX_WITHDRAW_ATTEMPTS = 5;

async function withdraw({ event, caller, params }: RequestContext<'customer'>) {
  const expectedVersion = ifMatchVersion(event, false);
  noBody(event);
  for (let attempt = 1; ; attempt += 1) {
    const record = await ownFiling(params.id!, caller.accountId);
    if (!WITHDRAWABLE_STATUSES.includes(record.status)) throw wrongStatus(record, WITHDRAWABLE_STATUSES);
    if (expectedVersion !== undefined && expectedVersion !== record.version) throw new HttpError(412);
    const inWorkflow = IN_WORKFLOW_STATUSES.includes(record.status);
    const target = record.targetFilingId === undefined ? null : await getFiling(record.targetFilingId, { accountId: caller.accountId });
    // Everything the filing holds is given back (docs/design/rules.md: a withdrawn name is free again).
    const released = claimChange(record, 'NONE', target ?? undefined);
    let withdrawn: FilingRecord;
    try {
      withdrawn = await transitionFiling(
        {
          filingId: record.filingId,
          from: WITHDRAWABLE_STATUSES,
          to: 'WITHDRAWN',
          actor: caller.principalArn,
          releases: released.releases,
          set: { heldClaims: [] },
          ...(record.openTaskId !== undefined && { cancelOpenTaskId: record.openTaskId }),
        },
        { current: record },
      );
    } catch (error) {
      // The workflow moved the filing on meanwhile: look again (it may now be past withdrawal).
      if (error instanceof VersionMismatchError && expectedVersion === undefined && attempt < MAX_WITHDRAW_ATTEMPTS) continue;
      throw error;
    }
    if (inWorkflow) await stopExecution(record);
    return json(202, filingBody(withdrawn), { etag: etagOf(withdrawn.version) });
  }
}

async function stopExecution(record: FilingRecord): Promise<void> {
  const executionArn = record.executionArn ?? executionArnOf(stateMachineArn(), executionName(record.filingId, record.revision));
  try {
    await sfn().send(new StopExecutionCommand({ executionArn, error: 'Recordal.Withdrawn', cause: 'The customer withdrew the application.' }));
  } catch (error) {
    // The filing is WITHDRAWN already; an execution still running finds that at its next step.
    logger.warn('StopExecution failed after withdrawal', { filingId: record.filingId, error: (error as Error).name });
  }
}

const filingAccepted = { 202: { description: 'Accepted; the filing as it is now', schema: filingSchema, headers: { ETag: '"<version>"' } } };

export const lifecycleRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/v1/filings/{id}/submit',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'submitFiling',
      summary: 'Check everything that can be checked now, then start the lifecycle',
      description: 'Completeness and every rule that needs no call into the customer account (attachments present included): 422 listing all. Then SUBMITTED (a new revision) and the workflow starts. If-Match is optional.',
      tags: ['lifecycle'],
      responses: filingAccepted,
      errors: [409, 412, 422],
    },
    handle: submit,
  }),
  route({
    method: 'POST',
    path: '/v1/filings/{id}/verification',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'reportVerification',
      summary: 'Report the electronic verification done',
      tags: ['lifecycle'],
      responses: filingAccepted,
      errors: [409],
    },
    handle: (context) => report(context, 'VERIFICATION'),
  }),
  route({
    method: 'POST',
    path: '/v1/filings/{id}/sms-verification',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'reportSmsVerification',
      summary: 'Report the SMS verification done',
      tags: ['lifecycle'],
      responses: filingAccepted,
      errors: [409],
    },
    handle: (context) => report(context, 'SMS_VERIFICATION'),
  }),
  route({
    method: 'POST',
    path: '/v1/filings/{id}/withdraw',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'withdrawFiling',
      summary: 'Withdraw before the Communications Administration has the application',
      description: `Possible in ${WITHDRAWABLE_STATUSES.join(', ')}; 409 otherwise (once the Communications Administration has it, DRAFT: delete it instead).`,
      tags: ['lifecycle'],
      responses: filingAccepted,
      errors: [409, 412],
    },
    handle: withdraw,
  }),
];
