/**
 * A small SigV4-signing HTTP client for the recordal API (service `execute-api`, region
 * cn-northwest-1): what the demo, the end-to-end tests, the benchmark and the fuzzer speak.
 * It signs exactly as the AWS SDK does, so it works against the local gateway and a deployed
 * API Gateway stage alike.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export const API_REGION = 'cn-northwest-1';
export const API_SERVICE = 'execute-api';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined for an empty one. */
  body: T;
  text: string;
}

export interface RequestOptions {
  /** A JSON value (serialised here), or a raw string/Buffer sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** false sends the request unsigned. */
  sign?: boolean;
}

export class RecordalClient {
  private readonly signer: SignatureV4 | undefined;

  constructor(
    readonly baseUrl: string,
    credentials?: Credentials,
  ) {
    this.signer = credentials
      ? new SignatureV4({ credentials, region: API_REGION, service: API_SERVICE, sha256: Sha256 })
      : undefined;
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(path, this.baseUrl);
    const raw = options.body;
    const body =
      raw === undefined ? undefined : typeof raw === 'string' || Buffer.isBuffer(raw) ? raw : JSON.stringify(raw);
    const headers: Record<string, string> = {
      host: url.host,
      ...(body !== undefined && !hasHeader(options.headers, 'content-type') ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    };
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of url.searchParams) {
      const existing = query[key];
      query[key] = existing === undefined ? value : ([] as string[]).concat(existing, value);
    }
    let signedHeaders = headers;
    if (this.signer && options.sign !== false) {
      const signed = await this.signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query,
        headers,
        body,
      });
      signedHeaders = signed.headers as Record<string, string>;
    }
    const { host: _host, ...sendHeaders } = signedHeaders;
    const response = await fetch(url, { method, headers: sendHeaders, body });
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
  return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name);
}

/**
 * Uploads a file through a presigned S3 POST (`{url, fields}` from
 * `POST /v1/filings/{id}/attachments`), as a browser form would.
 */
export async function uploadWithPresignedPost(
  presigned: { url: string; fields: Record<string, string> },
  file: { bytes: Buffer; contentType: string; fileName: string },
): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(presigned.fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
  return fetch(presigned.url, { method: 'POST', body: form });
}
