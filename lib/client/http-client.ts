/**
 * Signed HTTP to the recordal API: builds the request (endpoint + path, JSON or raw body),
 * signs it afresh for every attempt, sends it through the transport, retries 429/503 (./retry.js)
 * and reads the answer. `send` answers whatever the platform answered; `call` turns a status
 * other than the expected ones into a {@link RecordalApiError}.
 */
import { RecordalApiError, parseErrorBody } from './errors.js';
import { DEFAULT_RETRY_POLICY, backoffMs, safeToRepeat, type RetryPolicy } from './retry.js';
import { RequestSigner, type CredentialProvider, type Credentials, type SignerOptions } from './signer.js';
import { TransportError, fetchTransport, type HttpRequest, type HttpResponse, type Transport, type TransportOptions } from './transport.js';

export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  method: string;
  /** Below the endpoint, starting with `/`; a query string in it is kept as written. */
  path: string;
  /** Added to the query string; undefined values are left out. */
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** A JSON value, serialised here and sent as `application/json` unless `headers` name another type. */
  json?: unknown;
  /** Bytes or text sent as they are (no content type added). */
  body?: Uint8Array | string;
  /** false sends it unsigned. */
  sign?: boolean;
  signal?: AbortSignal;
  onUploadProgress?: TransportOptions['onUploadProgress'];
}

/** What the verbs take besides the path (and the JSON body of `post`, `put`, `patch`). */
export type RequestOptions = Omit<ApiRequest, 'method' | 'path' | 'json'>;

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /** The JSON body, or undefined when it is empty or not JSON. */
  body: T;
  text: string;
  /** How many times it was sent. */
  attempts: number;
}

export interface ClientOptions {
  /** The API's base URL: the local platform's origin, or a deployed stage URL (`https://…/prod`). */
  endpoint: string;
  /** Without credentials every request goes unsigned. */
  credentials?: Credentials | CredentialProvider;
  transport?: Transport;
  /** false: one attempt only (the fuzzer wants every answer as it is). */
  retry?: Partial<RetryPolicy> | false;
  signer?: SignerOptions;
}

const hasHeader = (headers: Record<string, string>, name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class SignedHttpClient {
  readonly endpoint: string;
  readonly transport: Transport;
  private readonly signer: RequestSigner | undefined;
  private readonly retry: RetryPolicy;

  constructor(options: ClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.transport = options.transport ?? fetchTransport();
    this.signer = options.credentials === undefined ? undefined : new RequestSigner(options.credentials, options.signer);
    this.retry = options.retry === false ? { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 } : { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  get signs(): boolean {
    return this.signer !== undefined;
  }

  /** The absolute URL of a path below the endpoint (a stage path of the endpoint is kept). */
  url(path: string, query: Record<string, QueryValue> = {}): string {
    const pairs = Object.entries(query).filter((pair): pair is [string, string | number | boolean] => pair[1] !== undefined);
    const search = new URLSearchParams(pairs.map(([key, value]): [string, string] => [key, String(value)])).toString();
    const joiner = path.includes('?') ? '&' : '?';
    return `${this.endpoint}${path}${search === '' ? '' : joiner + search}`;
  }

  /** The request as it goes on the wire, signed now (a retry signs again). */
  async prepare(request: ApiRequest): Promise<HttpRequest> {
    const headers: Record<string, string> = { ...request.headers };
    let body = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
    }
    const unsigned: HttpRequest = { method: request.method, url: this.url(request.path, request.query), headers, ...(body === undefined ? {} : { body }) };
    return this.signer !== undefined && request.sign !== false ? this.signer.sign(unsigned) : unsigned;
  }

  async send<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
    const options: TransportOptions = {
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(request.onUploadProgress === undefined ? {} : { onUploadProgress: request.onUploadProgress }),
    };
    for (let attempt = 1; ; attempt += 1) {
      const prepared = await this.prepare(request);
      let response: HttpResponse;
      try {
        response = await this.transport(prepared, options);
      } catch (error) {
        const again = error instanceof TransportError && !request.signal?.aborted && safeToRepeat(request.method, prepared.headers);
        if (!again || attempt >= this.retry.maxAttempts) throw error;
        await this.retry.sleep(backoffMs(attempt, undefined, this.retry), request.signal);
        continue;
      }
      if (this.retry.statuses.includes(response.status) && attempt < this.retry.maxAttempts) {
        await this.retry.sleep(backoffMs(attempt, response.headers['retry-after'], this.retry), request.signal);
        continue;
      }
      const text = new TextDecoder().decode(response.body);
      return { status: response.status, headers: response.headers, body: parseJson(text) as T, text, attempts: attempt };
    }
  }

  // Verbs: `send` (whatever the answer) for tests, tools and hostile requests.
  get<T = unknown>(path: string, options: RequestOptions = {}) {
    return this.send<T>({ ...options, method: 'GET', path });
  }
  post<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}) {
    return this.send<T>({ ...options, method: 'POST', path, ...(json === undefined ? {} : { json }) });
  }
  put<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}) {
    return this.send<T>({ ...options, method: 'PUT', path, ...(json === undefined ? {} : { json }) });
  }
  patch<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}) {
    return this.send<T>({ ...options, method: 'PATCH', path, ...(json === undefined ? {} : { json }) });
  }
  delete<T = unknown>(path: string, options: RequestOptions = {}) {
    return this.send<T>({ ...options, method: 'DELETE', path });
  }

  /** `send`, then a {@link RecordalApiError} unless the status is one of `expected` (default: any 2xx). */
  async call<T = unknown>(request: ApiRequest, expected?: number | readonly number[]): Promise<ApiResponse<T>> {
    const response = await this.send<T>(request);
    const statuses = typeof expected === 'number' ? [expected] : expected;
    const ok = statuses === undefined ? response.status >= 200 && response.status < 300 : statuses.includes(response.status);
    if (!ok) {
      const fields = parseErrorBody(response.status, response.text, response.headers['x-amzn-requestid'] ?? response.headers['x-request-id']);
      throw new RecordalApiError(request.method, request.path, response.status, fields, response.text);
    }
    return response;
  }
}
