import type { AccountRecord } from './accounts.js';
import { EVENT_PREFIX, accountKey, filingKey } from './keys.js';
import { getItems, itemAt, queryAll, stripKeys } from './table.js';
import { GRANT_PREFIX, type UploadGrant } from './upload-grants.js';
import type { AuditEvent, FilingRecord } from './types.js';

/**
 * Reads that give a workflow step or a request everything it needs in ONE call
 * (docs/benchmarks.md: one read per lifecycle step, submit's store calls), all strongly
 * consistent like getFiling.
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

/** A filing and an account's profile: one BatchGetItem. */
export async function getFilingAndAccount(filingId: string, accountId: string): Promise<{ filing: FilingRecord | null; account: AccountRecord | null }> {
  const found = await getItems([filingKey(filingId), accountKey(accountId)]);
  const filingItem = itemAt(found, filingKey(filingId));
  const accountItem = itemAt(found, accountKey(accountId));
  return {
    filing: filingItem ? stripKeys<FilingRecord>(filingItem) : null,
    account: accountItem ? stripKeys<AccountRecord>(accountItem) : null,
  };
}

/**
 * A filing and the upload grants issued for it (what a submit counts as its uploads): one Query
 * of the filing's partition from the `FILING` item on (the `GRANT#` items sort after it; the
 * `DRIFT` and `EVENT#` items before). Null when absent or, given `accountId`, another tenant's.
 */
export async function getFilingWithGrants(filingId: string, options: { accountId?: string } = {}): Promise<{ filing: FilingRecord; grants: UploadGrant[] } | null> {
  const { pk, sk } = filingKey(filingId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk >= :from',
    ExpressionAttributeValues: { ':pk': pk, ':from': sk },
    ConsistentRead: true,
  });
  const filingItem = items.find((item) => item.sk === sk);
  if (filingItem === undefined) return null;
  const filing = stripKeys<FilingRecord>(filingItem);
  if (options.accountId !== undefined && filing.accountId !== options.accountId) return null;
  const grants = items.filter((item) => String(item.sk).startsWith(GRANT_PREFIX)).map((item) => stripKeys<UploadGrant>(item));
  return { filing, grants };
}
