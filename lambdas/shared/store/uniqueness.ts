import { createHash } from 'node:crypto';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { UniquenessError } from './errors.js';
import { uniqueKey } from './keys.js';
import { tableName, type TransactItem } from './table.js';
import type { UniquenessClaim, UniquenessCode, UniquenessKind } from './types.js';

/**
 * Uniqueness items: one item per taken value, written in the same transaction as what it
 * guards, so two writers can never both take it. Values are hashed: the keys carry no PII.
 */
const CODES: Record<UniquenessKind, UniquenessCode> = {
  EMAIL: 'EMAIL_TAKEN',
  MOBILE: 'MOBILE_TAKEN',
  APP_NAME: 'APP_NAME_TAKEN',
  ENTITY_BUSY: 'ENTITY_BUSY',
};

const digest = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('base64url');

/** Full-width forms, case and surrounding space folded, so trivially different spellings collide. */
const fold = (value: string): string => value.normalize('NFKC').trim().toLowerCase();

export const normaliseEmail = (email: string): string => fold(email);
/** Mobiles are claimed as the rules store them (docs/design/rules.md MOBILE_INVALID: `+86` stripped). */
export { normaliseMobile } from '../domain/identifiers.js';
import { normaliseMobile } from '../domain/identifiers.js';

export const emailClaim = (email: string, accountId: string): UniquenessClaim => ({
  kind: 'EMAIL',
  value: digest(normaliseEmail(email)),
  ownerId: accountId,
});

export const mobileClaim = (mobile: string, accountId: string): UniquenessClaim => ({
  kind: 'MOBILE',
  value: digest(normaliseMobile(mobile)),
  ownerId: accountId,
});

/** An APP name within one entity (certificate number), held by the filing that uses it. */
export const appNameClaim = (certificateNumber: string, appName: string, filingId: string): UniquenessClaim => ({
  kind: 'APP_NAME',
  value: digest(fold(certificateNumber), fold(appName)),
  ownerId: filingId,
});

/** One application of an entity (certificate number) under review at a time. */
export const entityBusyClaim = (certificateNumber: string, filingId: string): UniquenessClaim => ({
  kind: 'ENTITY_BUSY',
  value: digest(fold(certificateNumber)),
  ownerId: filingId,
});

export const conflictCode = (claim: UniquenessClaim): UniquenessCode => CODES[claim.kind];

const ownedOrFree = 'attribute_not_exists(pk) OR ownerId = :owner';

/** Take the value (or keep it, when this owner already holds it). */
export function claimItem(claim: UniquenessClaim, now: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...uniqueKey(claim.kind, claim.value), kind: claim.kind, ownerId: claim.ownerId, claimedAt: now },
      ConditionExpression: ownedOrFree,
      ExpressionAttributeValues: { ':owner': claim.ownerId },
    },
  };
}

/** Give the value back (nothing to do when nobody holds it; refused when another owner does). */
export function releaseItem(claim: UniquenessClaim): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: uniqueKey(claim.kind, claim.value),
      ConditionExpression: ownedOrFree,
      ExpressionAttributeValues: { ':owner': claim.ownerId },
    },
  };
}

/**
 * The UniquenessError for a cancelled transaction whose items `offset…` are `claims` in order,
 * or undefined when no claim failed.
 */
export function uniquenessFailure(reasons: CancellationReason[], claims: readonly UniquenessClaim[], offset: number): UniquenessError | undefined {
  const codes = claims.filter((_, i) => reasons[offset + i]?.Code === 'ConditionalCheckFailed').map(conflictCode);
  return codes.length > 0 ? new UniquenessError([...new Set(codes)]) : undefined;
}

const keyOf = (claim: UniquenessClaim): string => `${claim.kind}#${claim.value}`;

/**
 * Claims and releases fit for one transaction (which may touch an item only once): duplicates
 * dropped, and a release of a value that is also claimed dropped (the claim keeps it).
 */
export function planClaims(claims: readonly UniquenessClaim[] = [], releases: readonly UniquenessClaim[] = []): { claims: UniquenessClaim[]; releases: UniquenessClaim[] } {
  const unique = (list: readonly UniquenessClaim[]) => [...new Map(list.map((c) => [keyOf(c), c])).values()];
  const claimed = unique(claims);
  const claimedKeys = new Set(claimed.map(keyOf));
  return { claims: claimed, releases: unique(releases).filter((r) => !claimedKeys.has(keyOf(r))) };
}
