import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../adapters/clients.js';
import type { FilingStatus } from '../domain/lifecycle.js';
import { asKey, decodeCursor, encodeCursor } from './cursor.js';
import { cursorKey } from './cursor-key.js';
import { accountFilingsPartition, filingKey } from './keys.js';
import { stripKeys, tableName, type StoredItem } from './table.js';
import type { FilingRecord, Page } from './types.js';

export const MAX_PAGE_SIZE = 100;

/** One filing (1 strongly consistent GetItem); null when absent or, given `accountId`, another tenant's. */
export async function getFiling(filingId: string, options: { accountId?: string } = {}): Promise<FilingRecord | null> {
  const { Item } = await dynamoDoc().send(new GetCommand({ TableName: tableName(), Key: filingKey(filingId), ConsistentRead: true }));
  if (!Item) return null;
  const record = stripKeys<FilingRecord>(Item);
  if (options.accountId !== undefined && record.accountId !== options.accountId) return null;
  return record;
}

export interface ListFilingsOptions {
  status?: FilingStatus;
  /** 1…100. */
  limit: number;
  cursor?: string;
}

/** Bounded work for a filtered listing: at most this many index pages, of this many items, per call. */
const MAX_PAGES_PER_LISTING = 5;
const FILTERED_PAGE_ITEMS = 200;

const listingKey = (item: StoredItem): Record<string, string> => ({
  pk: String(item.pk),
  sk: String(item.sk),
  gsi1pk: String(item.gsi1pk),
  gsi1sk: String(item.gsi1sk),
});

/**
 * An account's filings, newest first (gsi1): one Query per page. With a status filter, pages
 * are read until `limit` match (at most a few pages; a page may then hold fewer items and
 * still have a cursor). `BadCursorError` for a cursor not issued for this very listing.
 */
export async function listFilings(accountId: string, options: ListFilingsOptions): Promise<Page<FilingRecord>> {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.trunc(options.limit)));
  const scope = `filings|${accountId}|${options.status ?? ''}`;
  const key = await cursorKey();
  let startKey = options.cursor === undefined ? undefined : asKey(decodeCursor(options.cursor, scope, key));
  const taken: StoredItem[] = [];
  for (let page = 0; page < MAX_PAGES_PER_LISTING; page += 1) {
    const input: QueryCommandInput = {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': accountFilingsPartition(accountId) },
      ScanIndexForward: false,
      // Unfiltered, exactly what is needed; filtered, enough to usually fill the page at once.
      Limit: options.status ? FILTERED_PAGE_ITEMS : limit - taken.length,
      ExclusiveStartKey: startKey,
    };
    if (options.status) {
      input.FilterExpression = '#status = :status';
      input.ExpressionAttributeNames = { '#status': 'status' };
      input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':status': options.status };
    }
    const result = await dynamoDoc().send(new QueryCommand(input));
    const matching = result.Items ?? [];
    const room = limit - taken.length;
    taken.push(...matching.slice(0, room));
    if (matching.length > room) {
      // Stopped inside the page: continue after the last item handed out.
      return { items: taken.map((item) => stripKeys<FilingRecord>(item)), nextCursor: encodeCursor(listingKey(taken.at(-1) as StoredItem), scope, key) };
    }
    if (!result.LastEvaluatedKey) return { items: taken.map((item) => stripKeys<FilingRecord>(item)) };
    startKey = result.LastEvaluatedKey as Record<string, string>;
    if (taken.length >= limit) break;
  }
  return { items: taken.map((item) => stripKeys<FilingRecord>(item)), nextCursor: encodeCursor(startKey, scope, key) };
}
