import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfn } from '../adapters/clients.js';
import { IN_WORKFLOW_STATUSES, type CallbackStage, type FilingStatus } from '../domain/index.js';
import { getFiling, getTaskForDecision, listFilings, listOpenTasks, type FilingRecord } from '../store/index.js';
import { FilingSupersededError } from './errors.js';
import { executionArnOf, stateMachineArn } from './executions.js';
import { returnFiling } from './outcomes.js';
import { lifecycleReason } from './reasons.js';
import { executionName, workflowState } from './state.js';

/** Where a lost execution restarts (the ASL's Start choice), by the status the filing is in. */
export type ResumePoint = CallbackStage | 'SUBMIT_TO_ADMINISTRATION' | 'START';

/** The stage a status waits in, and where to go once that stage was already answered. */
const RESUME: Partial<Record<FilingStatus, { stage: ResumePoint; afterAnswer: ResumePoint | undefined }>> = {
  SUBMITTED: { stage: 'START', afterAnswer: 'START' },
  AWAITING_VERIFICATION: { stage: 'VERIFICATION', afterAnswer: 'PRELIMINARY_REVIEW' },
  PRELIMINARY_REVIEW: { stage: 'PRELIMINARY_REVIEW', afterAnswer: 'SUBMIT_TO_ADMINISTRATION' },
  AWAITING_SMS_VERIFICATION: { stage: 'SMS_VERIFICATION', afterAnswer: 'CA_DECISION' },
  // The decision (and its record number) went with the lost execution: it cannot be replayed.
  CA_REVIEW: { stage: 'CA_DECISION', afterAnswer: undefined },
};

export interface ResumeOutcome {
  filingId: string;
  status: FilingStatus;
  action: 'RUNNING' | 'RESUMED' | 'RETURNED' | 'SKIPPED';
  resumeAt?: ResumePoint;
}

export interface ResumeOptions {
  /** Accounts whose filings to look at (the local platform knows its accounts). */
  accountIds: readonly string[];
  /** Default `STATE_MACHINE_ARN`. */
  stateMachineArn?: string;
}

async function isRunning(machineArn: string, name: string): Promise<boolean> {
  try {
    const answer = await sfn().send(new DescribeExecutionCommand({ executionArn: executionArnOf(name, machineArn) }));
    return answer.status === 'RUNNING';
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return false;
    throw error;
  }
}

/** Where this filing's lifecycle stands: its stage, or the next one when its task was answered. */
async function resumePointOf(filing: FilingRecord): Promise<ResumePoint | undefined> {
  const resume = RESUME[filing.status];
  if (resume === undefined) return undefined;
  if (filing.openTaskId === undefined) return resume.stage;
  const task = await getTaskForDecision(filing.openTaskId);
  return task?.state === 'DECIDED' ? resume.afterAnswer : resume.stage;
}

async function filingsInWorkflow(accountIds: readonly string[]): Promise<FilingRecord[]> {
  const found = new Map<string, FilingRecord>();
  for (const accountId of accountIds) {
    let cursor: string | undefined;
    do {
      const page = await listFilings(accountId, { limit: 100, cursor });
      for (const filing of page.items) if (IN_WORKFLOW_STATUSES.includes(filing.status)) found.set(filing.filingId, filing);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  // Filings waiting on a task, whatever their account (the index of open tasks).
  for (const stage of ['VERIFICATION', 'PRELIMINARY_REVIEW', 'SMS_VERIFICATION', 'CA_DECISION'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listOpenTasks({ stage, limit: 100, cursor });
      for (const task of page.items) {
        if (found.has(task.filingId)) continue;
        const filing = await getFiling(task.filingId);
        if (filing && IN_WORKFLOW_STATUSES.includes(filing.status)) found.set(filing.filingId, filing);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return [...found.values()];
}

/**
 * Resume on restart (the local platform calls this once its Step Functions endpoint is up,
 * with `AWS_ENDPOINT_URL_SFN` and `STATE_MACHINE_ARN` set): executions live in memory there,
 * so every filing in a workflow status whose execution `<filingId>-r<revision>` is not running
 * is restarted at its stage (a callback stage gets a new task; the old token is closed), or
 * visibly RETURNED with SYSTEM_ERROR when its stage cannot be replayed. Never left waiting on
 * a token nobody holds.
 */
export async function resumeInterruptedFilings(options: ResumeOptions): Promise<ResumeOutcome[]> {
  const machineArn = options.stateMachineArn ?? stateMachineArn();
  const outcomes: ResumeOutcome[] = [];
  for (const filing of await filingsInWorkflow(options.accountIds)) {
    const name = executionName(filing.filingId, filing.revision);
    if (await isRunning(machineArn, name)) {
      outcomes.push({ filingId: filing.filingId, status: filing.status, action: 'RUNNING' });
      continue;
    }
    const resumeAt = await resumePointOf(filing);
    if (resumeAt === undefined) {
      try {
        await returnFiling(filing, [lifecycleReason('SYSTEM_ERROR')], { interrupted: true });
        outcomes.push({ filingId: filing.filingId, status: filing.status, action: 'RETURNED' });
      } catch (error) {
        if (!(error instanceof FilingSupersededError)) throw error;
        outcomes.push({ filingId: filing.filingId, status: filing.status, action: 'SKIPPED' });
      }
      continue;
    }
    const input = resumeAt === 'START' ? { filingId: filing.filingId, revision: filing.revision } : { ...workflowState(filing), resumeAt };
    await sfn().send(new StartExecutionCommand({ stateMachineArn: machineArn, name, input: JSON.stringify(input) }));
    outcomes.push({ filingId: filing.filingId, status: filing.status, action: 'RESUMED', resumeAt });
  }
  return outcomes;
}
