import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';

/** The local gateway's HTTP plumbing: reading a bounded body, refusing the rest, writing a proxy result. */

/** Reads the body, giving up (undefined) as soon as it grows past the limit. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
}

export function declaredLength(request: IncomingMessage): number | undefined {
  const value = request.headers['content-length'];
  return value === undefined || !/^\d+$/.test(value) ? undefined : Number(value);
}

/**
 * After refusing a body, discard the rest of it (nothing is kept) for a short while so the
 * client reads the answer, then close the connection.
 */
export function discardRest(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('connection', 'close');
  const closeSoon = setTimeout(() => request.destroy(), 2000);
  closeSoon.unref();
  request.once('end', () => clearTimeout(closeSoon));
  request.resume();
}

export function send(response: ServerResponse, result: APIGatewayProxyResult, requestId: string): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name.toLowerCase()] = values.map(String);
  headers['x-amzn-requestid'] = requestId;
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  headers['content-length'] = String(body.length);
  response.writeHead(result.statusCode, headers);
  response.end(body);
}
