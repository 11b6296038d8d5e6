/**
 * A refusal by the platform, as the contract's error body states it (docs/design/api.md
 * "Errors"): `{error: {code, message, messageZh, requestId, details: [{path, code, message,
 * messageZh}]}}`. Any other non-2xx body (a proxy's HTML page, S3's XML) still becomes one,
 * with what could be read of it.
 */

export interface Problem {
  /** Dotted JSON path of the field (`""` for the whole request). */
  path: string;
  code: string;
  message: string;
  messageZh: string;
}

export interface ErrorFields {
  code: string;
  message: string;
  messageZh: string;
  requestId: string | undefined;
  details: Problem[];
}

export class RecordalApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly requestId: string | undefined;
  readonly details: Problem[];

  constructor(
    readonly method: string,
    readonly path: string,
    status: number,
    fields: ErrorFields,
    /** The body as received, for logs. */
    readonly bodyText: string = '',
  ) {
    super(fields.message);
    this.name = 'RecordalApiError';
    this.status = status;
    this.code = fields.code;
    this.messageZh = fields.messageZh;
    this.requestId = fields.requestId;
    this.details = fields.details;
  }

  /** One line for logs and test failures: request, status, code, message, problem codes. */
  describe(): string {
    const problems = this.details.map((problem) => `${problem.code}${problem.path === '' ? '' : ` at ${problem.path}`}`).join(', ');
    return `${this.method} ${this.path} answered ${this.status} ${this.code}: ${this.message}${problems === '' ? '' : ` [${problems}]`}`;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

function problemOf(value: unknown): Problem {
  const item = isRecord(value) ? value : {};
  const message = text(item.message, '');
  return { path: text(item.path, ''), code: text(item.code, 'UNKNOWN'), message, messageZh: text(item.messageZh, message) };
}

/** `<Code>…</Code>` and `<Message>…</Message>` of an S3 (or s3rver) XML error. */
function xmlError(body: string): { code: string; message: string } | undefined {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  if (code === undefined) return undefined;
  return { code, message: /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? code };
}

/** The fields of an error answer, whatever its body. */
export function parseErrorBody(status: number, body: string, requestIdHeader?: string): ErrorFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  if (error !== undefined) {
    const message = text(error.message, `HTTP ${status}`);
    return {
      code: text(error.code, `HTTP_${status}`),
      message,
      messageZh: text(error.messageZh, message),
      requestId: typeof error.requestId === 'string' ? error.requestId : requestIdHeader,
      details: Array.isArray(error.details) ? error.details.map(problemOf) : [],
    };
  }
  const xml = xmlError(body);
  const message = xml?.message ?? (body.trim().slice(0, 300) || `HTTP ${status}`);
  return { code: xml?.code ?? `HTTP_${status}`, message, messageZh: message, requestId: requestIdHeader, details: [] };
}
