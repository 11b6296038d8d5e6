import type { Problem } from '../domain/problem.js';

/**
 * The error vocabulary of the API (docs/design/api.md "Errors"): one status, one `error.code`, one default
 * sentence in English and Chinese. Every non-2xx answer is built from this table.
 */
export const HTTP_ERRORS = {
  400: { code: 'BAD_REQUEST', message: 'The request is malformed.', messageZh: '请求格式不正确。' },
  401: { code: 'UNAUTHENTICATED', message: 'The request is not signed, or its signature is wrong.', messageZh: '请求未签名或签名无效。' },
  403: { code: 'FORBIDDEN', message: 'You may not call this route.', messageZh: '您无权调用此接口。' },
  404: { code: 'NOT_FOUND', message: 'No such route or resource.', messageZh: '接口或资源不存在。' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'This route does not answer this method.', messageZh: '此接口不支持该请求方法。' },
  409: { code: 'CONFLICT', message: 'The request conflicts with the current state.', messageZh: '请求与当前状态冲突。' },
  412: { code: 'PRECONDITION_FAILED', message: 'If-Match does not match the current version.', messageZh: 'If-Match 与当前版本不一致。' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The body is larger than 256 KiB.', messageZh: '请求体超过 256 KiB。' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The body must be application/json.', messageZh: '请求体必须为 application/json。' },
  422: { code: 'VALIDATION_FAILED', message: 'The request breaks one or more rules; see details.', messageZh: '请求不符合一项或多项规则，详见 details。' },
  428: { code: 'PRECONDITION_REQUIRED', message: 'This request needs an If-Match header with the current version.', messageZh: '此请求需要携带当前版本的 If-Match 请求头。' },
  429: { code: 'THROTTLED', message: 'Too many requests; retry later.', messageZh: '请求过于频繁，请稍后重试。' },
  500: { code: 'INTERNAL_ERROR', message: 'An internal error occurred.', messageZh: '服务内部错误。' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'A service the platform depends on is briefly unavailable; retry shortly.', messageZh: '依赖的服务暂时不可用，请稍后重试。' },
} as const;

export type HttpErrorStatus = keyof typeof HTTP_ERRORS;

export interface HttpErrorOptions {
  message?: string;
  messageZh?: string;
  details?: readonly Problem[];
  headers?: Record<string, string>;
}

/** An answer other than 2xx, thrown anywhere below a handler and turned into docs/design/api.md's body. */
export class HttpError extends Error {
  readonly status: HttpErrorStatus;
  readonly code: string;
  readonly messageZh: string;
  readonly details: readonly Problem[];
  readonly headers: Record<string, string>;

  constructor(status: HttpErrorStatus, options: HttpErrorOptions = {}) {
    const defaults = HTTP_ERRORS[status];
    super(options.message ?? defaults.message);
    this.name = 'HttpError';
    this.status = status;
    this.code = defaults.code;
    this.messageZh = options.messageZh ?? defaults.messageZh;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

/** 422 listing every broken rule. */
export function validationFailed(details: readonly Problem[]): HttpError {
  return new HttpError(422, { details });
}

export function badRequest(message: string, messageZh: string, details: readonly Problem[] = []): HttpError {
  return new HttpError(400, { message, messageZh, details });
}

export function notFound(): HttpError {
  return new HttpError(404);
}

export function conflict(message: string, messageZh: string, details: readonly Problem[] = []): HttpError {
  return new HttpError(409, { message, messageZh, details });
}

export function problem(path: string, code: string, message: string, messageZh: string): Problem {
  return { path, code, message, messageZh };
}

/** The body of every non-2xx answer (docs/design/api.md), and nothing else. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    messageZh: string;
    requestId: string;
    details: Problem[];
  };
}

export function errorBody(error: HttpError, requestId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      messageZh: error.messageZh,
      requestId,
      details: error.details.map(({ path, code, message, messageZh }) => ({ path, code, message, messageZh })),
    },
  };
}
