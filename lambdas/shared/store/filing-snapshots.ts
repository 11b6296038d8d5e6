import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../adapters/clients.js';
import type { AccountRecord } from './accounts.js';
import { EVENT_PREFIX, accountKey, filingKey } from './keys.js';
import { queryAll, stripKeys, tableName, type StoredItem } from './table.js';
import type { AuditEvent, FilingRecord } from './types.js';

/**
 * Reads that give a workflow step everything it needs in ONE call (docs/benchmarks.md: one read
 * per lifecycle step), both strongly consistent like getFiling.
 */

/**
 * A filing and its audit trail: one Query of the filing's partition from `EVENT#` on (its
 * events, then the `FILING` item; the `DRIFT` item sorts before). A page is 1 MB, far more than
 * a filing's trail; a longer one is read on (1 Query per MB).
 */
export async function getFilingWithEvents(filingId: string): Promise<{ filing: FilingRecord | null; events: AuditEvent[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk >= :from',
    ExpressionAttributeValues: { ':pk': filingKey(filingId).pk, ':from': EVENT_PREFIX },
    ConsistentRead: true,
  });
  const filingItem = items.find((item) => item.sk === filingKey(filingId).sk);
  return {
    filing: filingItem ? stripKeys<FilingRecord>(filingItem) : null,
    events: items.filter((item) => String(item.sk).startsWith(EVENT_PREFIX)).map((item) => stripKeys<AuditEvent>(item)),
  };
}

/** A filing and an account's profile: one BatchGetItem (its unprocessed keys asked again). */
export async function getFilingAndAccount(filingId: string, accountId: string): Promise<{ filing: FilingRecord | null; account: AccountRecord | null }> {
  const found: StoredItem[] = [];
  let keys: Record<string, unknown>[] = [filingKey(filingId), accountKey(accountId)];
  for (let attempt = 0; keys.length > 0 && attempt < 5; attempt += 1) {
    const result = await dynamoDoc().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }));
    found.push(...(result.Responses?.[tableName()] ?? []));
    keys = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
  }
  // Keys left unprocessed are throttled reads: retryable, like the SDK's own throttling errors.
  if (keys.length > 0) throw Object.assign(new Error(`BatchGetItem left ${keys.length} keys unprocessed`), { $retryable: {} });
  const filingItem = found.find((item) => item.pk === filingKey(filingId).pk && item.sk === filingKey(filingId).sk);
  const accountItem = found.find((item) => item.pk === accountKey(accountId).pk && item.sk === accountKey(accountId).sk);
  return {
    filing: filingItem ? stripKeys<FilingRecord>(filingItem) : null,
    account: accountItem ? stripKeys<AccountRecord>(accountItem) : null,
  };
}
