import { CALLBACK_STAGES, checkReviewDecision, REVIEWER_STAGES, verificationMethodOf, type FilingDocument, type ReviewDecision } from '../domain/index.js';
import type { Problem } from '../domain/problem.js';
import { answerTask, getFiling, getTaskForDecision, type FilingRecord, type TaskAnswer, type TaskView } from '../store/index.js';
import { answeredTask, applyAnswer } from './task-answers.js';

/**
 * A reviewer's decision on a task (docs/design/lifecycle.md steps 4 and 7): checked, recorded
 * with the task's claim and its audit event in one transaction, then handed to the workflow from
 * that record (the task as read before, with the answer the transaction stored on it). A decision the workflow could not take yet stays recorded and is handed over by
 * the retry path; it is never undone (docs/durability.md "Decisions").
 */

export type DecideOutcome =
  | { kind: 'NOT_FOUND' }
  | { kind: 'INVALID'; problems: Problem[] }
  | { kind: 'RECORDED'; task: TaskView; answer: TaskAnswer };

const documentOf = (filing: FilingRecord | null): FilingDocument | undefined => (filing === null ? undefined : (filing.document as FilingDocument));
const provinceOf = (document: FilingDocument | undefined): string | undefined =>
  document !== undefined && 'entity' in document ? document.entity?.province : undefined;

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
  const filing = await getFiling(task.filingId);
  if (filing === null) return { kind: 'NOT_FOUND' };
  const target = filing.targetFilingId === undefined ? null : await getFiling(filing.targetFilingId);
  const { decision } = input;
  const problems = checkReviewDecision(decision, {
    stage: task.stage,
    type: filing.type,
    verificationMethod: filing.verificationMethod ?? verificationMethodOf(documentOf(filing) as FilingDocument),
    provinceCode: provinceOf(documentOf(filing)) ?? provinceOf(documentOf(target)),
  });
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
