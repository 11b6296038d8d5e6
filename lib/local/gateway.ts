import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { HTTP_ERRORS, HttpError, errorBody, type HttpErrorStatus } from '../../lambdas/shared/http/errors.js';
import { maskPii } from '../../lambdas/shared/http/mask.js';
import { json } from '../../lambdas/shared/http/response.js';
import type { LocalIdentity } from './credentials.js';
import { lambdaContext, LOCAL_PLATFORM_ACCOUNT_ID } from './lambda-context.js';
import { LOOPBACK } from './ports.js';
import { proxyBody } from './raw-body.js';
import { SigV4Verifier } from './sigv4.js';

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

/** docs/design/api.md's body limit (the API stack enforces the same). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Routes that API Gateway serves without AWS_IAM (docs/design/api.md "Health and description"). */
export const PUBLIC_ROUTES: readonly { method: string; path: string }[] = [
  { method: 'GET', path: '/v1/health' },
  { method: 'GET', path: '/v1/openapi.json' },
];

const STAGE = 'local';
const API_ID = 'local';

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

function isPublic(method: string, path: string): boolean {
  return PUBLIC_ROUTES.some((route) => route.method === method && route.path === path);
}

function isReviewPath(path: string): boolean {
  return path === '/v1/review' || path.startsWith('/v1/review/');
}

function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// Header and query names are the client's: `__proto__`, `constructor` or `toString` must become
// own keys like any other, not reach Object.prototype (found by the HTTP fuzzer: a 500).
function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}

function appendOwn(record: Record<string, string[]>, name: string, value: string): void {
  if (Object.hasOwn(record, name)) record[name]!.push(value);
  else setOwn(record, name, [value]);
}

/** The proxy event of one request, with the fields API Gateway fills for AWS_IAM callers. */
export function proxyEvent(
  request: { method: string; url: string; rawHeaders: readonly string[]; body: Buffer; sourceIp: string },
  identity: LocalIdentity | undefined,
  requestId: string,
): APIGatewayProxyEvent {
  const target = new URL(request.url, 'http://localhost');
  const path = target.pathname;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] as string;
    const value = request.rawHeaders[index + 1] as string;
    setOwn(headers, name, value);
    appendOwn(multiValueHeaders, name, value);
  }
  const query: Record<string, string> = {};
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of target.searchParams) {
    setOwn(query, name, value);
    appendOwn(multiValueQuery, name, value);
  }
  const hasQuery = Object.keys(query).length > 0;
  const review = isReviewPath(path);
  const resource = isPublic(request.method, path) ? path : review ? '/v1/review/{proxy+}' : '/v1/{proxy+}';
  const proxy = resource.endsWith('{proxy+}') ? decodeOrKeep(path.slice(review ? '/v1/review/'.length : '/v1/'.length)) : undefined;
  const now = new Date();
  const userAgent = headers['User-Agent'] ?? headers['user-agent'] ?? null;
  return {
    resource,
    path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : null,
    pathParameters: proxy === undefined ? null : { proxy },
    stageVariables: null,
    ...proxyBody(request.body),
    requestContext: {
      accountId: LOCAL_PLATFORM_ACCOUNT_ID,
      apiId: API_ID,
      authorizer: null,
      domainName: headers.Host ?? headers.host ?? LOOPBACK,
      extendedRequestId: requestId,
      httpMethod: request.method,
      path: `/${STAGE}${path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: now.toUTCString(),
      requestTimeEpoch: now.getTime(),
      resourceId: API_ID,
      resourcePath: resource,
      stage: STAGE,
      identity: {
        accessKey: identity?.accessKeyId ?? null,
        accountId: identity?.accountId ?? null,
        apiKey: null,
        apiKeyId: null,
        caller: identity?.caller ?? null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: identity?.caller ?? null,
        userAgent,
        userArn: identity?.principalArn ?? null,
      },
    },
  };
}

/** Reads the body, giving up (undefined) as soon as it grows past the limit. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
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

function declaredLength(request: IncomingMessage): number | undefined {
  const value = request.headers['content-length'];
  return value === undefined || !/^\d+$/.test(value) ? undefined : Number(value);
}

/**
 * After refusing a body, discard the rest of it (nothing is kept) for a short while so the
 * client reads the answer, then close the connection.
 */
function discardRest(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('connection', 'close');
  const closeSoon = setTimeout(() => request.destroy(), 2000);
  closeSoon.unref();
  request.once('end', () => clearTimeout(closeSoon));
  request.resume();
}

function send(response: ServerResponse, result: APIGatewayProxyResult, requestId: string): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name.toLowerCase()] = values.map(String);
  headers['x-amzn-requestid'] = requestId;
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  headers['content-length'] = String(body.length);
  response.writeHead(result.statusCode, headers);
  response.end(body);
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
