import type { FilingDocument } from '../domain/index.js';
import type { FilingRecord } from './types.js';

/**
 * The filing's document as the domain reads it: the stored document (an opaque record to the
 * store) with the record's own `type` and `targetFilingId`, which are fixed at creation.
 * One reading for the API and the workflow alike.
 */
export function documentOf(filing: Pick<FilingRecord, 'document' | 'type' | 'targetFilingId'>): FilingDocument {
  return {
    ...filing.document,
    type: filing.type,
    ...(filing.targetFilingId !== undefined && { targetFilingId: filing.targetFilingId }),
  } as FilingDocument;
}

/** The entity section of a filing's document (a change may leave it out and mean its target's). */
export type EntitySection = NonNullable<Extract<FilingDocument, { entity?: unknown }>['entity']>;

/** The filing's own entity section, if its document carries one. */
export function entityOf(filing: Pick<FilingRecord, 'document' | 'type' | 'targetFilingId'> | null | undefined): EntitySection | undefined {
  if (filing === null || filing === undefined) return undefined;
  const document = documentOf(filing);
  return 'entity' in document ? document.entity : undefined;
}
