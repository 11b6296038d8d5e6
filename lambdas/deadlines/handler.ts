import { notifyReviewers } from '../shared/adapters/notifier.js';
import { applyPendingAnswers } from '../shared/application/task-answers.js';
import { appendEvent, listOverdueCandidates, markOverdue } from '../shared/store/index.js';
import { recordSlaBreaches } from '../shared/metrics.js';
import { WORKFLOW_ACTOR } from '../shared/workflow/state.js';
import { stepHandler } from '../shared/workflow/step-handler.js';
import { anyInput } from '../shared/workflow/step-input.js';

/**
 * Scheduled (EventBridge): every open reviewer task past its deadline is marked overdue once,
 * recorded in the filing's audit trail and escalated to the reviewers' topic. The workflow
 * keeps waiting (docs/design/lifecycle.md steps 4 and 7). It is also the retry path of
 * recorded answers a lost or throttled SendTask* left unapplied (docs/durability.md).
 */
export const handler = stepHandler(anyInput, async () => {
  const applied = await applyPendingAnswers();
  const now = new Date().toISOString();
  const escalated: string[] = [];
  for (const candidate of await listOverdueCandidates(now)) {
    const task = await markOverdue(candidate.taskId, now);
    if (task === null) continue; // decided, cancelled or marked meanwhile
    await appendEvent(task.filingId, { type: 'TASK_OVERDUE', actor: WORKFLOW_ACTOR, details: { taskId: task.taskId, stage: task.stage, deadline: task.deadline } });
    await notifyReviewers({ kind: 'TASK_OVERDUE', taskId: task.taskId, stage: task.stage, filingId: task.filingId, deadline: task.deadline });
    escalated.push(task.taskId);
  }
  recordSlaBreaches(escalated.length);
  return { escalated: escalated.length, answersApplied: applied.filter((a) => a.outcome !== 'NOT_YET').length };
});
