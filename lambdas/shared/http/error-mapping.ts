import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import * as z from 'zod';
import { problem as domainProblem, zodIssuesToProblems } from '../domain/index.js';
import type { Problem } from '../domain/problem.js';
import { StoreError } from '../store/errors.js';
import { isTransientAwsError } from '../workflow/errors.js';
import { HttpError, problem } from './errors.js';

const UNIQUENESS_TEXT: Record<string, [string, string]> = {
  EMAIL_TAKEN: ['This e-mail address belongs to another account.', '该邮箱已被其他账号使用。'],
  MOBILE_TAKEN: ['This mobile number belongs to another account.', '该手机号已被其他账号使用。'],
  APP_NAME_TAKEN: ['The entity already has a filing or an approved APP with this name.', '该主办单位已有同名 APP 的备案或申请。'],
  ENTITY_BUSY: ['Another application of this entity is under review.', '该主办单位有其他申请正在审核中。'],
};

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
      return new HttpError(409, {
        message: `The filing is ${actual ?? 'in another status'}; this action is not possible now.`,
        messageZh: `备案当前状态${actual === undefined ? '' : `为 ${actual}，`}不允许此操作。`,
        details: [problem('status', 'WRONG_STATUS', `The filing is ${actual ?? 'in another status'}.`, `备案当前状态${actual ?? '不符'}。`)],
      });
    }
    case 'VERSION_MISMATCH':
      return new HttpError(412);
    case 'UNIQUENESS': {
      const codes = 'codes' in error && Array.isArray(error.codes) ? (error.codes as string[]) : [];
      const details: Problem[] = codes.map((code) => {
        const [message, messageZh] = UNIQUENESS_TEXT[code] ?? ['Already taken.', '已被占用。'];
        return problem(UNIQUENESS_PATH[code] ?? '', code, message, messageZh);
      });
      return new HttpError(409, { message: details[0]?.message, messageZh: details[0]?.messageZh, details });
    }
    case 'TASK_ALREADY_DECIDED':
      return new HttpError(409, {
        message: 'This task is already decided.',
        messageZh: '该任务已处理。',
        details: [problem('', 'TASK_ALREADY_DECIDED', 'Another decision on this task came first.', '该任务已有其他审核决定。')],
      });
    case 'CONCURRENT_UPDATE': {
      const detail = domainProblem('CONCURRENT_UPDATE', '');
      return new HttpError(409, { message: detail.message, messageZh: detail.messageZh, details: [detail] });
    }
    case 'BAD_CURSOR':
      return new HttpError(400, {
        message: 'The cursor is not one this API issued for this query.',
        messageZh: '分页游标无效或不属于此查询。',
        details: [problem('cursor', 'CURSOR_INVALID', 'Pass back the nextCursor of the previous page unchanged, with the same filters.', '请原样传回上一页的 nextCursor，并保持相同的筛选条件。')],
      });
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
    return new HttpError(409, {
      message: 'This Idempotency-Key was already used with a different body.',
      messageZh: '该 Idempotency-Key 已用于另一个不同的请求体。',
      details: [problem('Idempotency-Key', 'IDEMPOTENCY_KEY_REUSED', 'Use a new Idempotency-Key for a different request.', '不同的请求请使用新的 Idempotency-Key。')],
    });
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new HttpError(409, {
      message: 'A request with this Idempotency-Key is still in progress; retry shortly.',
      messageZh: '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试。',
      details: [problem('Idempotency-Key', 'IDEMPOTENCY_IN_PROGRESS', 'Retry the same request in a moment.', '请稍后重试相同的请求。')],
    });
  }
  if (isConcurrentTransaction(error)) {
    return new HttpError(409, {
      message: 'Another request is changing the same data right now; retry.',
      messageZh: '另一请求正在修改相同的数据，请重试。',
      details: [problem('', 'CONCURRENT_UPDATE', 'Retry the request.', '请重试该请求。')],
    });
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
