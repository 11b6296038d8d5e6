import { createHash } from 'node:crypto';
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

/**
 * Approved filings, the drift check's work list (gsi2, sparse: only while APPROVED). Spread
 * over shards by account so that the shards are checked in parallel and a page keeps an
 * account's filings together (one look into the account serves all of them).
 */
export const APPROVED_SHARDS = 16;
export const approvedShardOf = (accountId: string): number => createHash('sha256').update(accountId).digest().readUInt32BE(0) % APPROVED_SHARDS;
export const approvedPartition = (shard: number) => `APPROVED#${shard}`;
export const approvedFilingKeys = (accountId: string, filingId: string) => ({
  gsi2pk: approvedPartition(approvedShardOf(accountId)),
  gsi2sk: `${accountId}#${filingId}`,
});

/** A filing's drift, listed for reviewers (gsi2: DRIFTED / <checkedAt>#<filingId>, newest first). */
export const driftKey = (filingId: string) => ({ pk: `FILING#${filingId}`, sk: 'DRIFT' });
export const DRIFTED_PARTITION = 'DRIFTED';
export const driftListKeys = (checkedAt: string, filingId: string) => ({ gsi2pk: DRIFTED_PARTITION, gsi2sk: `${checkedAt}#${filingId}` });
/** Answered tasks whose answer the workflow has not been handed yet (task-answers.ts). */
export const UNAPPLIED_ANSWERS_PARTITION = 'UNAPPLIED_ANSWER';
export const unappliedAnswerKeys = (answeredAt: string, taskId: string) => ({ gsi2pk: UNAPPLIED_ANSWERS_PARTITION, gsi2sk: `${answeredAt}#${taskId}` });

export const uniqueKey = (kind: UniquenessKind, value: string) => ({ pk: `UNIQUE#${kind}#${value}`, sk: 'UNIQUE' });

/** Attributes that are keys, not record fields: stripped from what the store returns. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const;
