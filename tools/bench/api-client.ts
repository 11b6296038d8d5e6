import { Pool } from 'undici';
import { uploadWithPresignedPost } from '../../lib/client/signed-client.js';
import { RequestSigner, pathWithQuery, type SigningCredentials } from './signer.js';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** A failed call, with what the platform answered (its error body says why). */
export class ApiCallError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    this.name = 'ApiCallError';
  }
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string>;
  /** Extra headers, sent unsigned (SigV4 covers only what it lists). */
  headers?: Record<string, string>;
}

/**
 * The bench's own API caller (setting up, driving lifecycles, probes): SigV4 as one identity,
 * over a keep-alive undici pool. Not lib/client's fetch-based RecordalClient, which signs
 * inside its request (the paired GET must time the exchange alone) and costs the platform's
 * shared process more CPU per call.
 */
export class ApiClient {
  private readonly signer: RequestSigner;

  constructor(
    private readonly pool: Pool,
    origin: string,
    credentials: SigningCredentials,
  ) {
    this.signer = new RequestSigner(origin, credentials);
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
    return (await this.signed(method, path, options))();
  }

  /** Signs now and returns the sending, so that a timing can leave the client's signing out. */
  async signed(method: string, path: string, options: CallOptions = {}): Promise<() => Promise<ApiAnswer>> {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const request = { method, path, ...(options.query ? { query: options.query } : {}), ...(body === undefined ? {} : { body }) };
    const headers = { ...(await this.signer.sign(request)), ...(options.headers ?? {}) };
    return () => this.send(method, pathWithQuery(request), headers, body);
  }

  private async send(method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<ApiAnswer> {
    const answer = await this.pool.request({ method: method as 'GET', path, headers, body });
    const text = await answer.body.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: keep the text, the caller reports it.
    }
    return { status: answer.statusCode, body: parsed };
  }

  /** A call that must answer `expected`; anything else throws with the answer. */
  async expect(expected: number, method: string, path: string, options: CallOptions = {}): Promise<unknown> {
    const answer = await this.call(method, path, options);
    if (answer.status !== expected) throw new ApiCallError(method, path, answer.status, answer.body);
    return answer.body;
  }
}

/** Uploads through a presigned POST (lib/client's form upload), failing on anything but a 2xx. */
export async function uploadPresignedPost(
  url: string,
  fields: Record<string, string>,
  file: { bytes: Buffer; contentType: string; fileName: string },
): Promise<void> {
  const answer = await uploadWithPresignedPost({ url, fields }, file);
  const text = await answer.text();
  if (answer.status >= 300) throw new Error(`upload to ${url} answered ${answer.status}: ${text.slice(0, 300)}`);
}
