import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { CUSTOMER_A, REVIEWER } from '../../../lib/local/credentials.js';
import { MAX_BODY_BYTES, startGateway, withHealthFallback, type Gateway, type ProxyHandler } from '../../../lib/local/gateway.js';
import { lambdaContext } from '../../../lib/local/lambda-context.js';
import { clientOf } from '../../support/platform.js';

/** The local gateway over HTTP on loopback, with recording handlers in place of the Lambdas. */
describe('local gateway', () => {
  let gateway: Gateway;
  const seen: { handler: 'customer' | 'review'; event: APIGatewayProxyEvent; functionName: string }[] = [];
  const recording =
    (handler: 'customer' | 'review'): ProxyHandler =>
    async (event, context) => {
      seen.push({ handler, event, functionName: context.functionName });
      if (event.path === '/v1/crash') throw new Error('boom');
      if (event.path === '/v1/not-a-result') return 'nope' as never;
      return { statusCode: 200, headers: { 'content-type': 'application/json', 'x-handler': handler }, body: JSON.stringify({ ok: true }) };
    };
  const errors: unknown[] = [];

  beforeAll(async () => {
    gateway = await startGateway({
      port: 0,
      handlers: { apiCustomer: recording('customer'), apiReview: recording('review') },
      onHandlerError: (error) => errors.push(error),
    });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    seen.length = 0;
  });

  const customer = () => clientOf(gateway, CUSTOMER_A);
  const expectErrorBody = (body: unknown, code: string) =>
    expect(body).toEqual({ error: { code, message: expect.any(String), messageZh: expect.any(String), requestId: expect.any(String), details: [] } });

  it('passes a signed customer request to the customer handler as an API Gateway proxy event', async () => {
    const response = await customer().http.post('/v1/filings?status=DRAFT&tag=a&tag=b', { name: '应用' });
    expect(response.status).toBe(200);
    expect(response.headers['x-handler']).toBe('customer');
    const [{ event, functionName }] = seen as [(typeof seen)[number]];
    expect(functionName).toBe('api-customer');
    expect(event).toMatchObject({
      resource: '/v1/{proxy+}',
      path: '/v1/filings',
      httpMethod: 'POST',
      pathParameters: { proxy: 'filings' },
      queryStringParameters: { status: 'DRAFT', tag: 'b' },
      multiValueQueryStringParameters: { status: ['DRAFT'], tag: ['a', 'b'] },
      body: JSON.stringify({ name: '应用' }),
      isBase64Encoded: false,
      requestContext: {
        httpMethod: 'POST',
        identity: {
          accountId: CUSTOMER_A.accountId,
          userArn: CUSTOMER_A.principalArn,
          caller: CUSTOMER_A.caller,
          accessKey: CUSTOMER_A.accessKeyId,
          sourceIp: '127.0.0.1',
        },
      },
    });
    expect(event.requestContext.requestId).toBe(response.headers['x-amzn-requestid']);
    expect(event.headers['content-type'] ?? event.headers['Content-Type']).toBe('application/json');
  });

  it('sends /v1/review/* to the review handler with the reviewer identity', async () => {
    const response = await clientOf(gateway, REVIEWER).http.get('/v1/review/tasks');
    expect(response.headers['x-handler']).toBe('review');
    const [{ event, functionName }] = seen as [(typeof seen)[number]];
    expect(functionName).toBe('api-review');
    expect(event.resource).toBe('/v1/review/{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'tasks' });
    expect(event.requestContext.identity.userArn).toBe(REVIEWER.principalArn);
  });

  it('serves the health and OpenAPI routes without a signature, and nothing else', async () => {
    const anonymous = clientOf(gateway);
    expect((await anonymous.http.get('/v1/health')).status).toBe(200);
    expect((await anonymous.http.get('/v1/openapi.json')).status).toBe(200);
    expect(seen.map(({ event }) => [event.resource, event.requestContext.identity.accountId])).toEqual([
      ['/v1/health', null],
      ['/v1/openapi.json', null],
    ]);
    const unsigned = await anonymous.http.get('/v1/filings');
    expect(unsigned.status).toBe(401);
    expectErrorBody(unsigned.body, 'UNAUTHENTICATED');
    expect((await anonymous.http.post('/v1/health', {})).status).toBe(401);
  });

  it('answers 401 in the error shape for a wrong secret, without calling a handler', async () => {
    const wrong = clientOf(gateway, { ...CUSTOMER_A, secretAccessKey: 'wrong' });
    const response = await wrong.http.get('/v1/account');
    expect(response.status).toBe(401);
    expectErrorBody(response.body, 'UNAUTHENTICATED');
    expect(seen).toHaveLength(0);
  });

  it('answers 404 outside /v1', async () => {
    const response = await customer().http.get('/v2/filings');
    expect(response.status).toBe(404);
    expectErrorBody(response.body, 'NOT_FOUND');
  });

  it('hands the handler the bytes the client sent: invalid UTF-8 goes base64-encoded, never as U+FFFD', async () => {
    const invalid = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d]);
    expect((await customer().http.post('/v1/filings', undefined, { body: invalid, headers: { 'content-type': 'application/json' } })).status).toBe(200);
    const [{ event }] = seen as [(typeof seen)[number]];
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').equals(invalid)).toBe(true);
    seen.length = 0;
    expect((await customer().http.post('/v1/filings', undefined, { body: Buffer.from('{"name":"应用"}'), headers: { 'content-type': 'application/json' } })).status).toBe(200);
    expect((seen[0]!.event as APIGatewayProxyEvent)).toMatchObject({ body: '{"name":"应用"}', isBase64Encoded: false });
  });

  it('answers 413 for a body over 256 KiB, declared or streamed, before any handler', async () => {
    const declared = await customer().http.post('/v1/filings', undefined, { body: 'x'.repeat(MAX_BODY_BYTES + 1), headers: { 'content-type': 'application/json' } });
    expect(declared.status).toBe(413);
    expectErrorBody(declared.body, 'PAYLOAD_TOO_LARGE');

    // Chunked, no Content-Length: the gateway stops reading once past the limit.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${gateway.url}/v1/filings`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) request.write(chunk);
      request.end();
    });
    expect(streamed.status).toBe(413);
    expectErrorBody(JSON.parse(streamed.body), 'PAYLOAD_TOO_LARGE');
    expect(seen).toHaveLength(0);

    const atLimit = await customer().http.post('/v1/filings', undefined, { body: 'x'.repeat(MAX_BODY_BYTES), headers: { 'content-type': 'application/json' } });
    expect(atLimit.status).toBe(200);
  });

  it('answers 500 in the error shape, with no internals, when a handler throws or answers nonsense', async () => {
    for (const path of ['/v1/crash', '/v1/not-a-result']) {
      const response = await customer().http.get(path);
      expect(response.status).toBe(500);
      expectErrorBody(response.body, 'INTERNAL_ERROR');
      expect(response.text).not.toContain('boom');
    }
    expect(errors).toHaveLength(2);
  });
});

describe('the health route fallback', () => {
  const event = (path: string) =>
    ({ httpMethod: 'GET', path, requestContext: { requestId: 'r-1' } }) as unknown as APIGatewayProxyEvent;
  const context = lambdaContext('api-customer');

  it('answers health and 404 elsewhere while no customer handler is bound', async () => {
    const fallback = withHealthFallback(undefined);
    expect(await fallback(event('/v1/health'), context)).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
    const other = await fallback(event('/v1/filings'), context);
    expect(other.statusCode).toBe(404);
    expect(JSON.parse(other.body).error).toMatchObject({ code: 'NOT_FOUND', requestId: 'r-1' });
  });

  it("lets the real handler's health answer through, and answers for it when it fails", async () => {
    const real = withHealthFallback(async () => ({ statusCode: 200, headers: { 'x-real': 'yes' }, body: '{"status":"ok"}' }));
    expect((await real(event('/v1/health'), context)).headers).toEqual({ 'x-real': 'yes' });
    const unfinished = withHealthFallback(async () => {
      throw new Error('not implemented');
    });
    expect((await unfinished(event('/v1/health'), context)).statusCode).toBe(200);
    await expect(unfinished(event('/v1/filings'), context)).rejects.toThrow('not implemented');
  });
});
