import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { dynamoDoc } from '../adapters/clients.js';
import { publishFilingStatusChanged } from '../adapters/events-publisher.js';
import { EDITABLE_STATUSES, type FilingStatus } from '../domain/lifecycle.js';
import { asKey, decodeCursor, encodeCursor } from './cursor.js';
import { NotFoundError, VersionMismatchError, WrongStatusError } from './errors.js';
import { accountFilingsPartition, EVENT_PREFIX, eventKey, filingKey, filingListKeys } from './keys.js';
import { isConditionalFailure, stripKeys, tableName, transactWrite, UpdateBuilder, wireAttribute, type StoredItem, type TransactItem } from './table.js';
import { approvalIndexChanges } from './approval-index.js';
import { cancelTaskItem, newTaskItem } from './tasks.js';
import type { AuditEvent, FilingDocument, FilingFieldChanges, FilingRecord, NewAuditEvent, NewFiling, Page, TransitionInput, UniquenessClaim } from './types.js';
import { claimItem, planClaims, releaseItem, uniquenessFailure } from './uniqueness.js';

const logger = new Logger();

const EDITABLE = EDITABLE_STATUSES;
export const MAX_PAGE_SIZE = 100;

const nowIso = (): string => new Date().toISOString();

/** A new opaque filing id. */
export const newFilingId = (): string => randomUUID();

let eventSequence = 0;

export function eventItem(filingId: string, event: NewAuditEvent): StoredItem {
  const at = event.at ?? nowIso();
  // Same-millisecond events of one process keep their order; the random part keeps
  // other processes' events of that millisecond apart.
  eventSequence = (eventSequence + 1) % 36 ** 6;
  const seq = `${eventSequence.toString(36).padStart(6, '0')}${randomBytes(3).toString('hex')}`;
  return { ...eventKey(filingId, at, seq), ...event, at, reasons: event.reasons ?? [] };
}

// ---------------------------------------------------------------- reads

/** One filing (1 strongly consistent GetItem); null when absent or, given `accountId`, another tenant's. */
export async function getFiling(filingId: string, options: { accountId?: string } = {}): Promise<FilingRecord | null> {
  const { Item } = await dynamoDoc().send(new GetCommand({ TableName: tableName(), Key: filingKey(filingId), ConsistentRead: true }));
  if (!Item) return null;
  const record = stripKeys<FilingRecord>(Item);
  if (options.accountId !== undefined && record.accountId !== options.accountId) return null;
  return record;
}

export interface ListFilingsOptions {
  status?: FilingStatus;
  /** 1…100. */
  limit: number;
  cursor?: string;
}

/** Bounded work for a filtered listing: at most this many index pages, of this many items, per call. */
const MAX_PAGES_PER_LISTING = 5;
const FILTERED_PAGE_ITEMS = 200;

const listingKey = (item: StoredItem): Record<string, string> => ({
  pk: String(item.pk),
  sk: String(item.sk),
  gsi1pk: String(item.gsi1pk),
  gsi1sk: String(item.gsi1sk),
});

/**
 * An account's filings, newest first (gsi1): one Query per page. With a status filter, pages
 * are read until `limit` match (at most a few pages; a page may then hold fewer items and
 * still have a cursor). `BadCursorError` for a cursor not issued for this very listing.
 */
export async function listFilings(accountId: string, options: ListFilingsOptions): Promise<Page<FilingRecord>> {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.trunc(options.limit)));
  const scope = `filings|${accountId}|${options.status ?? ''}`;
  let startKey = options.cursor === undefined ? undefined : asKey(decodeCursor(options.cursor, scope));
  const taken: StoredItem[] = [];
  for (let page = 0; page < MAX_PAGES_PER_LISTING; page += 1) {
    const input: QueryCommandInput = {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': accountFilingsPartition(accountId) },
      ScanIndexForward: false,
      // Unfiltered, exactly what is needed; filtered, enough to usually fill the page at once.
      Limit: options.status ? FILTERED_PAGE_ITEMS : limit - taken.length,
      ExclusiveStartKey: startKey,
    };
    if (options.status) {
      input.FilterExpression = '#status = :status';
      input.ExpressionAttributeNames = { '#status': 'status' };
      input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':status': options.status };
    }
    const result = await dynamoDoc().send(new QueryCommand(input));
    const matching = result.Items ?? [];
    const room = limit - taken.length;
    taken.push(...matching.slice(0, room));
    if (matching.length > room) {
      // Stopped inside the page: continue after the last item handed out.
      return { items: taken.map((item) => stripKeys<FilingRecord>(item)), nextCursor: encodeCursor(listingKey(taken.at(-1) as StoredItem), scope) };
    }
    if (!result.LastEvaluatedKey) return { items: taken.map((item) => stripKeys<FilingRecord>(item)) };
    startKey = result.LastEvaluatedKey as Record<string, string>;
    if (taken.length >= limit) break;
  }
  return { items: taken.map((item) => stripKeys<FilingRecord>(item)), nextCursor: encodeCursor(startKey, scope) };
}

// ---------------------------------------------------------------- drafts

export interface CreateFilingOptions {
  /** Taken in the same transaction (`UniquenessError` when another filing holds it). */
  appNameClaim?: UniquenessClaim;
  /** Who created it (the audit event's actor); default the account id. */
  actor?: string;
}

/**
 * A new DRAFT (version 1, revision 0) with its CREATED audit event, in one TransactWriteItems.
 */
export async function createFiling(input: NewFiling, options: CreateFilingOptions = {}): Promise<FilingRecord> {
  const now = nowIso();
  const record: FilingRecord = {
    filingId: input.filingId ?? newFilingId(),
    accountId: input.accountId,
    type: input.type,
    ...(input.targetFilingId !== undefined && { targetFilingId: input.targetFilingId }),
    document: input.document,
    status: 'DRAFT',
    version: 1,
    revision: 0,
    ...(input.verificationMethod !== undefined && { verificationMethod: input.verificationMethod }),
    reasons: [],
    createdAt: now,
    updatedAt: now,
  };
  const claims = options.appNameClaim ? [options.appNameClaim] : [];
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...filingKey(record.filingId), ...filingListKeys(record.accountId, now, record.filingId), ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: tableName(), Item: eventItem(record.filingId, { at: now, type: 'CREATED', to: 'DRAFT', actor: options.actor ?? record.accountId }) } },
    ...claims.map((claim) => claimItem(claim, now)),
  ];
  await transactWrite(items, (reasons) => {
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return new Error(`filing ${record.filingId} already exists`);
    return uniquenessFailure(reasons, claims, 2);
  });
  return record;
}

/** Why a conditional write on a filing failed, from the item as it was (wire format). */
function filingConditionError(
  filingId: string,
  old: Record<string, unknown> | undefined,
  allowed: readonly FilingStatus[],
  expectedVersion: number | undefined,
  accountId?: string,
): Error {
  if (!old || (accountId !== undefined && wireAttribute(old, 'accountId') !== accountId)) return new NotFoundError('filing', filingId);
  const status = wireAttribute(old, 'status') as FilingStatus | undefined;
  if (!status || !allowed.includes(status)) return new WrongStatusError(filingId, status, allowed);
  const version = Number(wireAttribute(old, 'version'));
  return new VersionMismatchError(filingId, expectedVersion ?? Number.NaN, Number.isFinite(version) ? version : undefined);
}

export interface UpdateDraftOptions {
  /** Refuse (NotFoundError) a filing of another account. */
  accountId?: string;
  set?: Pick<FilingFieldChanges, 'type' | 'targetFilingId' | 'verificationMethod'>;
}

/**
 * Replace the document of a DRAFT or RETURNED filing at `expectedVersion` (1 UpdateItem).
 * `NotFoundError`, `WrongStatusError` or `VersionMismatchError` otherwise.
 */
export async function updateDraft(
  filingId: string,
  expectedVersion: number,
  document: FilingDocument,
  options: UpdateDraftOptions = {},
): Promise<FilingRecord> {
  const update = new UpdateBuilder();
  update.set('document', document);
  update.set('updatedAt', nowIso());
  update.increment('version');
  for (const [name, value] of Object.entries(options.set ?? {})) update.assign(name, value);
  const condition = [
    'attribute_exists(pk)',
    `${update.name('status')} IN (${update.values(EDITABLE)})`,
    `${update.name('version')} = ${update.value(expectedVersion)}`,
  ];
  if (options.accountId !== undefined) condition.push(`${update.name('accountId')} = ${update.value(options.accountId)}`);
  try {
    const { Attributes } = await dynamoDoc().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: filingKey(filingId),
        ...update.build(),
        ConditionExpression: condition.join(' AND '),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return stripKeys<FilingRecord>(Attributes ?? {});
  } catch (error) {
    if (isConditionalFailure(error)) throw filingConditionError(filingId, error.Item, EDITABLE, expectedVersion, options.accountId);
    throw error;
  }
}

/**
 * Delete a DRAFT of this account and its audit trail; `releases` (e.g. an APP name claimed at
 * creation) are given back in the same transaction. `NotFoundError` / `WrongStatusError`.
 */
export async function deleteDraft(filingId: string, accountId: string, options: { releases?: UniquenessClaim[] } = {}): Promise<void> {
  const { releases } = planClaims([], options.releases);
  const condition = {
    ConditionExpression: 'attribute_exists(pk) AND #status = :draft AND #accountId = :account',
    ExpressionAttributeNames: { '#status': 'status', '#accountId': 'accountId' },
    ExpressionAttributeValues: { ':draft': 'DRAFT', ':account': accountId },
  };
  const explain = (old: Record<string, unknown> | undefined) => filingConditionError(filingId, old, ['DRAFT'], undefined, accountId);
  if (releases.length === 0) {
    try {
      await dynamoDoc().send(
        new DeleteCommand({ TableName: tableName(), Key: filingKey(filingId), ...condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
      );
    } catch (error) {
      if (isConditionalFailure(error)) throw explain(error.Item);
      throw error;
    }
  } else {
    await transactWrite(
      [
        { Delete: { TableName: tableName(), Key: filingKey(filingId), ...condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        ...releases.map(releaseItem),
      ],
      (reasons) => (reasons[0]?.Code === 'ConditionalCheckFailed' ? explain(reasons[0].Item) : undefined),
    );
  }
  await deleteEvents(filingId);
}

async function deleteEvents(filingId: string): Promise<void> {
  const keys = (await queryEvents(filingId, ['pk', 'sk'])).map((item) => ({ pk: item.pk, sk: item.sk }));
  // Sequential single deletes would be N calls; a batch is one call per 25.
  for (let i = 0; i < keys.length; i += 25) {
    let requests: Record<string, { DeleteRequest: { Key: Record<string, unknown> } }[]> | undefined = {
      [tableName()]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
    };
    for (let attempt = 0; requests && Object.keys(requests).length > 0 && attempt < 5; attempt += 1) {
      const result = await dynamoDoc().send(new BatchWriteCommand({ RequestItems: requests }));
      requests = result.UnprocessedItems as typeof requests;
    }
  }
}

// ---------------------------------------------------------------- transitions

/** The record after a transition, computed from the record it was conditional on. */
function applyToRecord(current: FilingRecord, to: FilingStatus, reasons: FilingRecord['reasons'], changes: FilingFieldChanges, now: string): FilingRecord {
  const next: Record<string, unknown> = { ...current, status: to, version: current.version + 1, updatedAt: now, reasons };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete next[name];
    else if (value !== undefined) next[name] = value;
  }
  return next as unknown as FilingRecord;
}

export interface TransitionOptions {
  /**
   * The filing as the caller just read it: the transition is then conditional on its version
   * and costs one call (no read before, none after). Without it the store reads the filing
   * first (2 calls) and, unless `expectedVersion` was given, retries when a concurrent write
   * (still in an allowed status) got in between.
   */
  current?: FilingRecord;
}

/** A concurrent write moved the version between our read and our transaction. */
class StaleRead extends Error {}

const MAX_TRANSITION_ATTEMPTS = 5;

/**
 * Change a filing's status: ONE TransactWriteItems holding the conditional update (status in
 * `from`, version), its STATUS_CHANGED audit event `{at, type, from, to, actor, reasons}`,
 * the uniqueness claims and releases, and the callback task to store or cancel; then
 * `Filing Status Changed` to EventBridge (a failed publish is logged, not thrown).
 * `openTaskId` and `deadline` belong to the stage being left: removed unless `set` (or `task`)
 * gives new ones. Returns the new record.
 * `WrongStatusError` (also `VersionMismatchError`, `NotFoundError`, `UniquenessError`) otherwise.
 */
export async function transitionFiling(input: TransitionInput, options: TransitionOptions = {}): Promise<FilingRecord> {
  for (let attempt = 1; ; attempt += 1) {
    const current = options.current ?? (await getFiling(input.filingId));
    if (!current) throw new NotFoundError('filing', input.filingId);
    if (input.expectedVersion !== undefined && current.version !== input.expectedVersion) {
      throw new VersionMismatchError(input.filingId, input.expectedVersion, current.version);
    }
    if (!input.from.includes(current.status)) throw new WrongStatusError(input.filingId, current.status, input.from);
    try {
      const record = await writeTransition(input, current, input.expectedVersion === undefined && !options.current);
      if (current.status !== input.to) await publishStatusChange(record, current.status, input.reasons ?? []);
      return record;
    } catch (error) {
      if (error instanceof StaleRead && attempt < MAX_TRANSITION_ATTEMPTS) continue;
      if (error instanceof StaleRead) throw new VersionMismatchError(input.filingId, current.version, undefined);
      throw error;
    }
  }
}

async function writeTransition(input: TransitionInput, current: FilingRecord, versionIsOurs: boolean): Promise<FilingRecord> {
  const now = nowIso();
  const reasons = input.reasons ?? [];
  // Entering or leaving APPROVED moves the filing on or off the drift check's work list.
  const approval = approvalIndexChanges(current, current.status, input.to);
  const changes: FilingFieldChanges = { openTaskId: null, deadline: null, ...approval.changes, ...input.set };
  if (input.task) {
    changes.openTaskId = input.task.taskId;
    changes.deadline = new Date(input.task.deadline).toISOString();
  }

  const update = new UpdateBuilder().set('status', input.to).set('updatedAt', now).set('reasons', reasons).increment('version');
  for (const [name, value] of Object.entries(changes)) update.assign(name, value);
  for (const [name, value] of Object.entries(approval.setKeys)) update.set(name, value);
  for (const name of approval.removeKeys) update.remove(name);
  const condition = [
    'attribute_exists(pk)',
    `${update.name('status')} IN (${update.values(input.from)})`,
    `${update.name('version')} = ${update.value(current.version)}`,
  ].join(' AND ');

  const { claims, releases } = planClaims(input.claims, input.releases);
  const event: NewAuditEvent = {
    at: now,
    type: input.eventType ?? (current.status === input.to ? 'FILING_UPDATED' : 'STATUS_CHANGED'),
    from: current.status,
    to: input.to,
    actor: input.actor,
    reasons,
    ...(input.details && { details: input.details }),
  };
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: filingKey(input.filingId),
        ...update.build(),
        ConditionExpression: condition,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    { Put: { TableName: tableName(), Item: eventItem(input.filingId, event) } },
    ...claims.map((claim) => claimItem(claim, now)),
    ...releases.map(releaseItem),
  ];
  items.push(...approval.items);
  if (input.task) items.push(newTaskItem(input.task, now));
  if (input.cancelTaskId) items.push(cancelTaskItem(input.cancelTaskId, now));

  await transactWrite(items, (cancellation: CancellationReason[]) => {
    if (cancellation[0]?.Code === 'ConditionalCheckFailed') {
      const error = filingConditionError(input.filingId, cancellation[0].Item, input.from, current.version);
      return error instanceof VersionMismatchError && versionIsOurs ? new StaleRead() : error;
    }
    return uniquenessFailure(cancellation, claims, 2);
  });
  return applyToRecord(current, input.to, reasons, changes, now);
}

async function publishStatusChange(record: FilingRecord, from: FilingStatus, reasons: FilingRecord['reasons']): Promise<void> {
  try {
    await publishFilingStatusChanged({
      filingId: record.filingId,
      accountId: record.accountId,
      type: record.type,
      from,
      to: record.status,
      reasons,
      ...(record.recordNumber !== undefined && { recordNumber: record.recordNumber }),
    });
  } catch (error) {
    logger.error('Filing Status Changed was not published', { filingId: record.filingId, to: record.status, error });
  }
}

// ---------------------------------------------------------------- audit events

/** A non-status audit event (ATTACHMENT_UPLOADED, TASK_OVERDUE, …): 1 PutItem. */
export async function appendEvent(filingId: string, event: NewAuditEvent): Promise<AuditEvent> {
  const item = eventItem(filingId, event);
  await dynamoDoc().send(new PutCommand({ TableName: tableName(), Item: item }));
  return stripKeys<AuditEvent>(item);
}

async function queryEvents(filingId: string, projection?: string[]): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDoc().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': filingKey(filingId).pk, ':prefix': EVENT_PREFIX },
        ...(projection && { ProjectionExpression: projection.join(', ') }),
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** A filing's audit trail, oldest first (1 Query per MB). */
export async function listEvents(filingId: string): Promise<AuditEvent[]> {
  return (await queryEvents(filingId)).map((item) => stripKeys<AuditEvent>(item));
}
