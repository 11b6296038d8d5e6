import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER, type LocalIdentity } from '../../lib/local/credentials.js';
import { proxyEvent as gatewayProxyEvent } from '../../lib/local/gateway.js';
import { lambdaContext as localLambdaContext } from '../../lib/local/lambda-context.js';

/** The local identities of docs/design/api.md (lib/local/credentials.ts), as the gateway puts them in `requestContext.identity`. */
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
  /** Every value of each query parameter (a repeated one has several); wins over `query`. */
  multiQuery?: Record<string, string[]>;
}

/**
 * An API Gateway REST (v1) Lambda proxy event, built by the local gateway's own builder
 * (lib/local/gateway.ts) from the request it would have received: the handlers' tests see
 * exactly the event shape the local platform hands them.
 */
export function proxyEvent(method: string, path: string, options: EventOptions = {}): APIGatewayProxyEvent {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {
    ...(body !== undefined && options.rawBody === undefined ? { 'Content-Type': 'application/json' } : {}),
    'User-Agent': 'jest',
    ...options.headers,
  };
  const url = new URL(path, 'http://127.0.0.1');
  const query = options.multiQuery ?? Object.fromEntries(Object.entries(options.query ?? {}).map(([name, value]) => [name, [value]]));
  for (const [name, values] of Object.entries(query)) for (const value of values) url.searchParams.append(name, value);
  const who = options.as === undefined ? IDENTITIES.customerA : options.as;
  const identity: LocalIdentity | undefined =
    who === null
      ? undefined
      : {
          name: 'test caller',
          role: who.userArn === REVIEWER.principalArn ? 'reviewer' : 'customer',
          accountId: who.accountId,
          accessKeyId: who.accessKey ?? 'AKIATESTCALLER000001',
          secretAccessKey: '',
          principalArn: who.userArn,
          caller: `AIDALOCAL:${who.accountId}`,
        };
  return gatewayProxyEvent(
    { method, url: `${url.pathname}${url.search}`, rawHeaders: Object.entries(headers).flat(), body: Buffer.from(body ?? '', 'utf8'), sourceIp: '127.0.0.1' },
    identity,
    randomUUID(),
  );
}

/** The Lambda context of an in-process invocation (the local platform's). */
export function lambdaContext(): Context {
  return localLambdaContext('test', 30_000);
}
