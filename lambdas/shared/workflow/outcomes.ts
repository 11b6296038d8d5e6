import type { Problem } from '../domain/problem.js';
import type { ClaimStage } from '../domain/claims.js';
import { claimChange, type ClaimChangeOptions, type FilingRecord, type TransitionInput } from '../store/index.js';
import { FilingReturnedError } from './errors.js';
import { entityOf } from '../store/document.js';
import { moveFiling, requireFiling } from './state.js';

/** A change's or cancellation's target filing (undefined for NEW). */
export async function targetOf(filing: FilingRecord): Promise<FilingRecord | undefined> {
  if (filing.type === 'NEW' || filing.targetFilingId === undefined) return undefined;
  return requireFiling(filing.targetFilingId);
}

/** The certificate number of the entity an application is about (its own, or its target's). */
export function entityCertificateNumber(filing: FilingRecord, target: FilingRecord | undefined): string | undefined {
  return entityOf(filing)?.certificateNumber ?? entityOf(target)?.certificateNumber;
}

/**
 * The claim part of a transition to `stage` (domain/claims.ts): what the filing takes, gives
 * back and from then on holds, all in the transition's transaction.
 */
export function claimsFollow(
  filing: FilingRecord,
  stage: ClaimStage,
  target: FilingRecord | undefined,
  options: ClaimChangeOptions = {},
): Pick<TransitionInput, 'claims' | 'releases'> & { set: { heldClaims: NonNullable<FilingRecord['heldClaims']> } } {
  const change = claimChange(filing, stage, target, options);
  return { claims: change.claims, releases: change.releases, set: { heldClaims: change.heldClaims } };
}

/**
 * RETURNED with `reasons` (one transaction with the audit event; the open task, if any,
 * closed in it). The filing's status must still be the one just read.
 */
export async function returnFiling(filing: FilingRecord, reasons: Problem[], details?: Record<string, unknown>): Promise<FilingRecord> {
  const target = await targetOf(filing).catch(() => undefined);
  return moveFiling(filing, {
    to: 'RETURNED',
    reasons,
    ...claimsFollow(filing, 'RETURNED', target),
    ...(filing.openTaskId !== undefined && { cancelTaskId: filing.openTaskId }),
    ...(details && { details }),
  });
}

/** A check found problems: return the filing, then end the execution (`Recordal.FilingReturned`). */
export async function returnForProblems(filing: FilingRecord, problems: Problem[]): Promise<never> {
  await returnFiling(filing, problems);
  throw new FilingReturnedError(filing.filingId, problems.map((p) => p.code));
}
