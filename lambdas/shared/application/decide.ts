import { CALLBACK_STAGES, checkReviewDecision, REVIEWER_STAGES, type ReviewDecision } from '../domain/index.js';
import type { Problem } from '../domain/problem.js';
import { answerTask, getFiling, getTaskForDecision, type TaskAnswer, type TaskView } from '../store/index.js';
import { reviewFactsOf } from './review-facts.js';
import { answeredTask, applyAnswer } from './task-answers.js';

/**
 * A reviewer's decision on a task (docs/design/lifecycle.md steps 4 and 7): checked, recorded
 * with the task's claim and its audit event in one transaction, then handed to the workflow from
 * that record (the task as read before, with the answer the transaction stored on it). A
 * decision the workflow could not take yet stays recorded and is handed over by the retry path;
 * it is never undone (docs/durability.md "Decisions").
 */

export type DecideOutcome =
  | { kind: 'NOT_FOUND' }
  | { kind: 'INVALID'; problems: Problem[] }
  | { kind: 'RECORDED'; task: TaskView; answer: TaskAnswer };

export interface DecideInput {
  taskId: string;
  decision: ReviewDecision;
  reviewer: string;
}

/** What HTTP may show of a task (never its token). */
const viewOf = ({ taskId, stage, filingId, accountId, createdAt, deadline, overdue }: TaskView): TaskView => ({ taskId, stage, filingId, accountId, createdAt, deadline, overdue });

/** The reviewer's reasons as the filing will store them. */
const reasonsOf = (decision: ReviewDecision): Problem[] =>
  (decision.reasons ?? []).map((r) => ({ path: r.path ?? '', code: r.code, message: r.message, messageZh: r.messageZh ?? r.message }));

/** `TaskAlreadyDecidedError` when another decision (or a withdrawal) came first. */
export async function decideTask(input: DecideInput): Promise<DecideOutcome> {
  // The task with its token, read before the answer: the answer's transaction holds only if it
  // is still open then, and the token never changes (docs/durability.md "Decisions").
  const task = await getTaskForDecision(input.taskId);
  if (task === null || !(REVIEWER_STAGES as readonly string[]).includes(task.stage)) return { kind: 'NOT_FOUND' };
  // What the decision is checked against: recorded on the task by the workflow, or (an older
  // task, a change that does not carry its entity) read from the filing and its target.
  let facts: ReturnType<typeof reviewFactsOf> | undefined = task.review;
  if (facts === undefined) {
    const filing = await getFiling(task.filingId);
    if (filing === null) return { kind: 'NOT_FOUND' };
    const target = filing.targetFilingId === undefined ? null : await getFiling(filing.targetFilingId);
    facts = reviewFactsOf(filing, target);
  }
  const { decision } = input;
  const problems = checkReviewDecision(decision, { stage: task.stage, ...facts });
  if (problems.length > 0) return { kind: 'INVALID', problems };
  const answer = await answerTask({
    taskId: task.taskId,
    stage: task.stage,
    filingId: task.filingId,
    waitingStatus: CALLBACK_STAGES[task.stage],
    eventType: 'DECISION_RECORDED',
    answer: {
      decision: decision.decision,
      by: input.reviewer,
      ...(decision.decision === 'REJECT' && { reasons: reasonsOf(decision) }),
      ...(decision.recordNumber !== undefined && { recordNumber: decision.recordNumber }),
      ...(decision.paperMaterialsReceived !== undefined && { paperMaterialsReceived: decision.paperMaterialsReceived }),
    },
  });
  await applyAnswer(answeredTask(task, answer));
  return { kind: 'RECORDED', task: viewOf(task), answer };
}
