import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { FilingStatusChangedDetail } from '../adapters/events-publisher.js';
import type { FilingRecord } from './types.js';

/**
 * Which records of the table's stream are filing status changes, and the event each one
 * publishes (docs/design/lifecycle.md "Events"). The stream carries exactly the committed
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

/**
 * The `Filing Status Changed` detail of a record, or undefined when the record is not a
 * filing whose status changed (a draft edit, an audit event, a task, a new draft).
 */
export function statusChangeOf(record: TableStreamRecord): FilingStatusChangedDetail | undefined {
  if (record.eventName !== 'MODIFY') return undefined;
  const { OldImage, NewImage } = record.dynamodb ?? {};
  if (!isFilingItem(NewImage) || !isFilingItem(OldImage)) return undefined;
  const before = unmarshall(OldImage as Record<string, AttributeValue>) as FilingRecord;
  const after = unmarshall(NewImage as Record<string, AttributeValue>) as FilingRecord;
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
