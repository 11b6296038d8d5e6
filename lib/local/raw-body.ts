import { isUtf8 } from 'node:buffer';

/**
 * The proxy event's body for the bytes a client sent. Valid UTF-8 goes as text, as API Gateway
 * passes a JSON body; anything else goes base64-encoded (`isBase64Encoded`), so the handler's
 * strict UTF-8 check (docs/api.md "Strict input") sees the client's bytes rather than U+FFFD
 * replacements made by a lenient decode here.
 */
export function proxyBody(bytes: Buffer): { body: string | null; isBase64Encoded: boolean } {
  if (bytes.length === 0) return { body: null, isBase64Encoded: false };
  return isUtf8(bytes) ? { body: bytes.toString('utf8'), isBase64Encoded: false } : { body: bytes.toString('base64'), isBase64Encoded: true };
}
