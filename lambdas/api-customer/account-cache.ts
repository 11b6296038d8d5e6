import { getAccount, type AccountRecord } from '../shared/store/index.js';

/**
 * Account profiles as the filing routes use them (the company name decides whether a
 * confirmation letter is needed): read once per instance for a short while, so that reading a
 * filing is one store call. This instance's own PUT /v1/account refreshes it at once; another
 * instance's is seen within TTL_MS. GET /v1/account itself always reads the store.
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { until: number; account: Promise<AccountRecord | null> }>();

export function recentAccount(accountId: string, now: number = Date.now()): Promise<AccountRecord | null> {
  const hit = cache.get(accountId);
  if (hit !== undefined && hit.until > now) return hit.account;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const account = getAccount(accountId);
  const entry = { until: now + TTL_MS, account };
  cache.set(accountId, entry);
  // A failed read is not remembered.
  account.catch(() => {
    if (cache.get(accountId) === entry) cache.delete(accountId);
  });
  return account;
}

export function rememberAccount(account: AccountRecord, now: number = Date.now()): void {
  cache.set(account.accountId, { until: now + TTL_MS, account: Promise.resolve(account) });
}
