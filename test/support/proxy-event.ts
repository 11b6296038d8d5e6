import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER, type LocalIdentity } from '../../lib/local/credentials';
import { lambdaContext as localLambdaContext } from '../../lib/local/lambda-context';

/** The local identities of API.md (lib/local/credentials.ts), as the gateway puts them in `requestContext.identity`. */
const asEventIdentity = (identity: LocalIdentity) =>
  ({ accountId: identity.accountId, userArn: identity.principalArn, accessKey: identity.accessKeyId }) as const;
export const IDENTITIES = {
  customerA: asEventIdentity(CUSTOMER_A),
  customerB: asEventIdentity(CUSTOMER_B),
  reviewer: asEventIdentity(REVIEWER),
} as const;

export const REVIEWER_PRINCIPAL_ARNS = IDENTITIES.reviewer.userArn;

export interface EventOptions {
  as?: { accountId: string; userArn: string; accessKey?: string } | null;
  body?: unknown;
  /** A raw body string, sent as is (for malformed bodies). */
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  multiQuery?: Record<string, string[]>;
}

/** An API Gateway REST (v1) Lambda proxy event, as API Gateway or the local gateway builds it. */
export function proxyEvent(method: string, path: string, options: EventOptions = {}): APIGatewayProxyEvent {
  const body = options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body));
  const headers: Record<string, string> = {
    ...(body !== null && options.rawBody === undefined ? { 'Content-Type': 'application/json' } : {}),
    ...options.headers,
  };
  const identity = options.as === undefined ? IDENTITIES.customerA : options.as;
  const query = options.query ?? null;
  return {
    httpMethod: method,
    path,
    resource: path.startsWith('/v1/review/') ? '/v1/review/{proxy+}' : '/v1/{proxy+}',
    body,
    isBase64Encoded: false,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters:
      options.multiQuery ?? (query === null ? null : Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))),
    pathParameters: { proxy: path.replace(/^\/v1\/(review\/)?/, '') },
    stageVariables: null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      httpMethod: method,
      path: `/v1${path}`,
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: path.startsWith('/v1/review/') ? '/v1/review/{proxy+}' : '/v1/{proxy+}',
      stage: 'v1',
      identity: {
        accessKey: identity?.accessKey ?? null,
        accountId: identity?.accountId ?? null,
        apiKey: null,
        apiKeyId: null,
        caller: identity === null ? null : `AIDALOCAL:${identity.accountId}`,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '127.0.0.1',
        user: identity === null ? null : `AIDALOCAL:${identity.accountId}`,
        userAgent: 'jest',
        userArn: identity?.userArn ?? null,
      },
    },
  } as APIGatewayProxyEvent;
}

/** The Lambda context of an in-process invocation (the local platform's). */
export function lambdaContext(): Context {
  return localLambdaContext('test', 30_000);
}
