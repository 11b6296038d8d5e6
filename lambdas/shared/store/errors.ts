import type { FilingStatus } from '../domain/lifecycle.js';
import type { UniquenessCode } from './types.js';

/**
 * Typed failures of the store. Each carries what the HTTP layer needs to answer
 * (docs/design/api.md: 404, 409 CONFLICT, 412 PRECONDITION_FAILED, 400 BAD_REQUEST) and nothing internal.
 */
export abstract class StoreError extends Error {
  abstract readonly kind: 'NOT_FOUND' | 'WRONG_STATUS' | 'VERSION_MISMATCH' | 'UNIQUENESS' | 'TASK_ALREADY_DECIDED' | 'BAD_CURSOR' | 'CONCURRENT_UPDATE' | 'FILING_EXISTS';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends StoreError {
  readonly kind = 'NOT_FOUND' as const;
  constructor(readonly entity: 'filing' | 'account' | 'task', readonly id: string) {
    super(`${entity} ${id} not found`);
  }
}

export class WrongStatusError extends StoreError {
  readonly kind = 'WRONG_STATUS' as const;
  constructor(
    readonly filingId: string,
    /** The status it is in (undefined when unknown). */
    readonly actual: FilingStatus | undefined,
    readonly expected: readonly FilingStatus[],
  ) {
    super(`filing ${filingId} is ${actual ?? 'in another status'}, expected ${expected.join('|')}`);
  }
}

export class VersionMismatchError extends StoreError {
  readonly kind = 'VERSION_MISMATCH' as const;
  constructor(
    readonly filingId: string,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(`filing ${filingId} is at version ${actual ?? '?'}, expected ${expected}`);
  }
}

export class UniquenessError extends StoreError {
  readonly kind = 'UNIQUENESS' as const;
  constructor(readonly codes: UniquenessCode[]) {
    super(`already taken: ${codes.join(', ')}`);
  }
}

export class TaskAlreadyDecidedError extends StoreError {
  readonly kind = 'TASK_ALREADY_DECIDED' as const;
  constructor(readonly taskId: string) {
    super(`task ${taskId} is already decided`);
  }
}

/** Concurrent writes to the same items kept winning, after every retry: nothing was written. */
export class ConcurrentUpdateError extends StoreError {
  readonly kind = 'CONCURRENT_UPDATE' as const;
  constructor(what: string) {
    super(`${what}: concurrent updates kept getting in first`);
  }
}

/** A filing with this (derived) id exists already: a create replayed after a crash. */
export class FilingExistsError extends StoreError {
  readonly kind = 'FILING_EXISTS' as const;
  constructor(readonly filingId: string) {
    super(`filing ${filingId} already exists`);
  }
}

export class BadCursorError extends StoreError {
  readonly kind = 'BAD_CURSOR' as const;
  constructor() {
    super('malformed or tampered cursor');
  }
}
