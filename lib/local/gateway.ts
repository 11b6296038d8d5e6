import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { HTTP_ERRORS, HttpError, errorBody, type HttpErrorStatus } from '../../lambdas/shared/http/errors.js';
import { maskPii } from '../../lambdas/shared/http/mask.js';
import { json } from '../../lambdas/shared/http/response.js';
import { consoleFile } from './console-files.js';
import type { LocalIdentity } from './credentials.js';
import { lambdaContext } from './lambda-context.js';
import { LOOPBACK } from './ports.js';
import { SigV4Verifier } from './sigv4.js';
import { declaredLength, discardRest, readBody, send } from './http-io.js';
import { isPublic, isReviewPath, proxyEvent } from './proxy-event.js';

export { proxyEvent } from './proxy-event.js';

/**
 * The local stand-in for the REST API: a loopback HTTP server that makes API Gateway's
 * AWS_IAM check (SigV4 against the local credentials), enforces the body limit, builds the
 * same Lambda proxy event (v1) and calls the same handler functions in-process.
 */

/** A Lambda handler behind the API, as API Gateway's proxy integration calls it. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Which handler serves which paths: `/v1/review/*` the review API, every other `/v1/*` the customer API. */
export interface GatewayHandlers {
  apiCustomer: ProxyHandler;
  apiReview: ProxyHandler;
}

export { MAX_BODY_BYTES } from '../../lambdas/shared/http/limits.js';
import { MAX_BODY_BYTES } from '../../lambdas/shared/http/limits.js';

export { PUBLIC_ROUTES } from '../../lambdas/shared/http/public-routes.js';

function isHealthCheck(event: APIGatewayProxyEvent): boolean {
  return event.httpMethod === 'GET' && event.path === '/v1/health';
}

/**
 * A handler with the health route guaranteed: the real customer handler answers it once it
 * serves it; until then (no handler yet, or one that fails it) the gateway answers it, and
 * without a handler every other path is 404.
 */
export function withHealthFallback(handler: ProxyHandler | undefined): ProxyHandler {
  const healthy = () => json(200, { status: 'ok' });
  return async (event, context) => {
    if (handler === undefined) {
      return isHealthCheck(event) ? healthy() : json(404, errorBody(new HttpError(404), event.requestContext.requestId || context.awsRequestId));
    }
    if (!isHealthCheck(event)) return handler(event, context);
    try {
      const result = await handler(event, context);
      return result.statusCode === 200 ? result : healthy();
    } catch {
      return healthy();
    }
  };
}

export interface GatewayRequestLog {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** The caller's access key id, when the request was signed correctly. */
  accessKeyId?: string;
}

export interface GatewayOptions {
  handlers: GatewayHandlers;
  /** Port on 127.0.0.1; 0 picks a free one. Default 3000. */
  port?: number;
  verifier?: SigV4Verifier;
  maxBodyBytes?: number;
  /** Called once per answered request (an access log). */
  onRequest?: (entry: GatewayRequestLog) => void;
  /** Called when a handler throws or answers something API Gateway would refuse (a 500). */
  onHandlerError?: (error: unknown, entry: { requestId: string; method: string; path: string }) => void;
}

export interface Gateway {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

function errorResult(status: HttpErrorStatus, requestId: string, message?: string): APIGatewayProxyResult {
  return json(status, errorBody(new HttpError(status, message === undefined ? {} : { message }), requestId));
}


function isProxyResult(value: unknown): value is APIGatewayProxyResult {
  return typeof value === 'object' && value !== null && Number.isInteger((value as { statusCode?: unknown }).statusCode);
}

/** The request listener of the gateway, usable on any HTTP server. */
export function createGatewayListener(options: GatewayOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const verifier = options.verifier ?? new SigV4Verifier();
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;

  async function answer(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<{ status: number; accessKeyId?: string }> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = request.url ?? '/';
    const path = new URL(url, 'http://localhost').pathname;
    const tooLarge = (): { status: number } => {
      discardRest(request, response);
      send(response, errorResult(413, requestId), requestId);
      return { status: 413 };
    };
    if ((declaredLength(request) ?? 0) > maxBodyBytes) return tooLarge();
    const body = await readBody(request, maxBodyBytes);
    if (body === undefined) return tooLarge();

    // The web console's static files need no signature (docs/design/api.md "Web console").
    const file = consoleFile(method, path, requestId);
    if (file !== undefined) {
      send(response, file, requestId);
      return { status: file.statusCode };
    }
    if (path !== '/v1' && !path.startsWith('/v1/')) {
      send(response, errorResult(404, requestId), requestId);
      return { status: 404 };
    }
    let identity: LocalIdentity | undefined;
    if (!isPublic(method, path)) {
      const verification = await verifier.verify({ method, url, headers: request.headers, body });
      if (!verification.ok) {
        send(response, errorResult(401, requestId, `${HTTP_ERRORS[401].message} (${verification.reason})`), requestId);
        return { status: 401 };
      }
      identity = verification.identity;
    }
    const event = proxyEvent({ method, url, rawHeaders: request.rawHeaders, body, sourceIp: request.socket.remoteAddress ?? LOOPBACK }, identity, requestId);
    const functionName = isReviewPath(path) ? 'api-review' : 'api-customer';
    const handler = isReviewPath(path) ? options.handlers.apiReview : options.handlers.apiCustomer;
    let result: unknown;
    try {
      result = await handler(event, lambdaContext(functionName));
      if (!isProxyResult(result)) throw new Error(`${functionName} answered something that is not a proxy result`);
    } catch (error) {
      options.onHandlerError?.(error, { requestId, method, path: maskPii(path) });
      result = errorResult(500, requestId);
    }
    send(response, result as APIGatewayProxyResult, requestId);
    return { status: (result as APIGatewayProxyResult).statusCode, accessKeyId: identity?.accessKeyId };
  }

  return (request, response) => {
    const started = performance.now();
    const requestId = randomUUID();
    answer(request, response, requestId)
      .catch((error: unknown) => {
        options.onHandlerError?.(error, { requestId, method: request.method ?? '', path: maskPii((request.url ?? '').split('?')[0] ?? '') });
        if (!response.headersSent) send(response, errorResult(500, requestId), requestId);
        return { status: 500, accessKeyId: undefined };
      })
      .then(({ status, accessKeyId }) =>
        options.onRequest?.({
          requestId,
          method: request.method ?? '',
          // An access log line: the path may carry an ID number or an email (docs/security.md).
          path: maskPii((request.url ?? '').split('?')[0] ?? ''),
          status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          ...(accessKeyId === undefined ? {} : { accessKeyId }),
        }),
      );
  };
}

/** Malformed HTTP (bad request line, headers over Node's limit): a 400 in docs/design/api.md's shape. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(new HttpError(400), randomUUID()));
  socket.end(
    `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** Starts the gateway on 127.0.0.1 and resolves once it listens. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const listener = createGatewayListener(options);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const server = createServer(listener);
  // `Expect: 100-continue` (curl for larger bodies): refuse an oversized body before it is sent.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if ((declaredLength(request) ?? 0) > maxBodyBytes) {
      const requestId = randomUUID();
      response.setHeader('connection', 'close');
      send(response, errorResult(413, requestId), requestId);
      return;
    }
    response.writeContinue();
    listener(request, response);
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
