import type { IncomingHttpHeaders } from 'node:http';
import { SignedHttpClient, type HttpRequest } from '../../../lib/client/index.js';
import { CUSTOMER_A, REVIEWER, signingCredentials } from '../../../lib/local/credentials.js';
import { SigV4Verifier } from '../../../lib/local/sigv4.js';
import { fakeTransport } from './fake-transport.js';

/** What the local gateway receives for a request the client put on the wire. */
function received(request: HttpRequest) {
  const url = new URL(request.url);
  const headers: IncomingHttpHeaders = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const body = request.body === undefined ? new Uint8Array() : typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
  return { method: request.method, url: `${url.pathname}${url.search}`, headers, body };
}

/** The request as signed by a client of `identity`, captured instead of sent. */
async function signedBy(identity: typeof CUSTOMER_A, build: (client: SignedHttpClient) => Promise<unknown>, endpoint = 'http://127.0.0.1:3000'): Promise<HttpRequest> {
  const transport = fakeTransport(() => ({ status: 200, json: {} }));
  await build(new SignedHttpClient({ endpoint, credentials: signingCredentials(identity), transport }));
  return transport.requests[0]!;
}

describe('SigV4 signing, checked by the local gateway’s own verifier', () => {
  const verifier = new SigV4Verifier();

  it('signs a GET with a repeated query parameter so that the gateway names the caller', async () => {
    const request = await signedBy(CUSTOMER_A, (client) => client.send({ method: 'GET', path: '/v1/filings?tag=b&tag=a', query: { status: 'DRAFT', limit: 5 } }));
    expect(request.url).toBe('http://127.0.0.1:3000/v1/filings?tag=b&tag=a&status=DRAFT&limit=5');
    expect(await verifier.verify(received(request))).toEqual({ ok: true, identity: CUSTOMER_A });
  });

  it('signs the body: its SHA-256 is declared (never UNSIGNED-PAYLOAD) and a changed body is refused', async () => {
    const request = await signedBy(REVIEWER, (client) => client.send({ method: 'POST', path: '/v1/review/tasks/t-1/decision', json: { decision: 'REJECT', reasons: [{ code: 'X', message: '材料不清晰' }] } }));
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(request.headers.authorization).toContain('/cn-northwest-1/execute-api/aws4_request');
    expect(await verifier.verify(received(request))).toEqual({ ok: true, identity: REVIEWER });

    const tampered = received({ ...request, body: String(request.body).replace('REJECT', 'APPROVE') });
    expect(await verifier.verify(tampered)).toEqual({ ok: false, reason: 'x-amz-content-sha256 does not match the body' });
    const undeclared = received(request);
    delete undeclared.headers['x-amz-content-sha256'];
    undeclared.body = new TextEncoder().encode('{"decision":"APPROVE"}');
    expect(await verifier.verify(undeclared)).toMatchObject({ ok: false });
  });

  it('signs raw bytes and a percent-encoded path as the gateway reads them', async () => {
    const bytes = new Uint8Array([0, 255, 1, 254]);
    const request = await signedBy(CUSTOMER_A, (client) => client.send({ method: 'PUT', path: '/v1/filings/a%20b', body: bytes, headers: { 'content-type': 'application/octet-stream' } }));
    expect(request.body).toBe(bytes);
    expect(await verifier.verify(received(request))).toEqual({ ok: true, identity: CUSTOMER_A });
  });

  it('keeps the stage path of a deployed endpoint in the URL it signs', async () => {
    const request = await signedBy(CUSTOMER_A, (client) => client.send({ method: 'GET', path: '/v1/account' }), 'https://abc.execute-api.cn-northwest-1.amazonaws.com.cn/prod/');
    expect(request.url).toBe('https://abc.execute-api.cn-northwest-1.amazonaws.com.cn/prod/v1/account');
    expect(request.headers.host).toBe('abc.execute-api.cn-northwest-1.amazonaws.com.cn');
  });

  it('refuses what a wrong secret signed, and sends unsigned when asked', async () => {
    const wrong = await signedBy({ ...CUSTOMER_A, secretAccessKey: 'not-it' }, (client) => client.send({ method: 'GET', path: '/v1/account' }));
    expect(await verifier.verify(received(wrong))).toEqual({ ok: false, reason: 'the signature does not match' });
    const unsigned = await signedBy(CUSTOMER_A, (client) => client.send({ method: 'GET', path: '/v1/health', sign: false }));
    expect(unsigned.headers.authorization).toBeUndefined();
  });

  it('asks a credential provider for each signature and sends its session token', async () => {
    let asked = 0;
    const transport = fakeTransport(() => ({ status: 200, json: {} }));
    const client = new SignedHttpClient({
      endpoint: 'http://127.0.0.1:3000',
      credentials: async () => {
        asked += 1;
        return { ...signingCredentials(CUSTOMER_A), sessionToken: 'token-1' };
      },
      transport,
    });
    await client.send({ method: 'GET', path: '/v1/account' });
    await client.send({ method: 'GET', path: '/v1/account' });
    expect(asked).toBe(2);
    expect(transport.requests[0]!.headers['x-amz-security-token']).toBe('token-1');
    expect(transport.requests[0]!.headers.authorization).toContain('x-amz-security-token');
  });
});
