import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../adapters/clients.js';
import { asKey, decodeCursor, encodeCursor } from './cursor.js';
import { cursorKey } from './cursor-key.js';
import { eventItem } from './audit-trail.js';
import { approvedPartition, driftKey, filingKey, driftListKeys, DRIFTED_PARTITION } from './keys.js';
import { stripKeys, tableName, transactWrite, type StoredItem, type TransactItem } from './table.js';
import type { Drift, FilingRecord, Page } from './types.js';

/**
 * Drift storage (docs/design/api.md "Drift check"): `drift` on the filing item (so both views
 * read it with the filing) and a marker item per drifted filing that lists it for reviewers;
 * both written in one transaction, conditional on the filing still being APPROVED, with an
 * audit event when drift appears or clears.
 *
 * Calls: listApprovedFilings 1 Query per page · recordDrift 1 TransactWriteItems (2 items, 3
 * when new) · clearDrift 1 TransactWriteItems (3 items) · listDrift 1 Query per page.
 */

/** Who the audit trail names for what the drift check did. */
export const DRIFT_ACTOR = 'drift-check';

/** One filing's drift as reviewers list it. */
export interface DriftListing extends Drift {
  filingId: string;
  accountId: string;
}

/** What a drift write did: drift appeared, was refreshed, was cleared, or the filing is no longer APPROVED / changed under us. */
export type DriftWrite = 'DETECTED' | 'UPDATED' | 'CLEARED' | 'STALE';

const approvedScope = (shard: number) => `approved|${shard}`;

/** One page of a shard's approved filings, account by account (gsi2; 1 Query). */
export async function listApprovedFilings(shard: number, options: { limit: number; cursor?: string }): Promise<Page<FilingRecord>> {
  const result = await dynamoDoc().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': approvedPartition(shard) },
      Limit: options.limit,
      ExclusiveStartKey: options.cursor === undefined ? undefined : asKey(decodeCursor(options.cursor, approvedScope(shard), await cursorKey())),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => stripKeys<FilingRecord>(item)),
    ...(result.LastEvaluatedKey && { nextCursor: encodeCursor(result.LastEvaluatedKey, approvedScope(shard), await cursorKey()) }),
  };
}

/**
 * The filing item's part of a drift write: conditional on the filing being APPROVED at the
 * version the check read, and on drift being there (`present`) or not (`absent`), so that of
 * two concurrent checks only one reports the same appearance or clearing.
 */
function driftUpdate(filing: FilingRecord, drift: Drift | { clearedAt: string }, expect: 'present' | 'absent'): TransactItem {
  const clearing = 'clearedAt' in drift;
  return {
    Update: {
      TableName: tableName(),
      Key: filingKey(filing.filingId),
      // The clearance's time stays on the filing, for the stream's `Filing Drift Cleared` (stream-events.ts).
      UpdateExpression: clearing ? 'REMOVE #drift SET #driftClearedAt = :clearedAt' : 'SET #drift = :drift',
      ConditionExpression: `attribute_exists(pk) AND #status = :approved AND #version = :version AND ${expect === 'present' ? 'attribute_exists(#drift)' : 'attribute_not_exists(#drift)'}`,
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#drift': 'drift', ...(clearing && { '#driftClearedAt': 'driftClearedAt' }) },
      ExpressionAttributeValues: { ':approved': 'APPROVED', ':version': filing.version, ...(clearing ? { ':clearedAt': drift.clearedAt } : { ':drift': drift }) },
    },
  };
}

const markerItem = (filing: FilingRecord, drift: Drift): StoredItem => ({
  ...driftKey(filing.filingId),
  ...driftListKeys(drift.checkedAt, filing.filingId),
  filingId: filing.filingId,
  accountId: filing.accountId,
  ...drift,
});

const isStale = (reasons: { Code?: string }[]) => reasons[0]?.Code === 'ConditionalCheckFailed';

/** Writes `items`; a filing that left APPROVED or changed since it was read is STALE (the next check settles it). */
async function writeUnlessStale(items: TransactItem[], outcome: DriftWrite): Promise<DriftWrite> {
  let stale = false;
  await transactWrite(items, (reasons) => {
    stale = isStale(reasons);
    return stale ? new Error('stale') : undefined;
  }).catch((error: unknown) => {
    if (!stale) throw error;
  });
  return stale ? 'STALE' : outcome;
}

/**
 * Records drift on an approved filing as read by the check (conditional on its version):
 * DETECTED when it had none (with a DRIFT_DETECTED audit event), UPDATED otherwise.
 */
export async function recordDrift(filing: FilingRecord, drift: Drift): Promise<DriftWrite> {
  const marker: TransactItem = { Put: { TableName: tableName(), Item: markerItem(filing, drift) } };
  if (filing.drift !== undefined) return writeUnlessStale([driftUpdate(filing, drift, 'present'), marker], 'UPDATED');
  const items = [driftUpdate(filing, drift, 'absent'), marker];
  items.push({ Put: { TableName: tableName(), Item: eventItem(filing.filingId, { at: drift.checkedAt, type: 'DRIFT_DETECTED', actor: DRIFT_ACTOR, reasons: drift.problems }) } });
  return writeUnlessStale(items, 'DETECTED');
}

/** Clears the drift of a filing that had some (with a DRIFT_CLEARED audit event). */
export async function clearDrift(filing: FilingRecord, checkedAt: string): Promise<DriftWrite> {
  return writeUnlessStale(
    [
      driftUpdate(filing, { clearedAt: checkedAt }, 'present'),
      { Delete: { TableName: tableName(), Key: driftKey(filing.filingId) } },
      { Put: { TableName: tableName(), Item: eventItem(filing.filingId, { at: checkedAt, type: 'DRIFT_CLEARED', actor: DRIFT_ACTOR }) } },
    ],
    'CLEARED',
  );
}

const DRIFT_SCOPE = 'drift';

/** Drifted filings, newest check first (gsi2 DRIFTED; 1 Query). */
export async function listDrift(options: { limit: number; cursor?: string }): Promise<Page<DriftListing>> {
  const result = await dynamoDoc().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': DRIFTED_PARTITION },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: options.cursor === undefined ? undefined : asKey(decodeCursor(options.cursor, DRIFT_SCOPE, await cursorKey())),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => {
      const { filingId, accountId, checkedAt, problems } = stripKeys<DriftListing>(item);
      return { filingId, accountId, checkedAt, problems };
    }),
    ...(result.LastEvaluatedKey && { nextCursor: encodeCursor(result.LastEvaluatedKey, DRIFT_SCOPE, await cursorKey()) }),
  };
}
