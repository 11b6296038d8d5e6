import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  FILING_DRIFT_CLEARED,
  FILING_DRIFT_DETECTED,
  FILING_STATUS_CHANGED,
  type FilingDriftDetail,
  type FilingStatusChangedDetail,
} from '../adapters/events-publisher.js';
import type { FilingRecord } from './types.js';

/**
 * Which records of the table's stream are events, and the event each one publishes: a filing's
 * status change (docs/design/lifecycle.md "Events"), and drift found or gone on an approved
 * filing (docs/design/api.md "Drift check"). The stream carries exactly the committed
 * writes, so reading it instead of publishing after the write means no change is lost when
 * the writer dies after its commit (docs/durability.md "Events").
 */

/** One stream record as both Lambda's event and the DynamoDB Streams API carry it. */
export interface TableStreamRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  dynamodb?: {
    SequenceNumber?: string;
    OldImage?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
  };
}

const isFilingItem = (image: Record<string, AttributeValue> | undefined): boolean =>
  image?.sk?.S === 'FILING' && image.pk?.S?.startsWith('FILING#') === true;

/** The filing before and after a MODIFY of a filing item; undefined for any other record. */
function filingImagesOf(record: TableStreamRecord): { before: FilingRecord; after: FilingRecord } | undefined {
  if (record.eventName !== 'MODIFY') return undefined;
  const { OldImage, NewImage } = record.dynamodb ?? {};
  if (!isFilingItem(NewImage) || !isFilingItem(OldImage)) return undefined;
  return {
    before: unmarshall(OldImage as Record<string, AttributeValue>) as FilingRecord,
    after: unmarshall(NewImage as Record<string, AttributeValue>) as FilingRecord,
  };
}

/**
 * The `Filing Status Changed` detail of a record, or undefined when the record is not a
 * filing whose status changed (a draft edit, an audit event, a task, a new draft).
 */
export function statusChangeOf(record: TableStreamRecord): FilingStatusChangedDetail | undefined {
  const images = filingImagesOf(record);
  if (images === undefined) return undefined;
  const { before, after } = images;
  if (before.status === after.status) return undefined;
  return {
    filingId: after.filingId,
    accountId: after.accountId,
    type: after.type,
    from: before.status,
    to: after.status,
    reasons: after.reasons ?? [],
    ...(after.recordNumber !== undefined && { recordNumber: after.recordNumber }),
  };
}

/**
 * `Filing Drift Detected` when the drift check sets `drift` on a filing that had none, `Filing
 * Drift Cleared` when it removes it; a filing leaving APPROVED loses its drift with its status
 * change, which is that event, not a clearance. Updated findings publish nothing new.
 */
export function driftChangeOf(record: TableStreamRecord): { detailType: typeof FILING_DRIFT_DETECTED | typeof FILING_DRIFT_CLEARED; detail: FilingDriftDetail } | undefined {
  const images = filingImagesOf(record);
  if (images === undefined) return undefined;
  const { before, after } = images;
  if (before.status !== after.status) return undefined;
  if (before.drift === undefined && after.drift !== undefined) {
    return { detailType: FILING_DRIFT_DETECTED, detail: { filingId: after.filingId, accountId: after.accountId, checkedAt: after.drift.checkedAt, problems: after.drift.problems } };
  }
  if (before.drift !== undefined && after.drift === undefined) {
    return { detailType: FILING_DRIFT_CLEARED, detail: { filingId: after.filingId, accountId: after.accountId, checkedAt: after.driftClearedAt ?? after.updatedAt, problems: [] } };
  }
  return undefined;
}

/** The one event a stream record publishes, if any. */
export function tableEventOf(record: TableStreamRecord): { detailType: string; detail: object } | undefined {
  const statusChange = statusChangeOf(record);
  if (statusChange !== undefined) return { detailType: FILING_STATUS_CHANGED, detail: statusChange };
  return driftChangeOf(record);
}
