import type { FilingStatus } from '../domain/lifecycle.js';
import { approvedFilingKeys, driftKey } from './keys.js';
import { tableName, type TransactItem } from './table.js';
import type { FilingFieldChanges, FilingRecord } from './types.js';

/**
 * What a status transition does to the drift check's data: entering APPROVED puts the filing
 * on the work list; leaving it (a cancellation) takes it off, and drops its drift and marker,
 * so a cancelled filing is never reported.
 */
export function approvalIndexChanges(
  filing: Pick<FilingRecord, 'filingId' | 'accountId'>,
  from: FilingStatus,
  to: FilingStatus,
): { setKeys: Record<string, string>; removeKeys: string[]; changes: FilingFieldChanges; items: TransactItem[] } {
  if (to === 'APPROVED') return { setKeys: approvedFilingKeys(filing.accountId, filing.filingId), removeKeys: [], changes: {}, items: [] };
  if (from !== 'APPROVED') return { setKeys: {}, removeKeys: [], changes: {}, items: [] };
  return {
    setKeys: {},
    removeKeys: ['gsi2pk', 'gsi2sk'],
    changes: { drift: null },
    items: [{ Delete: { TableName: tableName(), Key: driftKey(filing.filingId) } }],
  };
}
