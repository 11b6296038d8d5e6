import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import type { FilingStatus } from '../domain/lifecycle.js';
import { eventItem } from './audit-trail.js';
import { approvalIndexChanges } from './approval-index.js';
import { NotFoundError, TaskAlreadyDecidedError, VersionMismatchError, WrongStatusError } from './errors.js';
import { filingConditionError } from './filing-conditions.js';
import { getFiling } from './filing-reads.js';
import { filingKey } from './keys.js';
import { nowIso, tableName, transactWrite, UpdateBuilder, type TransactItem } from './table.js';
import { cancelTaskItem, newTaskItem, settleTaskItem } from './tasks.js';
import type { FilingFieldChanges, FilingRecord, NewAuditEvent, TransitionInput } from './types.js';
import { claimItem, planClaims, releaseItem, uniquenessFailure } from './uniqueness.js';

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
 * the uniqueness claims and releases, the callback task to store or cancel, and the task of
 * the stage being left settled (its answer was handed over: tasks.ts `settleTaskItem`). Its
 * `Filing Status Changed` event is published from the table's stream once committed
 * (stream-events.ts), never by the writer.
 * `openTaskId`, `openTaskToken` and `deadline` belong to the stage being left: removed unless
 * `set` (or `task`) gives new ones. Returns the new record.
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
      return await writeTransition(input, current, input.expectedVersion === undefined && !options.current);
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
  const changes: FilingFieldChanges = { openTaskId: null, openTaskToken: null, deadline: null, ...approval.changes, ...input.set };
  if (input.task) {
    changes.openTaskId = input.task.taskId;
    changes.openTaskToken = input.task.token;
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
    ...approval.items,
  ];
  if (input.task) items.push(newTaskItem(input.task, now));
  if (input.cancelTaskId) items.push(cancelTaskItem(input.cancelTaskId, now));
  const openTaskAt = input.cancelOpenTaskId ? items.push(cancelTaskItem(input.cancelOpenTaskId, now, true)) - 1 : -1;
  // The stage being left: its task, answered (the workflow only moves on once it took the
  // answer), is settled here rather than by a write of its own after SendTask*.
  const left = current.openTaskId;
  if (left !== undefined && changes.openTaskId !== left && ![input.cancelTaskId, input.cancelOpenTaskId].includes(left)) items.push(settleTaskItem(left, now));

  await transactWrite(items, (cancellation: CancellationReason[]) => {
    if (cancellation[0]?.Code === 'ConditionalCheckFailed') {
      const error = filingConditionError(input.filingId, cancellation[0].Item, input.from, current.version);
      return error instanceof VersionMismatchError && versionIsOurs ? new StaleRead() : error;
    }
    if (openTaskAt >= 0 && cancellation[openTaskAt]?.Code === 'ConditionalCheckFailed') return new TaskAlreadyDecidedError(input.cancelOpenTaskId as string);
    return uniquenessFailure(cancellation, claims, 2);
  });
  return applyToRecord(current, input.to, reasons, changes, now);
}
