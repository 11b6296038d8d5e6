import { CALLBACK_STAGES, type ApplicationType, type CallbackStage, type FilingStatus } from '../domain/lifecycle.js';
import { getFiling, WrongStatusError, VersionMismatchError, transitionFiling, type FilingRecord, type TransitionInput } from '../store/index.js';
import { recordFilingOutcome } from '../metrics.js';
import { FilingSupersededError, TransientError } from './errors.js';
import { STEPS_BY_TYPE, callbackTimeouts } from './plan.js';

/** The actor of every status change the workflow makes (audit events). */
export const WORKFLOW_ACTOR = 'workflow';

/**
 * The execution input (the submit API starts `<filingId>-r<revision>` with it) and the
 * part of every later state input the step Lambdas read (checked by step-input.ts).
 */
export interface WorkflowInput {
  filingId: string;
  revision: number;
}

/** What the plain step Lambdas answer: the state the ASL's Choices and timeouts read. */
export interface WorkflowState extends WorkflowInput {
  /** The filing's account: CheckAttachments reads the profile with the filing in one call. */
  accountId: string;
  type: ApplicationType;
  /** Step 3 runs (ELECTRONIC verification of NEW / CHANGE_ENTITY / CHANGE_INFO). */
  electronicVerification: boolean;
  /** Step 6 runs (every type but CANCEL_ACCESS). */
  smsVerification: boolean;
  /** `TimeoutSecondsPath` of each callback state. */
  timeoutSeconds: Record<CallbackStage, number>;
}

export function executionName(filingId: string, revision: number): string {
  return `${filingId}-r${revision}`;
}

export function workflowState(filing: FilingRecord, now: Date = new Date()): WorkflowState {
  const steps = STEPS_BY_TYPE[filing.type];
  return {
    filingId: filing.filingId,
    revision: filing.revision,
    accountId: filing.accountId,
    type: filing.type,
    electronicVerification: steps.verification && filing.verificationMethod === 'ELECTRONIC',
    smsVerification: steps.sms,
    timeoutSeconds: callbackTimeouts(now),
  };
}

/** The status a filing has while the workflow waits in a callback stage. */
export const statusOfStage = (stage: CallbackStage): FilingStatus => CALLBACK_STAGES[stage];

/**
 * The filing at this execution's revision, in one of `statuses`; otherwise the execution has
 * been overtaken (withdrawn, deleted, resubmitted) and must stop quietly.
 */
export async function loadFiling(input: WorkflowInput, statuses: readonly FilingStatus[]): Promise<FilingRecord> {
  return currentFiling(input, await getFiling(input.filingId), statuses);
}

/** `loadFiling`'s check of a filing read otherwise (with its events, with its account). */
export function currentFiling(input: WorkflowInput, filing: FilingRecord | null, statuses: readonly FilingStatus[]): FilingRecord {
  if (filing === null) throw new FilingSupersededError(input.filingId, 'no longer exists');
  if (filing.revision !== input.revision) {
    throw new FilingSupersededError(input.filingId, `is at revision ${filing.revision}, this execution is for ${input.revision}`);
  }
  if (!statuses.includes(filing.status)) {
    throw new FilingSupersededError(input.filingId, `is ${filing.status}, expected ${statuses.join('|')}`);
  }
  return filing;
}

/** A filing the workflow must read but not move (a change's target): absent is an error. */
export async function requireFiling(filingId: string): Promise<FilingRecord> {
  const filing = await getFiling(filingId);
  if (filing === null) throw new Error(`filing ${filingId} does not exist`);
  return filing;
}

export { documentOf } from '../store/document.js';

/**
 * A status change by the workflow, conditional on the version just read (one transaction with
 * its audit event, then the EventBridge event). A status moved meanwhile (withdrawal) ends
 * the execution quietly; a version moved meanwhile is retried by the state machine.
 */
export async function moveFiling(
  current: FilingRecord,
  change: Omit<TransitionInput, 'filingId' | 'from' | 'actor' | 'expectedVersion'> & { from?: readonly FilingStatus[] },
): Promise<FilingRecord> {
  try {
    const moved = await transitionFiling(
      { ...change, filingId: current.filingId, from: change.from ?? [current.status], actor: WORKFLOW_ACTOR },
      { current },
    );
    // The application's own outcome (apply-decision moves a change's target without moveFiling).
    if (change.to === 'APPROVED') recordFilingOutcome('approved');
    if (change.to === 'RETURNED') recordFilingOutcome('returned');
    return moved;
  } catch (error) {
    if (error instanceof WrongStatusError) throw new FilingSupersededError(current.filingId, error.message);
    if (error instanceof VersionMismatchError) throw new TransientError(error);
    throw error;
  }
}
