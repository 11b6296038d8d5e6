import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { dynamoDoc } from '../adapters/clients.js';
import { REVIEWER_STAGES, type CallbackStage } from '../domain/lifecycle.js';
import { asKey, decodeCursor, encodeCursor } from './cursor.js';
import { cursorKey } from './cursor-key.js';
import { BadCursorError, NotFoundError, TaskAlreadyDecidedError } from './errors.js';
import { OPEN_TASK_PREFIX, openTaskKeys, openTaskPartition, taskKey } from './keys.js';
import { isConditionalFailure, stripKeys, tableName, type StoredItem, type TransactItem } from './table.js';
import type { NewTask, Page, TaskRecord, TaskState, TaskView } from './types.js';

/**
 * Callback tasks: a Step Functions task token stored under an opaque `taskId`. A task is open
 * while it has its gsi2 keys (the sparse index of open tasks, oldest deadline first); deciding
 * or cancelling it removes them, and every decision is conditional on it still being open.
 */

/** A new opaque task id (128 random bits, URL-safe). */
export const newTaskId = (): string => randomBytes(16).toString('base64url');

const VIEW_FIELDS = ['taskId', 'stage', 'filingId', 'accountId', 'createdAt', 'deadline', 'overdue'] as const;
const VIEW_PROJECTION = {
  ProjectionExpression: VIEW_FIELDS.map((f) => `#${f}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(VIEW_FIELDS.map((f) => [`#${f}`, f])),
};

function toView(item: StoredItem): TaskView {
  return {
    taskId: String(item.taskId),
    stage: item.stage as CallbackStage,
    filingId: String(item.filingId),
    accountId: String(item.accountId),
    createdAt: String(item.createdAt),
    deadline: String(item.deadline),
    overdue: item.overdue === true,
  };
}

function stateOf(item: StoredItem): TaskState {
  if (item.decidedAt !== undefined) return 'DECIDED';
  return item.gsi2pk === undefined ? 'CANCELLED' : 'OPEN';
}

function toRecord(item: StoredItem): TaskRecord {
  const rest = stripKeys<Partial<TaskRecord> & { closedAt?: string }>(item);
  return {
    ...toView(item),
    state: stateOf(item),
    token: String(item.token),
    ...(rest.overdueAt !== undefined && { overdueAt: rest.overdueAt }),
    ...(rest.decidedBy !== undefined && { decidedBy: rest.decidedBy }),
    ...(rest.decidedAt !== undefined && { decidedAt: rest.decidedAt }),
    ...(rest.answer !== undefined && { answer: rest.answer }),
    ...(rest.appliedAt !== undefined && { appliedAt: rest.appliedAt }),
    ...(rest.review !== undefined && { review: rest.review }),
  };
}

const normaliseInstant = (instant: string): string => {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`not an instant: ${instant}`);
  return date.toISOString();
};

/** The Put of a new open task (used alone by `createTask`, or inside a transition's transaction). */
export function newTaskItem(task: NewTask, now: string): TransactItem {
  const deadline = normaliseInstant(task.deadline);
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...taskKey(task.taskId),
        ...openTaskKeys(task.stage, deadline, task.taskId),
        taskId: task.taskId,
        token: task.token,
        stage: task.stage,
        filingId: task.filingId,
        accountId: task.accountId,
        createdAt: now,
        deadline,
        overdue: false,
        ...(task.review !== undefined && { review: task.review }),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The Update that closes a task without a decision (withdrawal, a replaced task). `onlyOpen`:
 * the transaction fails when the task was answered meanwhile (a withdrawal loses to a decision
 * recorded first, docs/durability.md "Races").
 */
export function cancelTaskItem(taskId: string, now: string, onlyOpen = false): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: taskKey(taskId),
      UpdateExpression: 'SET closedAt = :now REMOVE gsi2pk, gsi2sk',
      ConditionExpression: onlyOpen ? 'begins_with(gsi2pk, :open)' : 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now, ...(onlyOpen && { ':open': OPEN_TASK_PREFIX }) },
    },
  };
}

/**
 * The Update that settles the task of a stage the filing leaves (a transition that takes its
 * `openTaskId` away without cancelling it): the workflow moved on, so the answer recorded on it
 * was handed over (docs/durability.md "Decisions"). It leaves the index (open tasks or answers
 * still to hand over), so the retry path no longer sends it; in the transition's own transaction,
 * it costs no call of its own.
 */
export function settleTaskItem(taskId: string, now: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: taskKey(taskId),
      UpdateExpression: 'SET appliedAt = if_not_exists(appliedAt, :now) REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now },
    },
  };
}

/** Store a callback task (1 PutItem). The token is kept server-side only. */
export async function createTask(task: NewTask): Promise<TaskView> {
  const now = new Date().toISOString();
  const { Put } = newTaskItem(task, now);
  if (!Put) throw new Error('unreachable');
  await dynamoDoc().send(new PutCommand(Put));
  return toView(Put.Item as StoredItem);
}

/** A task as HTTP may show it (no token); null when absent. 1 GetItem. */
export async function getTask(taskId: string): Promise<TaskView | null> {
  const { Item } = await dynamoDoc().send(new GetCommand({ TableName: tableName(), Key: taskKey(taskId), ...VIEW_PROJECTION }));
  return Item ? toView(Item) : null;
}

/** The full task with its token, for the server's own use (SendTask*); null when absent. */
export async function getTaskForDecision(taskId: string): Promise<TaskRecord | null> {
  const { Item } = await dynamoDoc().send(new GetCommand({ TableName: tableName(), Key: taskKey(taskId), ConsistentRead: true }));
  return Item ? toRecord(Item) : null;
}

/**
 * Take the decision of an open task (1 conditional UpdateItem): exactly one of any number of
 * concurrent claims wins and gets the task with its token; the others get
 * `TaskAlreadyDecidedError` (`NotFoundError` for an unknown id).
 */
export async function claimTask(taskId: string, decidedBy: string): Promise<TaskRecord> {
  try {
    const { Attributes } = await dynamoDoc().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: taskKey(taskId),
        UpdateExpression: 'SET decidedBy = :by, decidedAt = :now REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'begins_with(gsi2pk, :open)',
        ExpressionAttributeValues: { ':by': decidedBy, ':now': new Date().toISOString(), ':open': OPEN_TASK_PREFIX },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return toRecord(Attributes ?? {});
  } catch (error) {
    if (isConditionalFailure(error)) {
      if (!error.Item) throw new NotFoundError('task', taskId);
      throw new TaskAlreadyDecidedError(taskId);
    }
    throw error;
  }
}

/**
 * Mark an open task overdue once (1 conditional UpdateItem): the task when this call marked
 * it (escalate then), null when it was already overdue, decided, cancelled or unknown.
 */
export async function markOverdue(taskId: string, now: string = new Date().toISOString()): Promise<TaskView | null> {
  try {
    const { Attributes } = await dynamoDoc().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: taskKey(taskId),
        UpdateExpression: 'SET overdue = :true, overdueAt = :now',
        ConditionExpression: 'begins_with(gsi2pk, :open) AND overdue = :false',
        ExpressionAttributeValues: { ':true': true, ':false': false, ':now': now, ':open': OPEN_TASK_PREFIX },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toView(Attributes ?? {});
  } catch (error) {
    if (isConditionalFailure(error)) return null;
    throw error;
  }
}

/** Open tasks of the given stages whose deadline has passed and that are not yet marked overdue. */
export async function listOverdueCandidates(
  now: string = new Date().toISOString(),
  stages: readonly CallbackStage[] = REVIEWER_STAGES,
): Promise<TaskView[]> {
  const found: TaskView[] = [];
  for (const stage of stages) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await dynamoDoc().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :now',
          FilterExpression: '#overdue = :false',
          ...VIEW_PROJECTION,
          ExpressionAttributeValues: { ':pk': openTaskPartition(stage), ':now': normaliseInstant(now), ':false': false },
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(result.Items ?? []).map(toView));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
  }
  return found;
}

export interface ListOpenTasksOptions {
  /** One stage; by default every reviewer stage, merged by deadline. */
  stage?: CallbackStage;
  /** 1…100. */
  limit: number;
  cursor?: string;
}

/** Per stage: where its next page starts (a gsi2 key), or `null` once it is exhausted. */
type Positions = Partial<Record<CallbackStage, Record<string, string> | null>>;

function positionsFrom(decoded: unknown, stages: readonly CallbackStage[]): Positions {
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw new BadCursorError();
  const positions: Positions = {};
  for (const [stage, position] of Object.entries(decoded)) {
    if (!stages.includes(stage as CallbackStage)) throw new BadCursorError();
    positions[stage as CallbackStage] = position === null ? null : asKey(position);
  }
  return positions;
}

/**
 * Open tasks, oldest deadline first (gsi2): one Query per stage per page. Across several stages
 * the pages are merged by deadline and the cursor remembers where each stage stands.
 */
export async function listOpenTasks(options: ListOpenTasksOptions): Promise<Page<TaskView>> {
  const limit = Math.max(1, Math.min(100, Math.trunc(options.limit)));
  const stages: readonly CallbackStage[] = options.stage ? [options.stage] : REVIEWER_STAGES;
  const scope = `tasks|${stages.join(',')}`;
  const key = await cursorKey();
  const positions = options.cursor === undefined ? {} : positionsFrom(decodeCursor(options.cursor, scope, key), stages);

  const fetched = await Promise.all(
    stages.map(async (stage) => {
      const position = positions[stage];
      if (position === null) return { stage, items: [] as StoredItem[], last: undefined, exhausted: true };
      const result = await dynamoDoc().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': openTaskPartition(stage) },
          ProjectionExpression: `${VIEW_PROJECTION.ProjectionExpression}, pk, sk, gsi2pk, gsi2sk`,
          ExpressionAttributeNames: VIEW_PROJECTION.ExpressionAttributeNames,
          Limit: limit,
          ExclusiveStartKey: position,
        }),
      );
      return { stage, items: result.Items ?? [], last: result.LastEvaluatedKey, exhausted: !result.LastEvaluatedKey };
    }),
  );

  const merged = fetched
    .flatMap(({ stage, items }) => items.map((item) => ({ stage, item })))
    .sort((a, b) => String(a.item.gsi2sk).localeCompare(String(b.item.gsi2sk)))
    .slice(0, limit);

  const next: Positions = {};
  let more = false;
  for (const { stage, items, exhausted } of fetched) {
    const taken = merged.filter((m) => m.stage === stage);
    if (positions[stage] === null || (exhausted && taken.length === items.length)) {
      next[stage] = null;
      continue;
    }
    more = true;
    const lastTaken = taken.at(-1)?.item;
    next[stage] = lastTaken
      ? { pk: String(lastTaken.pk), sk: String(lastTaken.sk), gsi2pk: String(lastTaken.gsi2pk), gsi2sk: String(lastTaken.gsi2sk) }
      : positions[stage];
  }
  const items = merged.map((m) => toView(m.item));
  if (!more) return { items };
  // A stage with nothing taken yet and no position stays absent: it starts from its beginning.
  const cursorPositions = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
  return { items, nextCursor: encodeCursor(cursorPositions, scope, key) };
}
