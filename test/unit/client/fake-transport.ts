import type { HttpRequest, HttpResponse, Transport } from '../../../lib/client/index.js';

/** An answer of the fake platform: status, JSON body (or raw text), headers. */
export interface FakeAnswer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/**
 * A transport that answers from a script instead of the network and keeps every request it was
 * given: what the client would have put on the wire.
 */
export function fakeTransport(answer: FakeAnswer[] | ((request: HttpRequest, index: number) => FakeAnswer)): Transport & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    requests.push(request);
    const index = requests.length - 1;
    const next = typeof answer === 'function' ? answer(request, index) : answer[index];
    if (next === undefined) throw new Error(`the fake platform has no answer for request ${index + 1}: ${request.method} ${request.url}`);
    const text = next.text ?? (next.json === undefined ? '' : JSON.stringify(next.json));
    const headers = { ...(next.json === undefined ? {} : { 'content-type': 'application/json' }), ...next.headers };
    return { status: next.status, headers, body: new TextEncoder().encode(text) };
  };
  return Object.assign(transport, { requests });
}

/** The contract's error body (docs/design/api.md "Errors"). */
export function errorAnswer(status: number, code: string, details: { path: string; code: string; message: string; messageZh: string }[] = []): FakeAnswer {
  return { status, json: { error: { code, message: `${code} in English`, messageZh: `${code} 中文`, requestId: 'req-1', details } } };
}

/** Query parameters of a request's URL. */
export const queryOfRequest = (request: HttpRequest): Record<string, string> => Object.fromEntries(new URL(request.url).searchParams);
