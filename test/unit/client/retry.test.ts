import { DEFAULT_RETRY_POLICY, RecordalApiError, SignedHttpClient, TransportError, backoffMs, retryAfterMs, type HttpRequest } from '../../../lib/client/index.js';
import { CUSTOMER_A, signingCredentials } from '../../../lib/local/credentials.js';
import { errorAnswer, fakeTransport, type FakeAnswer } from './fake-transport.js';

/** A client on a scripted platform whose waits are recorded instead of slept. */
function clientOn(answers: FakeAnswer[] | ((request: HttpRequest, index: number) => FakeAnswer), random = 0.5) {
  const transport = fakeTransport(answers);
  const waits: number[] = [];
  const client = new SignedHttpClient({
    endpoint: 'http://127.0.0.1:3000',
    credentials: signingCredentials(CUSTOMER_A),
    transport,
    retry: { random: () => random, sleep: async (ms) => void waits.push(ms) },
  });
  return { client, transport, waits };
}

describe('retries on 429 and 503', () => {
  it('waits what Retry-After says, then answers the success, signing each attempt afresh', async () => {
    const { client, transport, waits } = clientOn([{ ...errorAnswer(429, 'THROTTLED'), headers: { 'retry-after': '2' } }, { status: 200, json: { ok: true } }]);
    const response = await client.call({ method: 'POST', path: '/v1/filings', json: { type: 'NEW' } });
    expect(response).toMatchObject({ status: 200, body: { ok: true }, attempts: 2 });
    expect(waits).toEqual([2000]);
    expect(transport.requests).toHaveLength(2);
    for (const request of transport.requests) expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('backs off exponentially with full jitter when no Retry-After is given, up to the cap', async () => {
    const { client, waits } = clientOn(() => errorAnswer(503, 'SERVICE_UNAVAILABLE'), 0.5);
    const response = await client.send({ method: 'GET', path: '/v1/filings' });
    // Four attempts: three waits of random × min(5000, 200 × 2^(n-1)).
    expect(response).toMatchObject({ status: 503, attempts: DEFAULT_RETRY_POLICY.maxAttempts });
    expect(waits).toEqual([100, 200, 400]);
    const policy = { ...DEFAULT_RETRY_POLICY, random: () => 0.999 };
    expect(backoffMs(10, undefined, policy)).toBe(4995);
    expect(backoffMs(1, undefined, { ...policy, random: () => 0 })).toBe(0);
  });

  it('gives up with the platform’s refusal after the last attempt', async () => {
    const { client, transport } = clientOn(() => errorAnswer(429, 'THROTTLED'));
    const failure = await client.call({ method: 'GET', path: '/v1/filings' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RecordalApiError);
    expect(failure).toMatchObject({ status: 429, code: 'THROTTLED' });
    expect(transport.requests).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('does not retry other refusals, nor at all with retry: false', async () => {
    const { client, transport } = clientOn(() => errorAnswer(500, 'INTERNAL'));
    expect((await client.send({ method: 'GET', path: '/v1/filings' })).status).toBe(500);
    expect(transport.requests).toHaveLength(1);

    const once = fakeTransport(() => errorAnswer(429, 'THROTTLED'));
    await new SignedHttpClient({ endpoint: 'http://127.0.0.1:3000', transport: once, retry: false }).send({ method: 'GET', path: '/v1/health' });
    expect(once.requests).toHaveLength(1);
  });

  it('repeats a request that got no answer only when repeating cannot do anything twice', async () => {
    const refusedThenOk = (): FakeAnswer[] | ((request: HttpRequest, index: number) => FakeAnswer) => (request, index) => {
      if (index === 0) throw new TransportError(request.method, request.url, Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
      return { status: 200, json: {} };
    };
    const get = clientOn(refusedThenOk());
    expect((await get.client.send({ method: 'GET', path: '/v1/filings' })).status).toBe(200);
    const keyed = clientOn(refusedThenOk());
    expect((await keyed.client.send({ method: 'POST', path: '/v1/filings', json: {}, headers: { 'Idempotency-Key': 'k-1' } })).status).toBe(200);
    const post = clientOn(refusedThenOk());
    const failure = await post.client.send({ method: 'POST', path: '/v1/filings/x/submit' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as TransportError).code).toBe('ECONNRESET');
    expect(post.transport.requests).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date, and caps it', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Tue, 01 Dec 2026 00:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Mon, 30 Nov 2026 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(backoffMs(1, '3600', { ...DEFAULT_RETRY_POLICY, now: () => now })).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
  });
});
