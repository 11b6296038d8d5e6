/**
 * A transport on node:http / node:https (Node only). Unlike fetch it puts the request target on
 * the wire exactly as written (dot segments, odd escapes, repeated parameters: what the fuzzer
 * needs), takes any method and header size, keeps connections alive, and reports upload
 * progress as the body is written (the CLI's progress bar).
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { TransportError, type HttpRequest, type HttpResponse, type Transport } from '../transport.js';

export interface NodeTransportOptions {
  /** Sockets per origin (default 16). */
  maxSockets?: number;
  /** Bytes written at a time, one progress report each (default 64 KiB). */
  chunkBytes?: number;
  /** Response header bytes accepted (default 1 MiB: hostile requests may get long answers). */
  maxHeaderSize?: number;
}

export interface NodeTransport extends Transport {
  /** Closes the kept-alive sockets. */
  close(): void;
}

/** `http://host:port/raw/target?x` → origin parts and the target untouched (no URL normalisation). */
export function splitUrl(url: string): { protocol: 'http:' | 'https:'; hostname: string; port: number; target: string } {
  const match = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(url);
  if (!match) throw new TypeError(`not an http(s) URL: ${url}`);
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const origin = new URL(`${scheme}://${authority}`);
  const protocol = origin.protocol as 'http:' | 'https:';
  const port = origin.port === '' ? (protocol === 'https:' ? 443 : 80) : Number(origin.port);
  const target = rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}`;
  return { protocol, hostname: origin.hostname.replace(/^\[|\]$/g, ''), port, target };
}

function responseHeaders(response: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function nodeHttpTransport(options: NodeTransportOptions = {}): NodeTransport {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 }),
  };
  const chunkBytes = options.chunkBytes ?? 64 * 1024;

  const transport = (request: HttpRequest, sendOptions: Parameters<Transport>[1] = {}): Promise<HttpResponse> => {
    const { protocol, hostname, port, target } = splitUrl(request.url);
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    const hasLength = Object.keys(request.headers).some((name) => name.toLowerCase() === 'content-length');
    const headers = { ...request.headers, ...(body === undefined || hasLength ? {} : { 'content-length': String(body.byteLength) }) };
    const send = protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<HttpResponse>((resolve, reject) => {
      const fail = (error: unknown) => reject(new TransportError(request.method, request.url, error));
      const outgoing = send(
        {
          protocol,
          hostname,
          port,
          method: request.method,
          path: target,
          headers,
          agent: agents[protocol],
          maxHeaderSize: options.maxHeaderSize ?? 1024 * 1024,
          ...(sendOptions.signal === undefined ? {} : { signal: sendOptions.signal }),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: responseHeaders(response), body: new Uint8Array(Buffer.concat(chunks)) }));
          response.on('error', fail);
        },
      );
      outgoing.on('error', fail);
      writeBody(outgoing, body, chunkBytes, sendOptions.onUploadProgress).catch(fail);
    });
  };
  return Object.assign(transport, {
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}

/** Writes the body a chunk at a time, waiting for each to drain, reporting the bytes sent. */
async function writeBody(
  outgoing: ClientRequest,
  body: Buffer | undefined,
  chunkBytes: number,
  onProgress: ((sent: number, total: number) => void) | undefined,
): Promise<void> {
  const total = body?.byteLength ?? 0;
  onProgress?.(0, total);
  if (body === undefined || onProgress === undefined) {
    outgoing.end(body);
    return;
  }
  for (let offset = 0; offset < total; offset += chunkBytes) {
    const chunk = body.subarray(offset, Math.min(total, offset + chunkBytes));
    await new Promise<void>((resolve, reject) => outgoing.write(chunk, (error) => (error ? reject(error) : resolve())));
    onProgress(Math.min(total, offset + chunkBytes), total);
  }
  outgoing.end();
}
