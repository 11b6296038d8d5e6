import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../../lambdas/shared/store/cursor.js';
import { BadCursorError } from '../../../lambdas/shared/store/errors.js';

describe('cursors', () => {
  const secret = 'test-cursor-key';
  const key = { pk: 'FILING#a', sk: 'FILING', gsi1pk: 'ACCOUNT#111111111111', gsi1sk: 'FILING#2026-11-29T00:00:00.000Z#a' };

  it('round-trips a position within its scope, and is URL-safe', () => {
    const cursor = encodeCursor(key, 'filings|111111111111|', secret);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'filings|111111111111|', secret)).toEqual(key);
  });

  it('refuses another scope, another secret, and any altered character', () => {
    const cursor = encodeCursor(key, 'filings|111111111111|', secret);
    expect(() => decodeCursor(cursor, 'filings|222222222222|', secret)).toThrow(BadCursorError);
    expect(() => decodeCursor(cursor, 'filings|111111111111|', 'another-key')).toThrow(BadCursorError);
    fc.assert(
      fc.property(fc.nat({ max: cursor.length - 1 }), fc.constantFrom(...'ABCxyz019-_.'), (index, replacement) => {
        fc.pre(cursor[index] !== replacement);
        const altered = cursor.slice(0, index) + replacement + cursor.slice(index + 1);
        // base64url may decode two spellings of the last character to the same bytes
        try {
          expect(decodeCursor(altered, 'filings|111111111111|', secret)).toEqual(key);
        } catch (error) {
          expect(error).toBeInstanceOf(BadCursorError);
        }
      }),
    );
  });

  it('never throws anything but BadCursorError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000 }), (text) => {
        try {
          decodeCursor(text, 's', secret);
        } catch (error) {
          expect(error).toBeInstanceOf(BadCursorError);
        }
      }),
    );
  });
});
