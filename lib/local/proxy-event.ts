import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { LocalIdentity } from './credentials.js';
import { PUBLIC_ROUTES } from '../../lambdas/shared/http/public-routes.js';
import { LOCAL_PLATFORM_ACCOUNT_ID } from './lambda-context.js';
import { LOOPBACK } from './ports.js';
import { proxyBody } from './raw-body.js';

/**
 * The Lambda proxy event (v1) the local gateway builds from one HTTP request, with the fields
 * API Gateway fills for AWS_IAM callers.
 */

export const STAGE = 'local';
export const API_ID = 'local';

export function isPublic(method: string, path: string): boolean {
  return PUBLIC_ROUTES.some((route) => route.method === method && route.path === path);
}

export function isReviewPath(path: string): boolean {
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
