import { uniqueKey, filingKey } from './keys.js';
import { getItems, itemAt, stripKeys } from './table.js';
import type { FilingRecord, UniquenessClaim } from './types.js';

/**
 * Who holds the uniqueness values a filing is about to take, and the filings it needs beside
 * them (a change's target), in ONE strongly consistent BatchGetItem: what the submit rules
 * need to know about other filings (docs/design/rules.md `APP_NAME_TAKEN`, `ENTITY_BUSY`) is
 * which filing holds the filing's APP name and its entity, whatever the account's size
 * (docs/benchmarks.md "storeCallsPerRequest").
 */

export interface HoldersAndFilings {
  /** The owner of each claim's value (`ownerId` of its item), or undefined when nobody holds it. */
  holderOf: (claim: UniquenessClaim) => string | undefined;
  /** The filings asked for that exist. */
  filings: Map<string, FilingRecord>;
}

export async function readHoldersAndFilings(claims: readonly UniquenessClaim[], filingIds: readonly string[]): Promise<HoldersAndFilings> {
  const claimKeys = claims.map((claim) => uniqueKey(claim.kind, claim.value));
  const ids = [...new Set(filingIds)];
  const unique = [...new Map([...claimKeys, ...ids.map(filingKey)].map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const found = unique.length === 0 ? [] : await getItems(unique);
  const filings = new Map<string, FilingRecord>();
  for (const id of ids) {
    const item = itemAt(found, filingKey(id));
    if (item !== undefined) filings.set(id, stripKeys<FilingRecord>(item));
  }
  return {
    holderOf: (claim) => {
      const item = itemAt(found, uniqueKey(claim.kind, claim.value));
      return item === undefined ? undefined : String(item.ownerId);
    },
    filings,
  };
}
