import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { dynamoDoc } from '../adapters/clients.js';
import { EVENT_PREFIX, eventKey, filingKey } from './keys.js';
import { nowIso, queryAll, stripKeys, tableName, type StoredItem } from './table.js';
import type { AuditEvent, NewAuditEvent } from './types.js';

/**
 * A filing's audit trail: one item per event under the filing's partition (sk
 * `EVENT#<at>#<seq>`), oldest first. Status changes write theirs inside the transition's
 * transaction (transitions.ts); other facts are appended here.
 */

let eventSequence = 0;

/** The item of one audit event (put alone by `appendEvent`, or inside a transaction). */
export function eventItem(filingId: string, event: NewAuditEvent): StoredItem {
  const at = event.at ?? nowIso();
  // Same-millisecond events of one process keep their order; the random part keeps
  // other processes' events of that millisecond apart.
  eventSequence = (eventSequence + 1) % 36 ** 6;
  const seq = `${eventSequence.toString(36).padStart(6, '0')}${randomBytes(3).toString('hex')}`;
  return { ...eventKey(filingId, at, seq), ...event, at, reasons: event.reasons ?? [] };
}

/** A non-status audit event (ATTACHMENT_UPLOADED, TASK_OVERDUE, …): 1 PutItem. */
export async function appendEvent(filingId: string, event: NewAuditEvent): Promise<AuditEvent> {
  const item = eventItem(filingId, event);
  await dynamoDoc().send(new PutCommand({ TableName: tableName(), Item: item }));
  return stripKeys<AuditEvent>(item);
}

function queryEvents(filingId: string, projection?: string[]): Promise<StoredItem[]> {
  return queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': filingKey(filingId).pk, ':prefix': EVENT_PREFIX },
    ...(projection && { ProjectionExpression: projection.join(', ') }),
    ConsistentRead: true,
  });
}

/** A filing's audit trail, oldest first (1 Query per MB). */
export async function listEvents(filingId: string): Promise<AuditEvent[]> {
  return (await queryEvents(filingId)).map((item) => stripKeys<AuditEvent>(item));
}
