import type { CallbackStage } from '../domain/lifecycle.js';
import type { UniquenessKind } from './types.js';

/** Item keys of table-design.ts, built in one place. */
export const filingKey = (filingId: string) => ({ pk: `FILING#${filingId}`, sk: 'FILING' });
export const filingListKeys = (accountId: string, createdAt: string, filingId: string) => ({
  gsi1pk: `ACCOUNT#${accountId}`,
  gsi1sk: `FILING#${createdAt}#${filingId}`,
});
export const accountFilingsPartition = (accountId: string) => `ACCOUNT#${accountId}`;

export const EVENT_PREFIX = 'EVENT#';
export const eventKey = (filingId: string, at: string, seq: string) => ({ pk: `FILING#${filingId}`, sk: `${EVENT_PREFIX}${at}#${seq}` });

export const accountKey = (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'PROFILE' });

export const taskKey = (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'TASK' });
export const OPEN_TASK_PREFIX = 'OPEN_TASK#';
export const openTaskPartition = (stage: CallbackStage) => `${OPEN_TASK_PREFIX}${stage}`;
export const openTaskKeys = (stage: CallbackStage, deadline: string, taskId: string) => ({
  gsi2pk: openTaskPartition(stage),
  gsi2sk: `${deadline}#${taskId}`,
});

/** Answered tasks whose answer the workflow has not been handed yet (task-answers.ts). */
export const UNAPPLIED_ANSWERS_PARTITION = 'UNAPPLIED_ANSWER';
export const unappliedAnswerKeys = (answeredAt: string, taskId: string) => ({ gsi2pk: UNAPPLIED_ANSWERS_PARTITION, gsi2sk: `${answeredAt}#${taskId}` });

export const uniqueKey = (kind: UniquenessKind, value: string) => ({ pk: `UNIQUE#${kind}#${value}`, sk: 'UNIQUE' });

/** Attributes that are keys, not record fields: stripped from what the store returns. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const;
