import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiHandler } from '../../../lambdas/shared/http/chain.js';
import { HttpError } from '../../../lambdas/shared/http/errors.js';
import { requireJsonObject } from '../../../lambdas/shared/http/request.js';
import { json } from '../../../lambdas/shared/http/response.js';
import { type Route, Router, route } from '../../../lambdas/shared/http/router.js';
import { NotFoundError, TaskAlreadyDecidedError, UniquenessError, VersionMismatchError, WrongStatusError, BadCursorError } from '../../../lambdas/shared/store/errors.js';
import { IDENTITIES, REVIEWER_PRINCIPAL_ARNS, lambdaContext, proxyEvent } from '../../support/proxy-event.js';

const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const doc = { operationId: 'x', summary: 'x', tags: ['x'], responses: { 200: { description: 'ok' } } };

const routes: Route[] = [
  route({ method: 'GET', path: '/v1/health', audience: 'public', writes: false, doc, handle: async () => json(200, { status: 'ok' }) }),
  route({
    method: 'GET',
    path: '/v1/things/{id}',
    audience: 'customer',
    writes: false,
    doc,
    handle: async ({ caller, params }) => json(200, { id: params.id, accountId: caller.accountId }),
  }),
  route({ method: 'POST', path: '/v1/things', audience: 'customer', writes: true, doc, handle: async ({ event }) => json(201, requireJsonObject(event)) }),
  route({
    method: 'POST',
    path: '/v1/things/{id}/fail',
    audience: 'customer',
    writes: true,
    doc,
    handle: async ({ event }) => {
      const kind = (requireJsonObject(event) as { kind: string }).kind;
      const errors: Record<string, Error> = {
        notFound: new NotFoundError('filing', 'f1'),
        wrongStatus: new WrongStatusError('f1', 'CA_REVIEW', ['DRAFT']),
        version: new VersionMismatchError('f1', 1, 2),
        unique: new UniquenessError(['EMAIL_TAKEN', 'MOBILE_TAKEN']),
        decided: new TaskAlreadyDecidedError('t1'),
        cursor: new BadCursorError(),
        bug: new Error('secret internal detail about wangning@example.cn'),
        throttled: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }),
        raced: Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }),
      };
      throw errors[kind] ?? new HttpError(422, { details: [{ path: 'kind', code: 'FIELD_TYPE', message: 'm', messageZh: 'z' }] });
    },
  }),
];

const customerHandler = apiHandler(new Router(routes, { reviewerPrincipals: () => [REVIEWER_PRINCIPAL_ARNS] }), logger);
const reviewHandler = apiHandler(
  new Router([route({ method: 'GET', path: '/v1/review/tasks', audience: 'reviewer', writes: false, doc, handle: async () => json(200, { items: [] }) })], {
    reviewerPrincipals: () => [REVIEWER_PRINCIPAL_ARNS],
    audience: 'reviewer',
  }),
  logger,
);

async function call(handler: typeof customerHandler, ...args: Parameters<typeof proxyEvent>): Promise<APIGatewayProxyResult & { json: Record<string, unknown> }> {
  const event = proxyEvent(...args);
  const result = await handler(event, lambdaContext());
  expect(result.headers?.['x-request-id']).toBe(event.requestContext.requestId);
  return { ...result, json: result.body === '' ? {} : (JSON.parse(result.body) as Record<string, unknown>) };
}

function expectErrorShape(result: { json: Record<string, unknown> }, code: string): Array<{ path: string; code: string }> {
  const error = result.json.error as Record<string, unknown>;
  expect(Object.keys(result.json)).toEqual(['error']);
  expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message', 'messageZh', 'requestId']);
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(typeof error.messageZh).toBe('string');
  return error.details as Array<{ path: string; code: string }>;
}

describe('Router and the shared middy chain', () => {
  it('routes with path parameters, URI-decoded, and the caller as tenant', async () => {
    const result = await call(customerHandler, 'GET', '/v1/things/a%2Db_c.1~');
    expect(result.statusCode).toBe(200);
    expect(result.json).toEqual({ id: 'a-b_c.1~', accountId: '111111111111' });
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
  });

  it('serves public routes without an identity', async () => {
    expect((await call(customerHandler, 'GET', '/v1/health', { as: null })).statusCode).toBe(200);
  });

  it('answers 401 on a non-public route without an identity', async () => {
    expectErrorShape(await call(customerHandler, 'GET', '/v1/things/1', { as: null }), 'UNAUTHENTICATED');
  });

  it('answers 404 for an unknown path and 405 with Allow for another method', async () => {
    const unknown = await call(customerHandler, 'GET', '/v1/nothing');
    expect(unknown.statusCode).toBe(404);
    expectErrorShape(unknown, 'NOT_FOUND');
    const wrongMethod = await call(customerHandler, 'DELETE', '/v1/things');
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers?.allow).toBe('POST');
    expectErrorShape(wrongMethod, 'METHOD_NOT_ALLOWED');
  });

  it('answers HEAD as GET without a body, errors included', async () => {
    const head = await call(customerHandler, 'HEAD', '/v1/things/1');
    expect([head.statusCode, head.body, head.headers?.['content-type']]).toEqual([200, '', expect.stringMatching(/^application\/json/)]);
    const missing = await call(customerHandler, 'HEAD', '/v1/nothing');
    expect([missing.statusCode, missing.body]).toEqual([404, '']);
    const wrong = await call(customerHandler, 'DELETE', '/v1/things/1');
    expect(wrong.headers?.allow).toBe('GET, HEAD');
  });

  it('answers 404 for a path parameter that is not valid percent-encoding or not an id this API issues', async () => {
    for (const id of ['%E0%A4%A', '..%2F..%2Fetc', 'a%00b', 'x'.repeat(129), '%F0%9F%98%80', 'a%20b']) {
      expect([id, (await call(customerHandler, 'GET', `/v1/things/${id}`)).statusCode]).toEqual([id, 404]);
    }
    expect((await call(customerHandler, 'GET', `/v1/things/${'x'.repeat(128)}`)).statusCode).toBe(200);
  });

  it('forbids reviewers to write customer routes, and lets them read', async () => {
    const write = await call(customerHandler, 'POST', '/v1/things', { as: IDENTITIES.reviewer, body: { a: 1 } });
    expect(write.statusCode).toBe(403);
    expectErrorShape(write, 'FORBIDDEN');
    expect((await call(customerHandler, 'GET', '/v1/things/1', { as: IDENTITIES.reviewer })).statusCode).toBe(200);
  });

  it('answers 403 to a customer on any /v1/review path, known or not, and serves reviewers', async () => {
    expect((await call(reviewHandler, 'GET', '/v1/review/tasks')).statusCode).toBe(403);
    expect((await call(reviewHandler, 'GET', '/v1/review/unknown')).statusCode).toBe(403);
    expect((await call(reviewHandler, 'GET', '/v1/review/tasks', { as: IDENTITIES.reviewer })).statusCode).toBe(200);
    const sessionOfRole = { accountId: '999999999999', userArn: 'arn:aws-cn:sts::999999999999:assumed-role/IcpReviewer/dave' };
    expect((await call(reviewHandler, 'GET', '/v1/review/tasks', { as: sessionOfRole })).statusCode).toBe(200);
    expect((await call(reviewHandler, 'GET', '/v1/review/unknown', { as: IDENTITIES.reviewer })).statusCode).toBe(404);
  });

  it('answers the hostile-body statuses in the error shape', async () => {
    expect((await call(customerHandler, 'POST', '/v1/things', { rawBody: 'x'.repeat(256 * 1024 + 1), headers: { 'content-type': 'application/json' } })).statusCode).toBe(413);
    expect((await call(customerHandler, 'POST', '/v1/things', { rawBody: '{}', headers: { 'content-type': 'text/xml' } })).statusCode).toBe(415);
    const malformed = await call(customerHandler, 'POST', '/v1/things', { rawBody: '{', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expectErrorShape(malformed, 'BAD_REQUEST');
  });

  it.each([
    ['notFound', 404, 'NOT_FOUND', []],
    ['wrongStatus', 409, 'CONFLICT', ['WRONG_STATUS']],
    ['version', 412, 'PRECONDITION_FAILED', []],
    ['unique', 409, 'CONFLICT', ['EMAIL_TAKEN', 'MOBILE_TAKEN']],
    ['decided', 409, 'CONFLICT', ['TASK_ALREADY_DECIDED']],
    ['cursor', 400, 'BAD_REQUEST', ['CURSOR_INVALID']],
    ['other', 422, 'VALIDATION_FAILED', ['FIELD_TYPE']],
    ['raced', 409, 'CONFLICT', ['CONCURRENT_UPDATE']],
    ['throttled', 503, 'SERVICE_UNAVAILABLE', []],
  ])('maps %s to %i %s', async (kind, status, code, detailCodes) => {
    const result = await call(customerHandler, 'POST', '/v1/things/1/fail', { body: { kind } });
    expect(result.statusCode).toBe(status);
    expect(expectErrorShape(result, code).map((d) => d.code)).toEqual(detailCodes);
  });

  it('answers an unexpected error with a bare 500 that names nothing internal', async () => {
    const result = await call(customerHandler, 'POST', '/v1/things/1/fail', { body: { kind: 'bug' } });
    expect(result.statusCode).toBe(500);
    expectErrorShape(result, 'INTERNAL_ERROR');
    expect(result.body).not.toContain('secret');
    expect(result.body).not.toContain('wangning');
  });
});
