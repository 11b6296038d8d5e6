import { claimChange, getFiling, transitionFiling, updateDraft, type FilingDocument, type FilingFieldChanges, type FilingRecord } from '../shared/store/index.js';

/**
 * Saves an edited DRAFT or RETURNED document. A RETURNED filing keeps the APP name it was
 * submitted with (docs/design/rules.md `APP_NAME_TAKEN`); renamed, it gives the old name back
 * and takes the new one in the same transaction (409 `APP_NAME_TAKEN` when another filing of
 * the entity has it), so a name it no longer carries is free at once.
 */
export async function saveEdit(
  current: FilingRecord,
  expectedVersion: number,
  document: FilingDocument,
  set: Pick<FilingFieldChanges, 'type' | 'targetFilingId' | 'verificationMethod'>,
  actor: string,
): Promise<FilingRecord> {
  if (current.status === 'RETURNED') {
    const target = current.targetFilingId === undefined ? null : await getFiling(current.targetFilingId, { accountId: current.accountId });
    const change = claimChange(current, 'RETURNED', target ?? undefined, { document });
    if (change.claims.length > 0 || change.releases.length > 0) {
      return transitionFiling(
        {
          filingId: current.filingId,
          from: ['RETURNED'],
          to: 'RETURNED',
          expectedVersion,
          actor,
          eventType: 'FILING_UPDATED',
          reasons: current.reasons,
          set: { ...set, document, heldClaims: change.heldClaims },
          claims: change.claims,
          releases: change.releases,
        },
        { current },
      );
    }
  }
  return updateDraft(current.filingId, expectedVersion, document, { accountId: current.accountId, set });
}
