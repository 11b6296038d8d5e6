/**
 * A transport on XMLHttpRequest (browsers only): the one browser API that reports upload
 * progress as the body goes out (fetch tells nothing until the answer), so the web console
 * shows a real progress bar for attachments. Aborts with the request's signal.
 */
import { TransportError, type HttpResponse, type Transport } from '../transport.js';

type ProgressHandler = ((event: { loaded: number; total: number }) => void) | null;

/** What the transport uses of XMLHttpRequest (declared here: the library's own build has no DOM types). */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  getAllResponseHeaders(): string;
  send(body: string | Uint8Array | null): void;
  abort(): void;
  responseType: string;
  readonly status: number;
  readonly response: unknown;
  readonly upload: { onprogress: ProgressHandler; onloadstart: ProgressHandler };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

/** The browser's `XMLHttpRequest`, or a stand-in (tests). */
export type XhrConstructor = new () => XhrLike;

/** `getAllResponseHeaders()` (`name: value` lines) as a record with lower-case names. */
export function parseResponseHeaders(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

export function xhrTransport(Xhr: XhrConstructor | undefined = (globalThis as { XMLHttpRequest?: XhrConstructor }).XMLHttpRequest): Transport {
  if (Xhr === undefined) throw new TypeError('xhrTransport needs XMLHttpRequest (a browser)');
  return (request, options = {}) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const { signal, onUploadProgress } = options;
      const fail = (cause: unknown) => reject(new TransportError(request.method, request.url, cause));
      if (signal?.aborted) return fail(signal.reason);
      const xhr = new Xhr();
      xhr.open(request.method, request.url);
      xhr.responseType = 'arraybuffer';
      // `host` is the browser's to set (a forbidden header name); it sends the URL's host, which is what was signed.
      for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== 'host') xhr.setRequestHeader(name, value);
      if (onUploadProgress !== undefined) {
        xhr.upload.onprogress = (event) => onUploadProgress(event.loaded, event.total);
        xhr.upload.onloadstart = (event) => onUploadProgress(0, event.total);
      }
      const onAbort = () => xhr.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      xhr.onload = () => {
        settle();
        const body = xhr.response instanceof ArrayBuffer ? new Uint8Array(xhr.response) : new Uint8Array();
        resolve({ status: xhr.status, headers: parseResponseHeaders(xhr.getAllResponseHeaders()), body });
      };
      xhr.onerror = () => {
        settle();
        fail(new Error('network error'));
      };
      xhr.onabort = () => {
        settle();
        fail(signal?.reason ?? new Error('aborted'));
      };
      xhr.send(request.body ?? null);
    });
}
