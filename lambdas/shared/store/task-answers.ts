import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { dynamoDoc } from '../adapters/clients.js';
import type { CallbackStage, FilingStatus } from '../domain/lifecycle.js';
import { eventItem } from './audit-trail.js';
import { NotFoundError, TaskAlreadyDecidedError } from './errors.js';
import { filingKey, OPEN_TASK_PREFIX, taskKey, UNAPPLIED_ANSWERS_PARTITION, unappliedAnswerKeys } from './keys.js';
import { isConditionalFailure, nowIso, queryAll, tableName, transactWrite } from './table.js';
import type { TaskAnswer } from './types.js';

/**
 * A callback task's answer is data first (docs/durability.md "Decisions"): the reviewer's
 * decision or the customer's report is written with the task's claim and its audit event in ONE
 * transaction, conditional on the task being open and the filing still waiting on it. Everything
 * after (SendTaskSuccess/Failure, the HTTP answer, resuming a lost execution) reads this record.
 * Until it has been handed to the workflow the task sits in the unapplied-answers partition of
 * gsi2, where the retry path finds it.
 */

export interface AnswerTaskInput {
  taskId: string;
  stage: CallbackStage;
  filingId: string;
  /** The status the filing waits in at this stage (it must still, with this task open). */
  waitingStatus: FilingStatus;
  answer: Omit<TaskAnswer, 'at'>;
  /** The audit event's type (DECISION_RECORDED, VERIFICATION_REPORTED, …). */
  eventType: string;
}

/**
 * Records the answer (1 TransactWriteItems: task, filing condition, audit event). Exactly one of
 * any number of concurrent answers (and withdrawals) wins; the others get
 * `TaskAlreadyDecidedError` (`NotFoundError` for an unknown task).
 */
export async function answerTask(input: AnswerTaskInput): Promise<TaskAnswer> {
  const at = nowIso();
  const answer: TaskAnswer = { ...input.answer, at };
  const { decision, recordNumber, reasons } = answer;
  const unapplied = unappliedAnswerKeys(at, input.taskId);
  await transactWrite(
    [
      {
        Update: {
          TableName: tableName(),
          Key: taskKey(input.taskId),
          UpdateExpression: 'SET answer = :answer, decidedBy = :by, decidedAt = :at, gsi2pk = :pk, gsi2sk = :sk',
          ConditionExpression: 'begins_with(gsi2pk, :open) AND filingId = :filingId AND stage = :stage',
          ExpressionAttributeValues: {
            ':answer': answer,
            ':by': answer.by,
            ':at': at,
            ':open': OPEN_TASK_PREFIX,
            ':filingId': input.filingId,
            ':stage': input.stage,
            ':pk': unapplied.gsi2pk,
            ':sk': unapplied.gsi2sk,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        ConditionCheck: {
          TableName: tableName(),
          Key: filingKey(input.filingId),
          ConditionExpression: '#status = :status AND openTaskId = :taskId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': input.waitingStatus, ':taskId': input.taskId },
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: eventItem(input.filingId, {
            at,
            type: input.eventType,
            actor: answer.by,
            ...(reasons !== undefined && { reasons }),
            details: { taskId: input.taskId, stage: input.stage, decision, ...(recordNumber !== undefined && { recordNumber }) },
          }),
        },
      },
    ],
    (cancellation) => {
      if (cancellation[0]?.Code === 'ConditionalCheckFailed' && cancellation[0].Item === undefined) return new NotFoundError('task', input.taskId);
      if (cancellation.some((reason) => reason.Code === 'ConditionalCheckFailed')) return new TaskAlreadyDecidedError(input.taskId);
      return undefined;
    },
  );
  return answer;
}

const MARK_ATTEMPTS = 4;

/**
 * The answer was handed to the workflow (or there is no workflow left to hand it to). A
 * transaction on the task meanwhile (the workflow's transition settling it) refuses the write
 * with TransactionConflict: it is tried again.
 */
export async function markAnswerApplied(taskId: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamoDoc().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: taskKey(taskId),
          UpdateExpression: 'SET appliedAt = if_not_exists(appliedAt, :now) REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(answer)',
          ExpressionAttributeValues: { ':now': nowIso() },
        }),
      );
      return;
    } catch (error) {
      if (isConditionalFailure(error)) return;
      if ((error as { name?: string }).name !== 'TransactionConflictException' || attempt >= MARK_ATTEMPTS) throw error;
      await sleep(Math.random() * 10 * 2 ** attempt);
    }
  }
}

/** Ids of tasks answered before `before` whose answer has not been handed to the workflow (gsi2). */
export async function listUnappliedAnswers(before: string): Promise<string[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
    ExpressionAttributeValues: { ':pk': UNAPPLIED_ANSWERS_PARTITION, ':before': before },
    ProjectionExpression: 'taskId',
  });
  return items.map((item) => String(item.taskId));
}
