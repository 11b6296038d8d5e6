import { HttpError } from '../../../lambdas/shared/http/errors.js';
import { MAX_BODY_BYTES, headerOf, readJsonObject, readQuery, requireJsonObject } from '../../../lambdas/shared/http/request.js';
import { proxyEvent } from '../../support/proxy-event.js';

function thrown(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('readJsonObject', () => {
  it('parses a JSON object body', () => {
    expect(readJsonObject(proxyEvent('POST', '/v1/x', { body: { a: 1 } }))).toEqual({ a: 1 });
  });

  it('accepts a charset parameter and the merge-patch media type', () => {
    const withCharset = proxyEvent('POST', '/v1/x', { rawBody: '{"a":1}', headers: { 'content-type': 'Application/JSON; charset=utf-8' } });
    expect(readJsonObject(withCharset)).toEqual({ a: 1 });
    const mergePatch = proxyEvent('PATCH', '/v1/x', { rawBody: '{"a":null}', headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(readJsonObject(mergePatch)).toEqual({ a: null });
  });

  it('decodes a base64 body', () => {
    const event = { ...proxyEvent('POST', '/v1/x', { body: { b: 'é' } }), isBase64Encoded: true };
    event.body = Buffer.from('{"b":"é"}').toString('base64');
    expect(readJsonObject(event)).toEqual({ b: 'é' });
  });

  it('answers 413 for a body over 256 KiB, counting bytes, before looking at its type', () => {
    const big = 'é'.repeat(MAX_BODY_BYTES / 2 + 1); // 2 bytes each in UTF-8
    const error = thrown(() => readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: big, headers: { 'content-type': 'text/plain' } })));
    expect(error.status).toBe(413);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts a body of exactly 256 KiB', () => {
    const padding = 'a'.repeat(MAX_BODY_BYTES - '{"p":""}'.length);
    expect(readJsonObject(proxyEvent('POST', '/v1/x', { body: { p: padding } }))).toEqual({ p: padding });
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])('answers 415 for content type %j', (contentType) => {
    const headers: Record<string, string> = contentType === '' ? {} : { 'content-type': contentType };
    const error = thrown(() => readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: '{"a":1}', headers })));
    expect(error.status).toBe(415);
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([['{"a":'], ['not json'], ['{"a":1}}']])('answers 400 for malformed JSON %j', (raw) => {
    const error = thrown(() => readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: raw, headers: { 'content-type': 'application/json' } })));
    expect(error.status).toBe(400);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.details[0]?.code).toBe('JSON_SYNTAX');
  });

  it.each([['[]'], ['null'], ['42'], ['"text"'], ['true']])('answers 400 when the JSON %s is not an object', (raw) => {
    const error = thrown(() => readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: raw, headers: { 'content-type': 'application/json' } })));
    expect(error.status).toBe(400);
    expect(error.details[0]?.code).toBe('JSON_NOT_OBJECT');
  });

  it('answers 400 for invalid UTF-8', () => {
    const event = { ...proxyEvent('POST', '/v1/x', { rawBody: 'x', headers: { 'content-type': 'application/json' } }), isBase64Encoded: true };
    event.body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64');
    const error = thrown(() => readJsonObject(event));
    expect([error.status, error.details[0]?.code]).toEqual([400, 'JSON_SYNTAX']);
  });

  it('answers 400 JSON_SYNTAX for a lone surrogate, escaped or raw, in a value or a member name', () => {
    for (const raw of ['{"a":"a\\ud800b"}', '{"a":{"b":["ok","\\udfff"]}}', '{"\\ud800":1}']) {
      const error = thrown(() => readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: raw, headers: { 'content-type': 'application/json' } })));
      expect([error.status, error.details[0]?.code]).toEqual([400, 'JSON_SYNTAX']);
    }
    expect(thrown(() => readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: '{"a":{"b":["ok","\\udfff"]}}', headers: { 'content-type': 'application/json' } }))).details[0]?.path).toBe('a.b.1');
    // A pair is well-formed.
    expect(readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: '{"a":"\\ud83d\\ude00"}', headers: { 'content-type': 'application/json' } }))).toEqual({ a: '😀' });
  });

  it('keeps a __proto__ member as data, without touching the prototype', () => {
    const body = readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: '{"__proto__":{"polluted":true}}', headers: { 'content-type': 'application/json' } }));
    expect(Object.keys(body!)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns undefined without a body, and requireJsonObject answers 400', () => {
    expect(readJsonObject(proxyEvent('POST', '/v1/x'))).toBeUndefined();
    const error = thrown(() => requireJsonObject(proxyEvent('POST', '/v1/x')));
    expect(error.status).toBe(400);
    expect(error.details[0]?.code).toBe('BODY_REQUIRED');
  });
});

describe('headerOf', () => {
  it('finds a header whatever its case', () => {
    const event = proxyEvent('GET', '/v1/x', { headers: { 'If-Match': '"3"' } });
    expect(headerOf(event, 'if-match')).toBe('"3"');
    expect(headerOf(event, 'IF-MATCH')).toBe('"3"');
    expect(headerOf(event, 'idempotency-key')).toBeUndefined();
  });
});

describe('readQuery', () => {
  it('returns the declared parameters', () => {
    expect(readQuery(proxyEvent('GET', '/v1/x', { query: { status: 'DRAFT', limit: '5' } }), ['status', 'limit', 'cursor'])).toEqual({ status: 'DRAFT', limit: '5' });
  });

  it('lists every unknown and repeated parameter in one 400', () => {
    const event = proxyEvent('GET', '/v1/x', { query: { statsu: 'DRAFT', limit: '5', foo: '1' }, multiQuery: { statsu: ['DRAFT'], limit: ['5', '6'], foo: ['1'] } });
    const error = thrown(() => readQuery(event, ['status', 'limit']));
    expect(error.status).toBe(400);
    expect(error.details.map((d) => [d.path, d.code]).sort()).toEqual([
      ['foo', 'UNKNOWN_PARAMETER'],
      ['limit', 'REPEATED_PARAMETER'],
      ['statsu', 'UNKNOWN_PARAMETER'],
    ]);
  });
});

describe('nesting limit', () => {
  it('answers 400 for a body nested deeper than any request of the API, however deep', () => {
    const deep = `{"a":${'['.repeat(120_000)}${']'.repeat(120_000)}}`;
    const error = thrown(() => readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: deep, headers: { 'content-type': 'application/json' } })));
    expect(error.status).toBe(400);
    expect(error.details[0]?.code).toBe('JSON_TOO_DEEP');
  });

  it('accepts a body 32 levels deep', () => {
    const body = `${'{"a":'.repeat(31)}[]${'}'.repeat(31)}`;
    expect(readJsonObject(proxyEvent('POST', '/v1/x', { rawBody: body, headers: { 'content-type': 'application/json' } }))).toBeDefined();
  });
});
