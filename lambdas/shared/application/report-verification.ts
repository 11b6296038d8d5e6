import { CALLBACK_STAGES, type CallbackStage } from '../domain/index.js';
import { answerTask, getTaskForDecision, type FilingRecord } from '../store/index.js';
import { answeredTask, applyAnswer } from './task-answers.js';

/**
 * The customer's reports (electronic verification done, SMS verification done): recorded on the
 * filing's open task of that stage with its audit event in one transaction, then handed to the
 * workflow from the record, like a reviewer's decision (docs/durability.md "Decisions").
 */

export const REPORT_EVENT: Record<'VERIFICATION' | 'SMS_VERIFICATION', string> = {
  VERIFICATION: 'VERIFICATION_REPORTED',
  SMS_VERIFICATION: 'SMS_VERIFICATION_REPORTED',
};

/**
 * false when the filing does not wait for this report; `TaskAlreadyDecidedError` when another
 * report (or a withdrawal) came first.
 */
export async function reportVerification(filing: FilingRecord, stage: 'VERIFICATION' | 'SMS_VERIFICATION', reporter: string): Promise<boolean> {
  const waitingStatus = CALLBACK_STAGES[stage as CallbackStage];
  if (filing.status !== waitingStatus || filing.openTaskId === undefined) return false;
  // The task's token, known before the answer (docs/durability.md "Decisions"): the transaction
  // below holds only while the filing still waits on this very task, and a task's token never
  // changes. The filing carries it beside the task's id; a filing from before that reads the task.
  const taskId = filing.openTaskId;
  const task = filing.openTaskToken !== undefined ? null : await getTaskForDecision(taskId);
  const answer = await answerTask({
    taskId,
    stage,
    filingId: filing.filingId,
    waitingStatus,
    eventType: REPORT_EVENT[stage],
    answer: { decision: 'REPORTED', by: reporter },
  });
  if (filing.openTaskToken !== undefined) await applyAnswer({ taskId, stage, token: filing.openTaskToken, answer });
  // A task that was not there could not have been answered: answerTask refused it.
  else if (task !== null) await applyAnswer(answeredTask(task, answer));
  return true;
}
