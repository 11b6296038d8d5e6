import type { OtherFiling } from '../domain/context.js';
import { documentOf, entityOf } from '../store/document.js';
import { claimsOf, getFiling, readHoldersAndFilings, type FilingRecord } from '../store/index.js';

/**
 * What a submit reads beside the filing (docs/benchmarks.md "storeCallsPerRequest"): its
 * target, and what the rules need to know about other filings (docs/design/rules.md
 * `APP_NAME_TAKEN`, `ENTITY_BUSY`), from the uniqueness items that hold the filing's APP name
 * and entity rather than from a listing of the account's filings: one BatchGetItem whatever
 * the account's size (two reads for a change that does not carry its entity, whose claims are
 * its target's entity's).
 *
 * Every filing that holds a claim is in `otherFilings` as the listing would have shown it, so
 * the rules decide as before: the same codes, 422 for the account's own filings, 409 when the
 * transaction then finds another account's. What a claim cannot show is a filing that holds
 * nothing: a DRAFT (docs/api.md "Claims follow the filing") no longer counts against a submit.
 */

export interface SubmitReads {
  /** The filing's target (a change or cancellation), when it is of the filing's account. */
  target: FilingRecord | null;
  /** The account's filings that hold the APP name or the entity the filing is about to claim. */
  otherFilings: OtherFiling[];
  /** Another application has the entity across accounts (its preliminary review approved): 409 ENTITY_BUSY. */
  entityShownElsewhere: boolean;
}

/** A filing as the submit rules know another one (domain/context.ts). */
export function otherFilingOf(record: FilingRecord): OtherFiling {
  const document = documentOf(record);
  const appName = 'app' in document ? document.app?.name : undefined;
  const entityCertificateNumber = entityOf(record)?.certificateNumber;
  return {
    filingId: record.filingId,
    status: record.status,
    type: record.type,
    ...(entityCertificateNumber !== undefined && { entityCertificateNumber }),
    ...(appName !== undefined && { appName }),
  };
}

const ofAccount = (record: FilingRecord | null | undefined, accountId: string): FilingRecord | null =>
  record !== null && record !== undefined && record.accountId === accountId ? record : null;

export async function readForSubmit(record: FilingRecord): Promise<SubmitReads> {
  const targetId = record.targetFilingId;
  // A change that does not carry the entity claims its target's: the target is read first.
  const targetFirst = targetId !== undefined && entityOf(record)?.certificateNumber === undefined;
  let target = targetFirst ? await getFiling(targetId, { accountId: record.accountId }) : null;
  // Once its entity is shown a filing holds every claim it can: the APP name, the entity for its account and across accounts.
  const claims = claimsOf(record, 'ENTITY_SHOWN', target ?? undefined);
  const read = await readHoldersAndFilings(
    claims.map((c) => c.stored),
    targetId !== undefined && !targetFirst ? [targetId] : [],
  );
  if (targetId !== undefined && !targetFirst) target = ofAccount(read.filings.get(targetId), record.accountId);

  // The read above may have looked up one claim more than the filing needs (a change's APP name
  // before its target's was known): only the claims it needs now count.
  const needed = claimsOf(record, 'ENTITY_SHOWN', target ?? undefined).map((c) => ({ ...c, holder: read.holderOf(c.stored) }));
  const ownIds = new Set([record.filingId, targetId].filter((id): id is string => id !== undefined));
  const entityShownElsewhere = needed.some((c) => c.claim.kind === 'ENTITY' && c.holder !== undefined && c.holder !== record.filingId);
  const holders = [
    ...new Set(needed.filter((c) => c.claim.kind !== 'ENTITY' && c.holder !== undefined && !ownIds.has(c.holder)).map((c) => c.holder as string)),
  ];
  // Only a submit the rules or the transaction will refuse gets here: one read more on that path.
  const held = holders.length === 0 ? new Map<string, FilingRecord>() : (await readHoldersAndFilings([], holders)).filings;
  const otherFilings = holders
    .map((id) => ofAccount(held.get(id), record.accountId))
    .filter((other): other is FilingRecord => other !== null)
    .map(otherFilingOf);
  return { target, otherFilings, entityShownElsewhere };
}
