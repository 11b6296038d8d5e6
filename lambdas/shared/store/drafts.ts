import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomUUID } from 'node:crypto';
import { dynamoDoc } from '../adapters/clients.js';
import { EDITABLE_STATUSES } from '../domain/lifecycle.js';
import { eventItem } from './audit-trail.js';
import { deleteFilingPartition } from './filing-partition.js';
import { FilingExistsError } from './errors.js';
import { filingConditionError } from './filing-conditions.js';
import { filingKey, filingListKeys } from './keys.js';
import { isConditionalFailure, nowIso, stripKeys, tableName, transactWrite, UpdateBuilder, type TransactItem } from './table.js';
import type { FilingDocument, FilingFieldChanges, FilingRecord, NewFiling, UniquenessClaim } from './types.js';
import { claimItem, planClaims, releaseItem, uniquenessFailure } from './uniqueness.js';

/** Drafts: creating, editing and deleting a filing before (or between) submissions. */

const EDITABLE = EDITABLE_STATUSES;

/** A new opaque filing id. */
export const newFilingId = (): string => randomUUID();

/**
 * The filing id a create with an `Idempotency-Key` makes: derived from the account and the key
 * (SHA-256, shaped as an RFC 9562 version-8 UUID), so that a create replayed after a crash,
 * whatever the idempotency record says, finds the filing the first attempt wrote instead of
 * making a second one (docs/durability.md "Idempotent creates").
 */
export function filingIdForIdempotencyKey(accountId: string, idempotencyKey: string): string {
  const bytes = createHash('sha256').update(`filing\0${accountId}\0${idempotencyKey}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Hash of a create request's body, kept on a filing created with an idempotency key. */
export const requestBodyHash = (body: unknown): string => createHash('sha256').update(JSON.stringify(body)).digest('base64url');

export interface CreateFilingOptions {
  /** Taken in the same transaction (`UniquenessError` when another filing holds it). */
  appNameClaim?: UniquenessClaim;
  /** Who created it (the audit event's actor); default the account id. */
  actor?: string;
  /** The create request's body hash, when the id was derived from an idempotency key. */
  requestBodyHash?: string;
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
    ...(options.requestBodyHash !== undefined && { requestBodyHash: options.requestBodyHash }),
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
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return new FilingExistsError(record.filingId);
    return uniquenessFailure(reasons, claims, 2);
  });
  return record;
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
  // Its audit trail and upload grants go with it (after the item: a crash between leaves only items nobody reads).
  await deleteFilingPartition(filingId);
}
