/**
 * Uploads through the presigned S3 POST that `POST /v1/filings/{id}/attachments` answers
 * (`{url, fields}`; docs/design/api.md "Customer routes"): a multipart/form-data form with every
 * field, then the file as `file`, as a browser form would send it. The form is built here as
 * bytes (not a FormData), so its length is known and any transport can report progress on it.
 * Browser-safe.
 */
import { RecordalApiError, parseErrorBody } from './errors.js';
import { fetchTransport, type HttpResponse, type Transport } from './transport.js';

/** What S3 is told when the type is unknown or none the platform takes (it then refuses the type, saying which it takes). */
export const UNKNOWN_CONTENT_TYPE = 'application/octet-stream';

export interface UploadFile {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

export interface UploadOptions {
  /** Default: fetch (reports 0, then everything); the node:http transport reports as it writes. */
  transport?: Transport;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface MultipartForm {
  body: Uint8Array;
  contentType: string;
}

function randomBoundary(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `----recordal${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** Quotes as browsers do in a Content-Disposition parameter (HTML's form encoding). */
const quoted = (value: string) => value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');

/** The form of a presigned POST: each field, then the file part last (S3 ignores fields after it). */
export function multipartForm(fields: Record<string, string>, file: UploadFile, boundary: string = randomBoundary()): MultipartForm {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(file.fileName)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
    ),
  );
  parts.push(file.bytes);
  parts.push(encoder.encode(`\r\n--${boundary}--\r\n`));
  const body = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Sends the file; S3's refusal (too large, wrong type, expired policy) becomes a
 * {@link RecordalApiError} with S3's code (`EntityTooLarge`, `AccessDenied`, …).
 */
export async function uploadToPresignedPost(target: PresignedPost, file: UploadFile, options: UploadOptions = {}): Promise<HttpResponse> {
  const form = multipartForm(target.fields, file);
  const transport = options.transport ?? fetchTransport();
  const response = await transport(
    { method: 'POST', url: target.url, headers: { 'content-type': form.contentType }, body: form.body },
    {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onUploadProgress: options.onProgress }),
    },
  );
  if (response.status < 200 || response.status >= 300) {
    const text = new TextDecoder().decode(response.body);
    throw new RecordalApiError('POST', target.url, response.status, parseErrorBody(response.status, text, response.headers['x-amz-request-id']), text);
  }
  return response;
}
