import { createHash } from 'node:crypto';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { claimStageOf, claimsAt, type Claim, type ClaimStage, type ClaimSubject } from '../domain/claims.js';
import { comparableEmail, comparableName } from '../domain/comparable.js';
import type { FilingDocument } from '../domain/schemas.js';
import { UniquenessError } from './errors.js';
import { uniqueKey } from './keys.js';
import { tableName, type TransactItem } from './table.js';
import type { FilingRecord, FilingDocument as StoredDocument, UniquenessClaim, UniquenessCode, UniquenessKind } from './types.js';

/**
 * Uniqueness items: one item per taken value, written in the same transaction as what it
 * guards, so two writers can never both take it. Values are hashed: the keys carry no PII.
 * Every value is compared as docs/design/rules.md "Comparing names, emails and mobiles" says
 * (domain/comparable.ts); which filing holds what, when, is domain/claims.ts.
 */
const CODES: Record<UniquenessKind, UniquenessCode> = {
  EMAIL: 'EMAIL_TAKEN',
  MOBILE: 'MOBILE_TAKEN',
  APP_NAME: 'APP_NAME_TAKEN',
  ENTITY_BUSY: 'ENTITY_BUSY',
};

const digest = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('base64url');

/** Emails compare by their canonical form (IDNA domain, case folded). */
export const normaliseEmail = (email: string): string => comparableEmail(email);
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

/** An APP name within one entity (certificate number), held by `ownerId` (the APP's filing). */
export const appNameClaim = (certificateNumber: string, appName: string, ownerId: string): UniquenessClaim => ({
  kind: 'APP_NAME',
  value: digest(comparableName(certificateNumber), comparableName(appName)),
  ownerId,
});

/** The entity (certificate number) under review across accounts, held by one application. */
export const entityBusyClaim = (certificateNumber: string, filingId: string): UniquenessClaim => ({
  kind: 'ENTITY_BUSY',
  value: digest(comparableName(certificateNumber)),
  ownerId: filingId,
});

/** The entity under review for one account, held by one application of that account. */
export const accountEntityClaim = (accountId: string, certificateNumber: string, filingId: string): UniquenessClaim => ({
  kind: 'ENTITY_BUSY',
  value: digest('account', accountId, comparableName(certificateNumber)),
  ownerId: filingId,
});

/** The store form of one of domain/claims.ts's claims. */
export function uniquenessClaimOf(claim: Claim): UniquenessClaim {
  switch (claim.kind) {
    case 'APP_NAME':
      return appNameClaim(claim.certificateNumber, claim.appName, claim.owner);
    case 'ENTITY_OF_ACCOUNT':
      return accountEntityClaim(claim.accountId, claim.certificateNumber, claim.owner);
    case 'ENTITY':
      return entityBusyClaim(claim.certificateNumber, claim.owner);
  }
}

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

// ---------------------------------------------------------------- claims follow the filing

/** What a transition takes, gives back, and records as held (`set.heldClaims`). */
export interface ClaimChange {
  claims: UniquenessClaim[];
  releases: UniquenessClaim[];
  heldClaims: UniquenessClaim[];
}

const subjectOf = (filing: FilingRecord, target?: FilingRecord, document?: StoredDocument): ClaimSubject => ({
  filingId: filing.filingId,
  accountId: filing.accountId,
  document: { ...(document ?? filing.document), type: filing.type, targetFilingId: filing.targetFilingId } as FilingDocument,
  ...(filing.targetFilingId !== undefined && { targetFilingId: filing.targetFilingId }),
  ...(target !== undefined && { target: target.document as FilingDocument }),
});

/** What a filing holds: as recorded on it, or (a filing from before that record) as its status implies. */
export function heldClaimsOf(filing: FilingRecord, target?: FilingRecord): UniquenessClaim[] {
  return filing.heldClaims ?? claimsAt(subjectOf(filing, target), claimStageOf(filing.status)).map(uniquenessClaimOf);
}

export interface ClaimChangeOptions {
  /** The document the filing will carry (a PATCH, a change applied to its target); default its own. */
  document?: StoredDocument;
  /** An applied change: what it held on behalf of its target (a new APP name) now is the target's, not given back. */
  handOver?: boolean;
}

/**
 * The claims of a filing moving to `stage` (domain/claims.ts): the ones it does not hold yet
 * are taken, the ones it holds and no longer needs are given back, in the transition's own
 * transaction (`UniquenessError` when another filing holds one it needs).
 */
export function claimChange(filing: FilingRecord, stage: ClaimStage, target?: FilingRecord, options: ClaimChangeOptions = {}): ClaimChange {
  const held = heldClaimsOf(filing, target);
  const next = claimsAt(subjectOf(filing, target, options.document), stage).map(uniquenessClaimOf);
  const heldKeys = new Set(held.map(keyOf));
  const nextKeys = new Set(next.map(keyOf));
  return {
    claims: next.filter((claim) => !heldKeys.has(keyOf(claim))),
    releases: held.filter((claim) => !nextKeys.has(keyOf(claim)) && !(options.handOver && claim.ownerId !== filing.filingId)),
    heldClaims: next,
  };
}

/**
 * The claims `filing` would hold at `stage` (domain/claims.ts), each with its store form: what
 * a submit looks up (store/claim-holders.ts) before it takes them.
 */
export function claimsOf(filing: FilingRecord, stage: ClaimStage, target?: FilingRecord): { claim: Claim; stored: UniquenessClaim }[] {
  return claimsAt(subjectOf(filing, target), stage).map((claim) => ({ claim, stored: uniquenessClaimOf(claim) }));
}
