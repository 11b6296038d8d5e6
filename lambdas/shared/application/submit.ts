import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  EDITABLE_STATUSES,
  applyChange,
  attachmentRequirements,
  checkForSubmit,
  shanghaiDate,
  verificationMethodOf,
  type FilingStatus,
  type Problem,
} from '../domain/index.js';
import { sfn } from '../adapters/clients.js';
import { createLogger } from '../logging/logger.js';
import { recordFilingOutcome } from '../metrics.js';
import { documentOf } from '../store/document.js';
import {
  UniquenessError,
  VersionMismatchError,
  WrongStatusError,
  claimChange,
  getAccount,
  getFiling,
  transitionFiling,
  type AccountRecord,
  type FilingRecord,
  type UploadGrant,
} from '../store/index.js';
import { executionArnOf, stateMachineArn } from '../workflow/executions.js';
import { claimsFollow } from '../workflow/outcomes.js';
import { lifecycleReason } from '../workflow/reasons.js';
import { executionName } from '../workflow/state.js';
import { freezeEvidence } from './evidence.js';
import { readForSubmit } from './submit-reads.js';
import { grantedUploads, type Upload } from './uploads.js';

/**
 * Submit (docs/design/api.md "When each rule is checked", docs/design/lifecycle.md): every rule
 * that needs no call into the customer account, attachments present included (what other filings
 * hold is read from the uniqueness items, submit-reads.ts); then the
 * counted uploads are frozen as evidence (docs/durability.md "Evidence"), the filing becomes
 * SUBMITTED at a new revision with its claims and evidence in one transaction, and its
 * execution starts. A failed start gives the filing back (RETURNED, SYSTEM_ERROR).
 */

const logger = createLogger();

export type SubmitOutcome =
  | { kind: 'SUBMITTED'; filing: FilingRecord }
  | { kind: 'NOT_FOUND' }
  | { kind: 'WRONG_STATUS'; filing: FilingRecord; allowed: readonly FilingStatus[] }
  | { kind: 'VERSION_MISMATCH' }
  | { kind: 'INVALID'; problems: Problem[] };

export interface SubmitInput {
  /** The filing as read for the caller (its account owns it). */
  filing: FilingRecord;
  actor: string;
  /** From If-Match; absent: any version. */
  expectedVersion?: number;
  /** How the account profile is read (the customer API keeps a short cache). */
  readAccount?: (accountId: string) => Promise<AccountRecord | null>;
  /** The filing's upload grants, when read with it (store/filing-snapshots.ts); else read here. */
  grants?: UploadGrant[];
  now?: Date;
}

export async function submitFiling(input: SubmitInput): Promise<SubmitOutcome> {
  const record = input.filing;
  if (!EDITABLE_STATUSES.includes(record.status)) return { kind: 'WRONG_STATUS', filing: record, allowed: EDITABLE_STATUSES };
  if (input.expectedVersion !== undefined && input.expectedVersion !== record.version) return { kind: 'VERSION_MISMATCH' };
  const document = documentOf(record);
  const readAccount = input.readAccount ?? getAccount;
  const [account, reads] = await Promise.all([readAccount(record.accountId), readForSubmit(record)]);
  const { target: targetRecord, otherFilings } = reads;
  const target = targetRecord === null ? undefined : { filingId: targetRecord.filingId, status: targetRecord.status, document: documentOf(targetRecord) };
  const effective = document.type === 'NEW' || target === undefined ? document : applyChange(target.document, document);
  const method = verificationMethodOf(effective);
  const requirements = attachmentRequirements(document, account?.profile, method, target?.document);
  // Types that need no attachment (CHANGE_IP, cancellations) do not look into the bucket.
  const uploads: Upload[] = requirements.length === 0 ? [] : await grantedUploads(record.filingId, input.grants);
  const problems = checkForSubmit(document, {
    today: shanghaiDate(input.now ?? new Date()),
    callerAccountId: record.accountId,
    account: account?.profile,
    otherFilings,
    filingId: record.filingId,
    ...(target !== undefined && { target }),
    uploadedAttachmentKinds: uploads.map((upload) => upload.kind),
  });
  if (problems.length > 0) return { kind: 'INVALID', problems };

  const revision = record.revision + 1;
  const name = executionName(record.filingId, revision);
  const machineArn = stateMachineArn();
  const executionArn = executionArnOf(name, machineArn);
  // Claims follow the filing (docs/design/rules.md ENTITY_BUSY, APP_NAME_TAKEN): an entity another
  // account has shown to be its own (its holder, read with the others) is refused here; the rest
  // is taken in the transition.
  if (reads.entityShownElsewhere) throw new UniquenessError(['ENTITY_BUSY']);
  const evidence = await freezeEvidence(record.filingId, revision, requirements, uploads);
  const claims = claimChange(record, 'IN_REVIEW', targetRecord ?? undefined);
  let submitted: FilingRecord;
  try {
    submitted = await transitionFiling(
      {
        filingId: record.filingId,
        from: EDITABLE_STATUSES,
        to: 'SUBMITTED',
        actor: input.actor,
        set: { revision, verificationMethod: method, executionArn, heldClaims: claims.heldClaims, evidence },
        claims: claims.claims,
        releases: claims.releases,
      },
      { current: record },
    );
  } catch (error) {
    // A concurrent submit (or edit) got there first: the filing is no longer what was checked.
    if (error instanceof WrongStatusError || error instanceof VersionMismatchError) {
      const now = await getFiling(record.filingId);
      return now === null ? { kind: 'NOT_FOUND' } : { kind: 'WRONG_STATUS', filing: now, allowed: EDITABLE_STATUSES };
    }
    throw error;
  }
  await startExecution(submitted, targetRecord ?? undefined, machineArn, name);
  recordFilingOutcome('submitted');
  return { kind: 'SUBMITTED', filing: submitted };
}

/** StartExecution; on failure the filing never stays SUBMITTED without its execution. */
async function startExecution(submitted: FilingRecord, target: FilingRecord | undefined, machineArn: string, name: string): Promise<void> {
  const { filingId, revision } = submitted;
  try {
    await sfn().send(new StartExecutionCommand({ stateMachineArn: machineArn, name, input: JSON.stringify({ filingId, revision }) }));
  } catch (error) {
    if ((error as { name?: string }).name === 'ExecutionAlreadyExists') return;
    logger.error('StartExecution failed; returning the filing', { filingId, error: (error as Error).name });
    await transitionFiling(
      {
        filingId,
        from: ['SUBMITTED'],
        to: 'RETURNED',
        actor: 'system',
        reasons: [lifecycleReason('SYSTEM_ERROR', { notStarted: true })],
        ...claimsFollow(submitted, 'RETURNED', target),
      },
      { current: submitted },
    );
    recordFilingOutcome('returned');
    throw error;
  }
}
