/**
 * What a filing holds, by where it stands (docs/design/rules.md `APP_NAME_TAKEN`,
 * `ENTITY_BUSY`): the rules for claiming and releasing names and entities, in one place. The
 * store turns these into uniqueness items and records on the filing what it holds, so every
 * status change takes what the filing now needs and gives back what it no longer carries
 * (renamed, withdrawn, returned then withdrawn, cancelled).
 */
import { comparableName } from './comparable.js';
import type { FilingStatus } from './lifecycle.js';
import type { FilingDocument } from './schemas.js';

export type Claim =
  /** An APP name within one entity (certificate number), from any account. */
  | { kind: 'APP_NAME'; certificateNumber: string; appName: string; owner: string }
  /** One application of an entity under review per account, from submit on. */
  | { kind: 'ENTITY_OF_ACCOUNT'; accountId: string; certificateNumber: string; owner: string }
  /** One application of an entity under review across accounts, once a reviewer approved its preliminary review. */
  | { kind: 'ENTITY'; certificateNumber: string; owner: string };

/**
 * Where a filing stands as far as claims go. `ENTITY_SHOWN`: in the workflow with its
 * preliminary review approved (the account has shown the entity is its own).
 */
export type ClaimStage = 'NONE' | 'IN_REVIEW' | 'ENTITY_SHOWN' | 'RETURNED' | 'APPROVED';

/**
 * The stage of a status. `PRELIMINARY_REVIEW` is `IN_REVIEW` until the approval is applied,
 * which the workflow says explicitly; after it every status of the workflow is `ENTITY_SHOWN`.
 */
export function claimStageOf(status: FilingStatus): ClaimStage {
  switch (status) {
    case 'SUBMITTED':
    case 'AWAITING_VERIFICATION':
    case 'PRELIMINARY_REVIEW':
      return 'IN_REVIEW';
    case 'AWAITING_SMS_VERIFICATION':
    case 'CA_REVIEW':
      return 'ENTITY_SHOWN';
    case 'RETURNED':
      return 'RETURNED';
    case 'APPROVED':
      return 'APPROVED';
    default:
      return 'NONE';
  }
}

/** A filing as the claim rules see it: its own document and, for a change, its target's. */
export interface ClaimSubject {
  filingId: string;
  accountId: string;
  document: FilingDocument;
  targetFilingId?: string;
  target?: FilingDocument;
}

interface Named {
  entity?: { certificateNumber?: string };
  app?: { name?: string };
}
const sections = (document: FilingDocument | undefined): Named => (document ?? {}) as Named;

const certificateNumberOf = (subject: ClaimSubject): string | undefined =>
  sections(subject.document).entity?.certificateNumber || sections(subject.target).entity?.certificateNumber || undefined;

/**
 * The APP name an application carries and who will own it: a NEW filing its own name; a
 * `CHANGE_INFO` a name other than its target's, on behalf of the target (the APP whose name
 * it becomes, so the claim passes to the target when the change is applied).
 */
function appNameOf(subject: ClaimSubject): { name: string; owner: string } | undefined {
  const name = sections(subject.document).app?.name;
  if (!name) return undefined;
  if (subject.document.type === 'NEW') return { name, owner: subject.filingId };
  if (subject.document.type !== 'CHANGE_INFO' || subject.targetFilingId === undefined) return undefined;
  const current = sections(subject.target).app?.name;
  return current !== undefined && comparableName(current) === comparableName(name) ? undefined : { name, owner: subject.targetFilingId };
}

/**
 * The claims a filing holds at `stage`:
 * - in review (submitted up to the preliminary review): its entity for its own account and the
 *   APP name it carries; once its preliminary review is approved, its entity across accounts too;
 * - returned: the APP name only (the customer is fixing it; the entity is free meanwhile);
 * - approved: a NEW filing (an APP) keeps its name; an applied change holds nothing (what it
 *   changed is now the target's);
 * - draft, withdrawn, cancelled: nothing.
 */
export function claimsAt(subject: ClaimSubject, stage: ClaimStage): Claim[] {
  const certificateNumber = certificateNumberOf(subject);
  if (certificateNumber === undefined || stage === 'NONE') return [];
  const claims: Claim[] = [];
  const appName = appNameOf(subject);
  const keepsName = stage !== 'APPROVED' || subject.document.type === 'NEW';
  if (appName && keepsName) claims.push({ kind: 'APP_NAME', certificateNumber, appName: appName.name, owner: appName.owner });
  if (stage === 'IN_REVIEW' || stage === 'ENTITY_SHOWN') {
    claims.push({ kind: 'ENTITY_OF_ACCOUNT', accountId: subject.accountId, certificateNumber, owner: subject.filingId });
  }
  if (stage === 'ENTITY_SHOWN') claims.push({ kind: 'ENTITY', certificateNumber, owner: subject.filingId });
  return claims;
}
