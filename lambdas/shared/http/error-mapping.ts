import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import * as z from 'zod';
import { zodIssuesToProblems } from '../domain/index.js';
import type { Problem } from '../domain/problem.js';
import { StoreError } from '../store/errors.js';
import { isTransientAwsError } from '../workflow/errors.js';
import { problem, type MessageKey } from '../messages/index.js';
import { HttpError } from './errors.js';

const UNIQUENESS_PATH: Record<string, string> = {
  EMAIL_TAKEN: 'email',
  MOBILE_TAKEN: 'mobile',
  APP_NAME_TAKEN: 'app.name',
  ENTITY_BUSY: 'entity.certificateNumber',
};

function fromStore(error: StoreError): HttpError {
  switch (error.kind) {
    case 'NOT_FOUND':
      return new HttpError(404);
    case 'WRONG_STATUS': {
      const actual = 'actual' in error && typeof error.actual === 'string' ? error.actual : undefined;
      return new HttpError(409, { text: 'CONFLICT', params: { status: actual }, details: [problem('WRONG_STATUS', 'status', { status: actual })] });
    }
    case 'VERSION_MISMATCH':
      return new HttpError(412);
    case 'UNIQUENESS': {
      const codes = 'codes' in error && Array.isArray(error.codes) ? (error.codes as string[]) : [];
      const details: Problem[] = codes.map((code) => {
        const known = Object.hasOwn(UNIQUENESS_PATH, code);
        return { ...problem(known ? (code as MessageKey) : 'TAKEN', UNIQUENESS_PATH[code] ?? ''), code };
      });
      return new HttpError(409, { message: details[0]?.message, messageZh: details[0]?.messageZh, details });
    }
    case 'TASK_ALREADY_DECIDED':
      return new HttpError(409, { text: 'TASK_DECIDED', details: [problem('TASK_ALREADY_DECIDED', '')] });
    case 'CONCURRENT_UPDATE':
      return new HttpError(409, { text: 'CONCURRENT_REQUEST', details: [problem('CONCURRENT_UPDATE', '')] });
    case 'BAD_CURSOR':
      return new HttpError(400, { text: 'CURSOR_REJECTED', details: [problem('CURSOR_INVALID', 'cursor')] });
    case 'FILING_EXISTS':
      // Only a create with an Idempotency-Key names its filing id (store/drafts.ts).
      return new HttpError(409, { text: 'IDEMPOTENCY_KEY_CONFLICT', details: [problem('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key')] });
  }
}

/**
 * The one place where typed failures of the layers below become docs/design/api.md answers. A transient
 * AWS failure is 503 with Retry-After; anything else not recognised here is a bug and becomes
 * 500 (the caller logs it).
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof StoreError) return fromStore(error);
  if (error instanceof z.ZodError) return new HttpError(422, { details: zodIssuesToProblems(error.issues, undefined) });
  if (error instanceof IdempotencyValidationError) {
    return new HttpError(409, { text: 'IDEMPOTENCY_KEY_CONFLICT', details: [problem('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key')] });
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new HttpError(409, { text: 'IDEMPOTENCY_KEY_BUSY', details: [problem('IDEMPOTENCY_IN_PROGRESS', 'Idempotency-Key')] });
  }
  if (isConcurrentTransaction(error)) {
    return new HttpError(409, { text: 'CONCURRENT_REQUEST', details: [problem('CONCURRENT_UPDATE', '')] });
  }
  // Throttling, timeouts and 5xx of AWS: nothing was decided, the caller may retry.
  if (isTransientAwsError(error)) return new HttpError(503, { headers: { 'retry-after': '1' } });
  return new HttpError(500);
}

/** DynamoDB cancelled a transaction because another one held the same item at that moment. */
function isConcurrentTransaction(error: unknown): boolean {
  const e = error as { name?: unknown; CancellationReasons?: { Code?: unknown }[] } | null;
  return e?.name === 'TransactionCanceledException' && Array.isArray(e.CancellationReasons) && e.CancellationReasons.some((r) => r?.Code === 'TransactionConflict');
}
