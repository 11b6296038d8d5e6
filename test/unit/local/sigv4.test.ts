import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IncomingHttpHeaders } from 'node:http';
import { CUSTOMER_A, REVIEWER, type LocalIdentity } from '../../../lib/local/credentials.js';
import { SigV4Verifier, type RequestToVerify } from '../../../lib/local/sigv4.js';

const HOST = '127.0.0.1:3000';
const SIGNED_AT = new Date('2026-11-28T12:00:00Z');

interface Signable {
  method?: string;
  path?: string;
  query?: Record<string, string | string[]>;
  body?: string;
  headers?: Record<string, string>;
  region?: string;
  service?: string;
  signingDate?: Date;
}

/** Signs as the AWS SDK does (the same smithy signer its clients use), returns what the gateway receives. */
async function signedRequest(
  credentials: { accessKeyId: string; secretAccessKey: string },
  { method = 'GET', path = '/v1/filings', query = {}, body, headers = {}, region = 'cn-northwest-1', service = 'execute-api', signingDate = SIGNED_AT }: Signable = {},
): Promise<RequestToVerify> {
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256 });
  const signed = await signer.sign(
    { method, protocol: 'http:', hostname: '127.0.0.1', port: 3000, path, query, headers: { host: HOST, ...headers }, ...(body === undefined ? {} : { body }) },
    { signingDate },
  );
  const received: IncomingHttpHeaders = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const item of ([] as string[]).concat(value)) search.append(name, item);
  const queryString = search.toString();
  return { method, url: `${path}${queryString ? `?${queryString}` : ''}`, headers: received, body: Buffer.from(body ?? '') };
}

const verifierAt = (at: Date) => new SigV4Verifier({ now: () => at.getTime() });
const credentialsOf = (identity: LocalIdentity) => ({ accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey });

describe('SigV4 verification of the local identities', () => {
  const verifier = verifierAt(SIGNED_AT);

  it('accepts a GET signed by a customer and names that customer', async () => {
    const result = await verifier.verify(await signedRequest(credentialsOf(CUSTOMER_A), { query: { status: 'DRAFT', limit: '10' } }));
    expect(result).toEqual({ ok: true, identity: CUSTOMER_A });
  });

  it('accepts a POST with a JSON body signed by the reviewer', async () => {
    const request = await signedRequest(credentialsOf(REVIEWER), {
      method: 'POST',
      path: '/v1/review/tasks/t-1/decision',
      body: '{"decision":"APPROVE"}',
      headers: { 'content-type': 'application/json' },
    });
    const result = await verifier.verify(request);
    expect(result.ok && result.identity.accessKeyId).toBe(REVIEWER.accessKeyId);
  });

  it('accepts a percent-encoded path encoded twice (SDK) or once (curl)', async () => {
    const request = await signedRequest(credentialsOf(CUSTOMER_A), { path: '/v1/filings/a%20b' });
    expect((await verifier.verify(request)).ok).toBe(true);
    const curlStyle = new SignatureV4({ credentials: credentialsOf(CUSTOMER_A), region: 'cn-northwest-1', service: 'execute-api', sha256: Sha256, uriEscapePath: false });
    const signed = await curlStyle.sign({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', path: '/v1/filings/a%20b', headers: { host: HOST } }, { signingDate: SIGNED_AT });
    const headers: IncomingHttpHeaders = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
    expect((await verifier.verify({ method: 'GET', url: '/v1/filings/a%20b', headers, body: Buffer.alloc(0) })).ok).toBe(true);
  });

  it('accepts query parameters and headers named like Object members (__proto__, constructor)', async () => {
    const query = Object.fromEntries([
      ['__proto__', ['a', 'b']],
      ['constructor', 'c'],
    ]) as Record<string, string | string[]>;
    const request = await signedRequest(credentialsOf(CUSTOMER_A), { query, headers: Object.fromEntries([['__proto__', 'x']]) });
    expect(request.url).toContain('__proto__=a&__proto__=b');
    expect((await verifier.verify(request)).ok).toBe(true);
  });

  it('refuses a request signed with a wrong secret', async () => {
    const result = await verifier.verify(await signedRequest({ accessKeyId: CUSTOMER_A.accessKeyId, secretAccessKey: 'not-the-secret' }));
    expect(result).toEqual({ ok: false, reason: 'the signature does not match' });
  });

  it('refuses an unsigned request and a malformed Authorization header', async () => {
    expect(await verifier.verify({ method: 'GET', url: '/v1/filings', headers: { host: HOST }, body: Buffer.alloc(0) })).toEqual({
      ok: false,
      reason: 'the request is not signed',
    });
    const result = await verifier.verify({ method: 'GET', url: '/v1/filings', headers: { host: HOST, authorization: 'Basic YWxpY2U6c2VjcmV0' }, body: Buffer.alloc(0) });
    expect(result.ok).toBe(false);
  });

  it('refuses an unknown access key id', async () => {
    const result = await verifier.verify(await signedRequest({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'whatever' }));
    expect(result).toEqual({ ok: false, reason: 'the access key id is not known' });
  });

  it('accepts up to 15 minutes of clock skew either way and refuses more', async () => {
    const request = await signedRequest(credentialsOf(CUSTOMER_A));
    const minutes = (n: number) => new Date(SIGNED_AT.getTime() + n * 60_000);
    expect((await verifierAt(minutes(14)).verify(request)).ok).toBe(true);
    expect((await verifierAt(minutes(-14)).verify(request)).ok).toBe(true);
    const late = await verifierAt(minutes(16)).verify(request);
    const early = await verifierAt(minutes(-16)).verify(request);
    expect(late.ok || early.ok).toBe(false);
    expect(!late.ok && late.reason).toMatch(/expired/);
  });

  it('refuses a body or query changed after signing', async () => {
    const request = await signedRequest(credentialsOf(CUSTOMER_A), { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect((await verifier.verify({ ...request, body: Buffer.from('{"a":2}') })).ok).toBe(false);
    const withQuery = await signedRequest(credentialsOf(CUSTOMER_A), { query: { status: 'DRAFT' } });
    expect((await verifier.verify({ ...withQuery, url: '/v1/filings?status=APPROVED' })).ok).toBe(false);
  });

  it('refuses another region or service in the credential scope', async () => {
    expect((await verifier.verify(await signedRequest(credentialsOf(CUSTOMER_A), { region: 'cn-north-1' }))).ok).toBe(false);
    expect((await verifier.verify(await signedRequest(credentialsOf(CUSTOMER_A), { service: 's3' }))).ok).toBe(false);
  });

  it('refuses a declared payload hash that is not the body', async () => {
    const request = await signedRequest(credentialsOf(CUSTOMER_A), { method: 'POST', body: '{"a":1}' });
    // The SDK signs x-amz-content-sha256 of the body it was given; swap the body for another.
    const other = await signedRequest(credentialsOf(CUSTOMER_A), { method: 'POST', body: '{"a":2}' });
    const result = await verifier.verify({ ...request, body: other.body });
    expect(result).toEqual({ ok: false, reason: 'x-amz-content-sha256 does not match the body' });
  });

  it('refuses UNSIGNED-PAYLOAD, signed or not, as execute-api does: the signature must cover the body', async () => {
    const headers = { 'content-type': 'application/json', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    const signed = await signedRequest(credentialsOf(CUSTOMER_A), { method: 'POST', body: '{"a":1}', headers });
    expect(signed.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    const reason = 'UNSIGNED-PAYLOAD is not accepted: the signature must cover the body';
    expect(await verifier.verify(signed)).toEqual({ ok: false, reason });
    expect(await verifier.verify({ ...signed, body: Buffer.from('{"a":2}') })).toEqual({ ok: false, reason });
    // Sent but left out of the signed headers: refused the same way.
    const unsignedHeader = await signedRequest(credentialsOf(CUSTOMER_A), { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    const withHeader = { ...unsignedHeader, headers: { ...unsignedHeader.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
    expect((await verifier.verify(withHeader)).ok).toBe(false);
  });
});
