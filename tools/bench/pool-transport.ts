/**
 * The bench's transport for the client library: an undici keep-alive pool to the platform (less
 * CPU per call than fetch, and the platform shares the machine's cores with the bench), and
 * fetch for any other origin (the presigned POSTs to the S3 stand-in).
 */
import type { Dispatcher, Pool } from 'undici';
import { TransportError, fetchTransport, type Transport } from '../../lib/client/index.js';
import { splitUrl } from '../../lib/client/node/index.js';

export function poolTransport(pool: Pool, origin: string): Transport {
  const poolOrigin = new URL(origin).origin;
  const elsewhere = fetchTransport();
  return async (request, options) => {
    if (new URL(request.url).origin !== poolOrigin) return elsewhere(request, options);
    let answer: Dispatcher.ResponseData;
    try {
      answer = await pool.request({
        method: request.method as Dispatcher.HttpMethod,
        path: splitUrl(request.url).target,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
    } catch (error) {
      throw new TransportError(request.method, request.url, error);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    return { status: answer.statusCode, headers, body: new Uint8Array(await answer.body.arrayBuffer()) };
  };
}
