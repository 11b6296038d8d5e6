import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { sfn } from '../adapters/clients';
import { CALLBACK_STAGES, checkReviewDecision, type CallbackStage, type Problem, type ReviewDecision } from '../domain';
import { claimTask, getFiling, getTaskForDecision, NotFoundError, reopenTask, WrongStatusError, type TaskRecord } from '../store';
import { TransientError, WORKFLOW_ERRORS, isTransientAwsError } from './errors';
import { documentOf } from './state';

/**
 * How a callback task is answered, for the APIs (the reviewer decision, the customer's
 * verification and SMS reports) and the tests: claim the task (exactly one of concurrent
 * answers wins), then SendTaskSuccess / SendTaskFailure with its token. The token never
 * leaves the server.
 *
 * Contract with the ASL: an approval or report is SendTaskSuccess with the decision as output
 * (the CA decision's output reaches ApplyDecision); a rejection is SendTaskFailure with error
 * `Recordal.Rejected` and cause `{"reasons":[{code, message, messageZh?, path?}]}`.
 */
export const rejectionCauseSchema = z.object({
  reasons: z.array(z.object({ code: z.string(), message: z.string(), messageZh: z.string().optional(), path: z.string().optional() })),
});

/** The decision breaks rules (API 422): nothing was claimed or sent. */
export class DecisionProblemsError extends Error {
  override readonly name = 'DecisionProblemsError';
  constructor(readonly problems: Problem[]) {
    super(`decision refused: ${problems.map((p) => p.code).join(', ')}`);
  }
}

/** The task's execution no longer waits for it (timed out, stopped): the answer came too late. */
export class TaskGoneError extends Error {
  override readonly name = 'TaskGoneError';
}

export type TaskAnswer =
  | { kind: 'success'; output: Record<string, unknown> }
  | { kind: 'failure'; error: string; cause: string };

const GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

/** Claims the task and delivers the answer; a transient delivery failure reopens it. */
export async function answerTask(taskId: string, decidedBy: string, answer: TaskAnswer): Promise<TaskRecord> {
  const task = await claimTask(taskId, decidedBy);
  try {
    if (answer.kind === 'success') {
      await sfn().send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify(answer.output) }));
    } else {
      await sfn().send(new SendTaskFailureCommand({ taskToken: task.token, error: answer.error, cause: answer.cause }));
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (GONE.has(name)) throw new TaskGoneError(`task ${taskId}: ${name}`);
    await reopenTask(task);
    throw isTransientAwsError(error) ? new TransientError(error) : error;
  }
  return task;
}

/** A reviewer's decision on a PRELIMINARY_REVIEW or CA_DECISION task, checked by the domain. */
export async function decideReviewTask(taskId: string, reviewer: string, decision: ReviewDecision): Promise<TaskRecord> {
  const task = await getTaskForDecision(taskId);
  if (task === null) throw new NotFoundError('task', taskId);
  const filing = await getFiling(task.filingId);
  if (filing === null) throw new NotFoundError('filing', task.filingId);
  const target = filing.type !== 'NEW' && filing.targetFilingId ? await getFiling(filing.targetFilingId) : null;
  const entity = (documentOf(target ?? filing) as { entity?: { province?: string } }).entity;
  const problems = checkReviewDecision(decision, {
    stage: task.stage,
    type: filing.type,
    verificationMethod: filing.verificationMethod ?? 'MANUAL',
    provinceCode: entity?.province,
  });
  if (problems.length > 0) throw new DecisionProblemsError(problems);
  if (decision.decision === 'REJECT') {
    return answerTask(taskId, reviewer, { kind: 'failure', error: WORKFLOW_ERRORS.rejected, cause: JSON.stringify({ reasons: decision.reasons ?? [] }) });
  }
  return answerTask(taskId, reviewer, { kind: 'success', output: { ...decision } });
}

/** The customer reports the electronic or SMS verification done (API 202; 409 otherwise). */
export async function reportCustomerStep(filingId: string, accountId: string, stage: Extract<CallbackStage, 'VERIFICATION' | 'SMS_VERIFICATION'>): Promise<TaskRecord> {
  const filing = await getFiling(filingId, { accountId });
  if (filing === null) throw new NotFoundError('filing', filingId);
  const status = CALLBACK_STAGES[stage];
  if (filing.status !== status || filing.openTaskId === undefined) throw new WrongStatusError(filingId, filing.status, [status]);
  return answerTask(filing.openTaskId, accountId, { kind: 'success', output: { reported: stage } });
}
