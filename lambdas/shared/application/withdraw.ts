import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { IN_WORKFLOW_STATUSES, WITHDRAWABLE_STATUSES, type FilingStatus } from '../domain/index.js';
import { sfn } from '../adapters/clients.js';
import { createLogger } from '../logging/logger.js';
import { VersionMismatchError, getFiling, transitionFiling, type FilingRecord } from '../store/index.js';
import { executionArnOf } from '../workflow/executions.js';
import { claimsFollow } from '../workflow/outcomes.js';
import { executionName } from '../workflow/state.js';

/**
 * Withdrawal (docs/design/lifecycle.md): WITHDRAWN with everything the filing holds given back
 * (docs/design/rules.md: a withdrawn name is free again) and its open task closed, in one
 * transaction; then the execution is stopped. A withdrawal and a decision on the open task:
 * exactly one wins (docs/durability.md "Decisions").
 */

const logger = createLogger();

export type WithdrawOutcome =
  | { kind: 'WITHDRAWN'; filing: FilingRecord }
  | { kind: 'NOT_FOUND' }
  | { kind: 'WRONG_STATUS'; filing: FilingRecord; allowed: readonly FilingStatus[] }
  | { kind: 'VERSION_MISMATCH' };

export interface WithdrawInput {
  filingId: string;
  /** The owner: another account's filing is not found. */
  accountId: string;
  actor: string;
  /** From If-Match; absent: whatever the workflow did meanwhile, retried a few times. */
  expectedVersion?: number;
}

const MAX_WITHDRAW_ATTEMPTS = 5;

export async function withdrawFiling(input: WithdrawInput): Promise<WithdrawOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const record = await getFiling(input.filingId, { accountId: input.accountId });
    if (record === null) return { kind: 'NOT_FOUND' };
    if (!WITHDRAWABLE_STATUSES.includes(record.status)) return { kind: 'WRONG_STATUS', filing: record, allowed: WITHDRAWABLE_STATUSES };
    if (input.expectedVersion !== undefined && input.expectedVersion !== record.version) return { kind: 'VERSION_MISMATCH' };
    const inWorkflow = IN_WORKFLOW_STATUSES.includes(record.status);
    const target = record.targetFilingId === undefined ? null : await getFiling(record.targetFilingId, { accountId: input.accountId });
    let withdrawn: FilingRecord;
    try {
      withdrawn = await transitionFiling(
        {
          filingId: record.filingId,
          from: WITHDRAWABLE_STATUSES,
          to: 'WITHDRAWN',
          actor: input.actor,
          // Everything it holds is given back (docs/design/rules.md: a withdrawn name is free again).
          ...claimsFollow(record, 'NONE', target ?? undefined),
          ...(record.openTaskId !== undefined && { cancelOpenTaskId: record.openTaskId }),
        },
        { current: record },
      );
    } catch (error) {
      // The workflow moved the filing on meanwhile: look again (it may now be past withdrawal).
      if (error instanceof VersionMismatchError && input.expectedVersion === undefined && attempt < MAX_WITHDRAW_ATTEMPTS) continue;
      throw error;
    }
    if (inWorkflow) await stopExecution(record);
    return { kind: 'WITHDRAWN', filing: withdrawn };
  }
}

async function stopExecution(record: FilingRecord): Promise<void> {
  const executionArn = record.executionArn ?? executionArnOf(executionName(record.filingId, record.revision));
  try {
    await sfn().send(new StopExecutionCommand({ executionArn, error: 'Recordal.Withdrawn', cause: 'The customer withdrew the application.' }));
  } catch (error) {
    // The filing is WITHDRAWN already; an execution still running finds that at its next step.
    logger.warn('StopExecution failed after withdrawal', { filingId: record.filingId, error: (error as Error).name });
  }
}
