import { problem } from '../messages/index.js';
import { UniquenessError, type FilingRecord } from '../store/index.js';
import { FilingReturnedError } from './errors.js';
import { claimsFollow, returnFiling, targetOf } from './outcomes.js';
import { moveFiling } from './state.js';

/**
 * docs/design/rules.md `ENTITY_BUSY`: an account's application locks its entity against other
 * accounts only once a reviewer has approved its preliminary review. Called then (before the
 * hand-over to the Communications Administration): the entity is claimed across accounts in a
 * transaction that keeps the status (`ENTITY_CLAIMED` in the audit trail). When another
 * account's application got there first, this one is returned with `ENTITY_BUSY`: the first
 * preliminary approval wins (docs/api.md "Two accounts, one entity").
 */
export async function claimShownEntity(filing: FilingRecord): Promise<FilingRecord> {
  const target = await targetOf(filing);
  const claims = claimsFollow(filing, 'ENTITY_SHOWN', target);
  if ((claims.claims ?? []).length === 0 && (claims.releases ?? []).length === 0) return filing;
  try {
    return await moveFiling(filing, { to: filing.status, eventType: 'ENTITY_CLAIMED', ...claims });
  } catch (error) {
    if (!(error instanceof UniquenessError)) throw error;
    const reasons = [problem('ENTITY_BUSY', 'entity.certificateNumber')];
    await returnFiling(filing, reasons, { entityBusy: true });
    throw new FilingReturnedError(filing.filingId, ['ENTITY_BUSY']);
  }
}
