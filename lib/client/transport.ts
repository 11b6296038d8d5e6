/**
 * How the client puts bytes on the wire: a function from a request to a response. The default
 * is the global `fetch` (browsers and Node alike); the bench plugs in a keep-alive pool, the
 * fuzzer and the CLI a raw node:http transport (`./node/http-transport.js`) that sends the request
 * target exactly as written and reports upload progress. Browser-safe: no `node:` import here.
 */

export interface HttpRequest {
  method: string;
  /** Absolute URL. Its path and query go on the wire as written where the transport allows (fetch normalises dot segments). */
  url: string;
  /** Header names as the caller wrote them; `host` is the one the signature covers. */
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; a repeated header's values joined with `, `. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface TransportOptions {
  signal?: AbortSignal;
  /** Bytes of the body sent so far, and the total. A transport that cannot tell reports 0 then the total. */
  onUploadProgress?: (sent: number, total: number) => void;
}

export type Transport = (request: HttpRequest, options?: TransportOptions) => Promise<HttpResponse>;

/** No answer at all: refused connection, reset socket, DNS failure, abort. */
export class TransportError extends Error {
  /** The system error code when there is one (`ECONNREFUSED`, `ECONNRESET`, …). */
  readonly code: string | undefined;

  constructor(
    readonly method: string,
    readonly url: string,
    cause: unknown,
  ) {
    const code = errorCode(cause);
    const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
    super(`${method} ${url}: no answer (${reason})`, { cause });
    this.name = 'TransportError';
    this.code = code;
  }
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function bodyLength(body: HttpRequest['body']): number {
  if (body === undefined) return 0;
  return typeof body === 'string' ? new TextEncoder().encode(body).byteLength : body.byteLength;
}

/** Response headers of `fetch`, or any iterable of pairs, as a plain record with lower-case names. */
export function headerRecord(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

/**
 * The default transport: `fetch`. The `host` header is left to fetch (a forbidden header name
 * there; it sends the URL's host, which is what the signature covered).
 */
export function fetchTransport(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): Transport {
  return async (request, options = {}) => {
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'host'));
    const total = bodyLength(request.body);
    options.onUploadProgress?.(0, total);
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body as NonNullable<RequestInit['body']> }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      throw new TransportError(request.method, request.url, error);
    }
    options.onUploadProgress?.(total, total);
    const body = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: headerRecord(response.headers), body };
  };
}
