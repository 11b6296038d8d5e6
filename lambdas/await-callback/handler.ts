import { CALLBACK_STAGES, REVIEWER_STAGES, stageDeadline, type CallbackStage, type FilingStatus } from '../shared/domain/index.js';
import { notifyReviewers } from '../shared/adapters/notifier.js';
import { taskReviewFactsOf } from '../shared/application/review-facts.js';
import { newTaskId } from '../shared/store/index.js';
import { loadFiling, moveFiling, statusOfStage } from '../shared/workflow/state.js';
import { workflowInput } from '../shared/workflow/step-input.js';
import { stepHandler, workflowLogger } from '../shared/workflow/step-handler.js';

const inputSchema = workflowInput((fields, problems) => {
  const { stage, taskToken } = fields;
  if (typeof stage !== 'string' || !Object.hasOwn(CALLBACK_STAGES, stage)) problems.push(`stage: one of ${Object.keys(CALLBACK_STAGES).join(', ')}`);
  if (typeof taskToken !== 'string' || taskToken.length === 0) problems.push('taskToken: a non-empty string');
  return { stage: stage as CallbackStage, taskToken: taskToken as string };
});

/**
 * Where a filing may come from into each stage. The stage's own status is accepted too: a
 * retried invocation (a new token) replaces the task stored by the previous attempt.
 */
const ENTERED_FROM: Record<CallbackStage, readonly FilingStatus[]> = {
  VERIFICATION: ['SUBMITTED'],
  PRELIMINARY_REVIEW: ['SUBMITTED', 'AWAITING_VERIFICATION'],
  // SubmitToAdministration leaves the filing in PRELIMINARY_REVIEW.
  SMS_VERIFICATION: ['PRELIMINARY_REVIEW'],
  CA_DECISION: ['AWAITING_SMS_VERIFICATION', 'PRELIMINARY_REVIEW'],
};

/**
 * The callback states' function (`.waitForTaskToken`): in ONE transaction the filing enters
 * the stage's status and the task token is stored under a new opaque `taskId` with the stage's
 * deadline (working-day calendar); then reviewers are notified for reviewer stages. The token
 * never leaves the server: the APIs answer it by `taskId`.
 */
export const handler = stepHandler(inputSchema, async (input) => {
  const status = statusOfStage(input.stage);
  const filing = await loadFiling(input, [...ENTERED_FROM[input.stage], status]);
  const now = new Date();
  const deadline = stageDeadline(input.stage, now).toISOString();
  const taskId = newTaskId();
  // A reviewer's task carries what its decision is checked against (fixed for the revision).
  const review = (REVIEWER_STAGES as readonly CallbackStage[]).includes(input.stage) ? taskReviewFactsOf(filing) : undefined;
  await moveFiling(filing, {
    to: status,
    task: { taskId, token: input.taskToken, stage: input.stage, filingId: filing.filingId, accountId: filing.accountId, deadline, ...(review !== undefined && { review }) },
    ...(filing.status === status && filing.openTaskId !== undefined && { cancelTaskId: filing.openTaskId }),
    details: { taskId, stage: input.stage },
  });
  if ((REVIEWER_STAGES as readonly CallbackStage[]).includes(input.stage)) {
    try {
      await notifyReviewers({ kind: 'TASK_CREATED', taskId, stage: input.stage, filingId: filing.filingId, deadline });
    } catch (error) {
      // The task is listed for reviewers anyway, and escalated when overdue.
      workflowLogger.warn('reviewers were not notified', { taskId, errorName: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return { taskId };
});
