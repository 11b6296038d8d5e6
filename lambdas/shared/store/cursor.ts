import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadCursorError } from './errors.js';

/**
 * Opaque, tamper-evident pagination cursors: base64url(JSON of the position) + "." +
 * base64url(HMAC-SHA256). The HMAC also covers a scope (the query: account, status, stage …),
 * so a cursor cannot be replayed against another tenant's or another query's listing. The key
 * comes from `cursorKey()` (cursor-key.ts).
 */
const mac = (payload: string, scope: string, key: string): Buffer =>
  createHmac('sha256', key).update(scope).update('\n').update(payload).digest();

export function encodeCursor(position: unknown, scope: string, key: string): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${mac(payload, scope, key).toString('base64url')}`;
}

/** The position a cursor encodes; `BadCursorError` if it is malformed, tampered or of another scope or key. */
export function decodeCursor(cursor: string, scope: string, key: string): unknown {
  const parts = cursor.split('.');
  if (parts.length !== 2 || cursor.length > 4096) throw new BadCursorError();
  const [payload, signature] = parts as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(payload, scope, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BadCursorError();
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
}

/** A DynamoDB key from a decoded cursor: an object of strings only. */
export function asKey(position: unknown): Record<string, string> {
  if (typeof position !== 'object' || position === null || Array.isArray(position)) throw new BadCursorError();
  const entries = Object.entries(position);
  if (entries.length === 0 || entries.some(([, v]) => typeof v !== 'string')) throw new BadCursorError();
  return position as Record<string, string>;
}
