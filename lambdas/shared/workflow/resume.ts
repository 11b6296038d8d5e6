import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfn } from '../adapters/clients.js';
import { IN_WORKFLOW_STATUSES, type CallbackStage, type FilingStatus } from '../domain/index.js';
import { answerOutput, applyPendingAnswers } from '../application/task-answers.js';
import type { Problem } from '../domain/problem.js';
import { getFiling, getTaskForDecision, listFilings, listOpenTasks, markAnswerApplied, type FilingRecord, type TaskRecord } from '../store/index.js';
import { FilingSupersededError } from './errors.js';
import { executionArnOf, stateMachineArn } from './executions.js';
import { returnFiling } from './outcomes.js';
import { lifecycleReason } from './reasons.js';
import { executionName, workflowState } from './state.js';

/** Where a lost execution restarts (the ASL's Start choice), by the status the filing is in. */
export type ResumePoint = CallbackStage | 'SUBMIT_TO_ADMINISTRATION' | 'APPLY_DECISION' | 'START';

/** The stage a status waits in, and where to go once that stage was already answered. */
const RESUME: Partial<Record<FilingStatus, { stage: ResumePoint; afterAnswer: ResumePoint | undefined }>> = {
  SUBMITTED: { stage: 'START', afterAnswer: 'START' },
  AWAITING_VERIFICATION: { stage: 'VERIFICATION', afterAnswer: 'PRELIMINARY_REVIEW' },
  PRELIMINARY_REVIEW: { stage: 'PRELIMINARY_REVIEW', afterAnswer: 'SUBMIT_TO_ADMINISTRATION' },
  AWAITING_SMS_VERIFICATION: { stage: 'SMS_VERIFICATION', afterAnswer: 'CA_DECISION' },
  // The approval (with its record number) is read from the task's recorded answer.
  CA_REVIEW: { stage: 'CA_DECISION', afterAnswer: 'APPLY_DECISION' },
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

/** Where this filing's lifecycle stands: its stage, or what its recorded answer leads to. */
type Resume = { at: ResumePoint; task?: TaskRecord } | { returnWith: Problem[]; task: TaskRecord } | undefined;

/**
 * Read from the record, never inferred (docs/durability.md "Decisions"): a recorded REJECT returns
 * the filing with the reviewer's reasons, a recorded CA approval resumes at APPLY_DECISION with
 * its record number, any other answer at the stage after.
 */
async function resumeOf(filing: FilingRecord): Promise<Resume> {
  const resume = RESUME[filing.status];
  if (resume === undefined) return undefined;
  if (filing.openTaskId === undefined) return { at: resume.stage };
  const task = await getTaskForDecision(filing.openTaskId);
  if (task?.state !== 'DECIDED') return { at: resume.stage };
  const answer = task.answer;
  if (answer?.decision === 'REJECT') return { returnWith: answer.reasons ?? [], task };
  // A task claimed before answers were recorded: its answer went with the execution.
  if (answer === undefined) return undefined;
  return resume.afterAnswer === undefined ? undefined : { at: resume.afterAnswer, task };
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
 * is restarted where its record says (a callback stage gets a new task; the old token is
 * closed; an answered task goes on with its recorded answer), or visibly RETURNED: with the
 * reviewer's reasons for a recorded REJECT, with SYSTEM_ERROR when nothing says how to go on.
 * Never left waiting on a token nobody holds.
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
    const resume = await resumeOf(filing);
    if (resume === undefined || 'returnWith' in resume) {
      const reasons = resume === undefined ? [lifecycleReason('SYSTEM_ERROR')] : resume.returnWith;
      try {
        await returnFiling(filing, reasons, resume === undefined ? { interrupted: true } : { taskId: resume.task.taskId });
        outcomes.push({ filingId: filing.filingId, status: filing.status, action: 'RETURNED' });
      } catch (error) {
        if (!(error instanceof FilingSupersededError)) throw error;
        outcomes.push({ filingId: filing.filingId, status: filing.status, action: 'SKIPPED' });
      }
      if (resume !== undefined) await markAnswerApplied(resume.task.taskId);
      continue;
    }
    const resumeAt = resume.at;
    const decision = resumeAt === 'APPLY_DECISION' && resume.task?.answer ? { decision: answerOutput(resume.task, resume.task.answer) } : {};
    const input = resumeAt === 'START' ? { filingId: filing.filingId, revision: filing.revision } : { ...workflowState(filing), resumeAt, ...decision };
    // The lost execution's token is dead: the restarted one carries the answer on. Marked before
    // the start: the restarted execution's first transition settles the same task (store/tasks.ts
    // settleTaskItem), and a write racing that transaction would be refused. A start that fails
    // leaves it to the next resume, which reads the answer, not the mark.
    if (resume.task !== undefined) await markAnswerApplied(resume.task.taskId);
    await sfn().send(new StartExecutionCommand({ stateMachineArn: machineArn, name, input: JSON.stringify(input) }));
    outcomes.push({ filingId: filing.filingId, status: filing.status, action: 'RESUMED', resumeAt });
  }
  // What is left recorded but not handed over belongs to executions still running.
  await applyPendingAnswers(0);
  return outcomes;
}
