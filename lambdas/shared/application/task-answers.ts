import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { sfn } from '../adapters/clients.js';
import type { Problem } from '../domain/problem.js';
import { getTaskForDecision, listUnappliedAnswers, markAnswerApplied, type TaskAnswer, type TaskRecord } from '../store/index.js';
import { GONE_TOKEN_ERRORS, WORKFLOW_ERRORS } from '../workflow/errors.js';

/**
 * Hands a recorded answer to the workflow (SendTaskSuccess / SendTaskFailure with the stored
 * token), built from the record only. Safe to repeat: once Step Functions took it, the
 * workflow's next transition settles the task in its own transaction (store/tasks.ts
 * `settleTaskItem`; a rejection's return closes it), so no write follows a successful send; a
 * token found gone (the execution ended or was lost: a restart's resume reads the same record)
 * marks it applied here (docs/durability.md "Decisions").
 */

/** Step Functions' limit on a SendTaskFailure cause. */
const MAX_CAUSE_CHARS = 32_768;

/** The reviewer's reasons as the workflow stores them, within the cause limit. */
export function rejectionCause(reasons: readonly Problem[]): string {
  let cause = JSON.stringify({ reasons });
  for (let keep = reasons.length - 1; cause.length > MAX_CAUSE_CHARS && keep >= 1; keep -= 1) cause = JSON.stringify({ reasons: reasons.slice(0, keep) });
  return cause;
}

/** The state output of an approval or a report (the ASL puts a CA decision in `$.decision`). */
export function answerOutput(task: Pick<TaskRecord, 'stage'>, answer: TaskAnswer): Record<string, unknown> {
  if (answer.decision === 'REPORTED') return { stage: task.stage, reportedBy: answer.by, reportedAt: answer.at };
  return {
    decision: answer.decision,
    reviewer: answer.by,
    ...(answer.recordNumber !== undefined && { recordNumber: answer.recordNumber }),
    ...(answer.paperMaterialsReceived !== undefined && { paperMaterialsReceived: answer.paperMaterialsReceived }),
  };
}

/**
 * The task as the answer's transaction left it, from the task read before it: the transaction
 * held only while the task was open, so this answer is the one recorded on it.
 */
export function answeredTask(task: TaskRecord, answer: TaskAnswer): TaskRecord {
  return { ...task, state: 'DECIDED', decidedBy: answer.by, decidedAt: answer.at, answer };
}

export type ApplyOutcome = 'APPLIED' | 'TOKEN_GONE' | 'NOT_YET';

/** One attempt; `NOT_YET` (a transient failure) leaves it for the retry path. */
export async function applyAnswer(task: Pick<TaskRecord, 'taskId' | 'stage' | 'token' | 'answer' | 'appliedAt'>): Promise<ApplyOutcome> {
  const answer = task.answer;
  if (answer === undefined || task.appliedAt !== undefined) return 'APPLIED';
  try {
    if (answer.decision === 'REJECT') {
      await sfn().send(new SendTaskFailureCommand({ taskToken: task.token, error: WORKFLOW_ERRORS.rejected, cause: rejectionCause(answer.reasons ?? []) }));
    } else {
      await sfn().send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify(answerOutput(task, answer)) }));
    }
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (!GONE_TOKEN_ERRORS.has(name)) return 'NOT_YET';
    await markAnswerApplied(task.taskId);
    return 'TOKEN_GONE';
  }
  return 'APPLIED';
}

/**
 * The retry path: answers recorded more than `olderThanMs` ago and still not handed over (a
 * lost or throttled SendTask*) are handed over again. Run by the deadlines schedule on AWS and
 * by the local platform on start.
 */
export async function applyPendingAnswers(olderThanMs = 60_000, now: Date = new Date()): Promise<{ taskId: string; outcome: ApplyOutcome }[]> {
  const outcomes: { taskId: string; outcome: ApplyOutcome }[] = [];
  for (const taskId of await listUnappliedAnswers(new Date(now.getTime() - olderThanMs).toISOString())) {
    const task = await getTaskForDecision(taskId);
    if (task !== null) outcomes.push({ taskId, outcome: await applyAnswer(task) });
  }
  return outcomes;
}
