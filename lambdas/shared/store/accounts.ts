import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../adapters/clients.js';
import { ConcurrentUpdateError } from './errors.js';
import { accountKey } from './keys.js';
import { stripKeys, tableName, transactWrite, type TransactItem } from './table.js';
import type { AccountProfile } from '../domain/schemas.js';
import type { UniquenessClaim } from './types.js';
import { claimItem, emailClaim, mobileClaim, releaseItem, uniquenessFailure } from './uniqueness.js';

/** The stored account (pk ACCOUNT#<accountId> / sk PROFILE). */
export interface AccountRecord {
  accountId: string;
  profile: AccountProfile;
  /** +1 on every write. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** An account's profile (1 strongly consistent GetItem); null before registration. */
export async function getAccount(accountId: string): Promise<AccountRecord | null> {
  const { Item } = await dynamoDoc().send(new GetCommand({ TableName: tableName(), Key: accountKey(accountId), ConsistentRead: true }));
  return Item ? stripKeys<AccountRecord>(Item) : null;
}

/** Lost races with the same account's own concurrent updates are retried this many times. */
const MAX_ATTEMPTS = 5;

class AccountChangedConcurrently extends Error {}

/**
 * Create or replace an account's profile: 1 read, then 1 TransactWriteItems that writes the
 * profile (conditional on the version read) and swaps the email and mobile uniqueness items.
 * `UniquenessError` with `EMAIL_TAKEN` and/or `MOBILE_TAKEN` when another account holds them.
 */
export async function putAccount(accountId: string, profile: AccountProfile): Promise<{ account: AccountRecord; created: boolean }> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await getAccount(accountId);
    try {
      return { account: await writeAccount(accountId, profile, current), created: current === null };
    } catch (error) {
      if (!(error instanceof AccountChangedConcurrently)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new ConcurrentUpdateError(`account ${accountId}`);
    }
  }
}

async function writeAccount(accountId: string, profile: AccountProfile, current: AccountRecord | null): Promise<AccountRecord> {
  const now = new Date().toISOString();
  const account: AccountRecord = {
    accountId,
    profile,
    version: (current?.version ?? 0) + 1,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
  };
  const claims: UniquenessClaim[] = [];
  const releases: UniquenessClaim[] = [];
  for (const claimOf of [emailClaim, mobileClaim]) {
    const wanted = claimOf(pick(profile, claimOf), accountId);
    const held = current ? claimOf(pick(current.profile, claimOf), accountId) : undefined;
    if (held?.value === wanted.value) continue;
    claims.push(wanted);
    if (held) releases.push(held);
  }
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...accountKey(accountId), ...account },
        ...(current
          ? { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': current.version } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    ...claims.map((claim) => claimItem(claim, now)),
    ...releases.map(releaseItem),
  ];
  await transactWrite(items, (reasons) => uniquenessFailure(reasons, claims, 1) ?? (reasons[0]?.Code === 'ConditionalCheckFailed' ? new AccountChangedConcurrently() : undefined));
  return account;
}

const pick = (profile: AccountProfile, claimOf: typeof emailClaim): string => (claimOf === emailClaim ? profile.email : profile.mobile);
