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
