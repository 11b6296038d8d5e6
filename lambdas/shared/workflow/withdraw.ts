import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { sfn } from '../adapters/clients';
import type { FilingStatus } from '../domain';
import { appNameClaim, getFiling, NotFoundError, transitionFiling, WrongStatusError, type FilingRecord } from '../store';
import { executionArnOf } from './executions';
import { entityCertificateNumber, leavingReviewReleases, targetOf } from './outcomes';
import { documentOf, executionName } from './state';

/** Before the application reaches the Communications Administration (API.md withdraw). */
export const WITHDRAWABLE_STATUSES: readonly FilingStatus[] = ['SUBMITTED', 'AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW'];

/**
 * The customer withdraws: WITHDRAWN in one transaction (conditional on the status just read,
 * the open task closed, the entity's review claim and a NEW filing's APP name given back),
 * then the execution is stopped. A step still running when the status changed finds it
 * changed and ends its execution quietly (Recordal.FilingSuperseded), so the order is safe.
 * `NotFoundError` (also another tenant's filing), `WrongStatusError` (409) otherwise.
 */
export async function withdrawFiling(filingId: string, accountId: string): Promise<FilingRecord> {
  const filing = await getFiling(filingId, { accountId });
  if (filing === null) throw new NotFoundError('filing', filingId);
  if (!WITHDRAWABLE_STATUSES.includes(filing.status)) throw new WrongStatusError(filingId, filing.status, WITHDRAWABLE_STATUSES);
  const target = await targetOf(filing).catch(() => undefined);
  const certificateNumber = entityCertificateNumber(filing, target);
  const appName = (documentOf(filing) as { app?: { name?: string } }).app?.name;
  const record = await transitionFiling(
    {
      filingId,
      from: [filing.status],
      to: 'WITHDRAWN',
      actor: accountId,
      releases: [
        ...leavingReviewReleases(filing, target),
        ...(filing.type === 'NEW' && certificateNumber && appName ? [appNameClaim(certificateNumber, appName, filingId)] : []),
      ],
      ...(filing.openTaskId !== undefined && { cancelTaskId: filing.openTaskId }),
    },
    { current: filing },
  );
  try {
    await sfn().send(new StopExecutionCommand({ executionArn: filing.executionArn ?? executionArnOf(executionName(filingId, filing.revision)), error: 'Recordal.Withdrawn', cause: 'withdrawn by the customer' }));
  } catch (error) {
    // Already ended (or never started): nothing to stop.
    if (!(error instanceof Error && error.name === 'ExecutionDoesNotExist')) throw error;
  }
  return record;
}
