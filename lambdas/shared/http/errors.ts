import type { Problem } from '../domain/problem.js';
import { HTTP_ERROR_CODES, messagePair, type MessageKey, type MessageParams } from '../messages/index.js';

/**
 * The error vocabulary of the API (docs/design/api.md "Errors"): one status, one `error.code`, one default
 * sentence in English and Chinese (from the message catalogue). Every non-2xx answer is built from this table.
 */
export const HTTP_ERRORS = Object.fromEntries(
  Object.entries(HTTP_ERROR_CODES).map(([status, code]) => [status, { code, ...messagePair(code) }]),
) as { readonly [S in keyof typeof HTTP_ERROR_CODES]: { code: (typeof HTTP_ERROR_CODES)[S]; message: string; messageZh: string } };

export type HttpErrorStatus = keyof typeof HTTP_ERRORS;

export interface HttpErrorOptions {
  /** The sentence, from the catalogue (default: the status's own). */
  text?: MessageKey;
  params?: MessageParams;
  /** A sentence built elsewhere from the catalogue (e.g. the first detail's). */
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
    const defaults = options.text === undefined ? HTTP_ERRORS[status] : messagePair(options.text, options.params);
    super(options.message ?? defaults.message);
    this.name = 'HttpError';
    this.status = status;
    this.code = HTTP_ERROR_CODES[status];
    this.messageZh = options.messageZh ?? defaults.messageZh;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

/** 422 listing every broken rule. */
export function validationFailed(details: readonly Problem[]): HttpError {
  return new HttpError(422, { details });
}

export function badRequest(text: MessageKey, params: MessageParams = {}, details: readonly Problem[] = []): HttpError {
  return new HttpError(400, { text, params, details });
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
