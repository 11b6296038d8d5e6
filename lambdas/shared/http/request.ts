import type { APIGatewayProxyEvent } from 'aws-lambda';
import { problem } from '../messages/index.js';
import { HttpError, badRequest, validationFailed } from './errors.js';
import { MAX_BODY_BYTES, MAX_NESTING_DEPTH } from './limits.js';

export { MAX_BODY_BYTES, MAX_NESTING_DEPTH } from './limits.js';

/** Media types accepted for a body; PATCH also takes RFC 7396's own type. */
const JSON_MEDIA_TYPES = new Set(['application/json', 'application/merge-patch+json']);

/** A header by name, whatever its case (API Gateway keeps the client's spelling). */
export function headerOf(event: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  for (const [key, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === wanted && values !== undefined && values.length > 0) return values[values.length - 1];
  }
  return undefined;
}

function bodyBytes(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>): Buffer | undefined {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as a JSON object, checked in docs/design/api.md's order: size (413), media type (415),
 * UTF-8 and JSON syntax and "an object" (400). `undefined` when there is no body; a route that
 * needs one refuses that with 400.
 */
export function readJsonObject(
  event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'headers' | 'multiValueHeaders'>,
): Record<string, unknown> | undefined {
  const bytes = bodyBytes(event);
  if (bytes === undefined) return undefined;
  if (bytes.length > MAX_BODY_BYTES) throw new HttpError(413);
  const mediaType = (headerOf(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_MEDIA_TYPES.has(mediaType)) {
    throw new HttpError(415, { text: 'MEDIA_TYPE_WRONG', params: { mediaType: mediaType === '' ? undefined : JSON.stringify(mediaType.slice(0, 100)) } });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw badRequest('BODY_NOT_UTF8', {}, [problem('JSON_SYNTAX', '', { reason: 'the bytes are not UTF-8, and JSON text is UTF-8 (RFC 8259)' })]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'syntax error';
    const params = { reason: reason.slice(0, 200) };
    throw badRequest('BODY_NOT_JSON', params, [problem('JSON_SYNTAX', '', params)]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('BODY_NOT_OBJECT', {}, [problem('JSON_NOT_OBJECT', '')]);
  }
  const surrogate = loneSurrogatePath(value);
  if (surrogate !== undefined) {
    // JSON.parse turns an escaped lone surrogate ("\ud800") into a string no UTF-8 can carry.
    const params = { reason: 'a string or member name holds a lone surrogate (\\uD800-\\uDFFF without its pair), which is not Unicode text (I-JSON, RFC 7493 2.1)' };
    throw badRequest('BODY_NOT_JSON', params, [problem('JSON_SYNTAX', surrogate, params)]);
  }
  if (nestingDepth(value) > MAX_NESTING_DEPTH) {
    throw badRequest('BODY_TOO_DEEP', {}, [problem('JSON_TOO_DEEP', '')]);
  }
  return value as Record<string, unknown>;
}

/** With the `u` flag a surrogate range matches only a surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The dotted path of the first string or member name that is not well-formed Unicode (a lone
 * surrogate), or undefined (iteratively: the value may be hostile; bounded by the body size).
 */
function loneSurrogatePath(root: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return path;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, inner] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return path;
      stack.push([inner, path === '' ? key : `${path}.${key}`]);
    }
  }
  return undefined;
}

/** How deeply a parsed JSON value nests objects and arrays (iteratively: the value may be hostile). */
function nestingDepth(root: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_NESTING_DEPTH) return deepest;
    for (const inner of Object.values(value)) stack.push([inner, depth + 1]);
  }
  return deepest;
}

/** Like readJsonObject, for routes that cannot do without a body. */
export function requireJsonObject(
  event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'headers' | 'multiValueHeaders'>,
): Record<string, unknown> {
  const body = readJsonObject(event);
  if (body === undefined) {
    throw badRequest('BODY_MISSING', {}, [problem('BODY_REQUIRED', '')]);
  }
  return body;
}

/**
 * Query parameters against the names a route declares: an unknown or repeated parameter is a
 * 400 listing every one (a silently ignored typo would answer something the caller did not ask).
 */
export function readQuery(
  event: Pick<APIGatewayProxyEvent, 'queryStringParameters' | 'multiValueQueryStringParameters'>,
  allowed: readonly string[],
): Record<string, string> {
  const query: Record<string, string> = {};
  const problems = [];
  const multi = event.multiValueQueryStringParameters ?? {};
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value === undefined) continue;
    if (!allowed.includes(name)) {
      problems.push(problem('UNKNOWN_PARAMETER', name, { name: JSON.stringify(name.slice(0, 50)), accepted: allowed.length > 0 ? allowed : undefined }));
      continue;
    }
    if ((multi[name]?.length ?? 1) > 1) {
      problems.push(problem('REPEATED_PARAMETER', name, { name }));
      continue;
    }
    query[name] = value;
  }
  if (problems.length > 0) throw badRequest('QUERY_MALFORMED', {}, problems);
  return query;
}

/** Routes that take no body: none or `{}` is fine; any key is 422 UNKNOWN_FIELD, each listed. */
export function requireNoBody(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'headers' | 'multiValueHeaders'>): void {
  const body = readJsonObject(event);
  const unknown = body === undefined ? [] : Object.keys(body);
  if (unknown.length > 0) throw validationFailed(unknown.map((key) => problem('UNKNOWN_FIELD', key, { noBody: true })));
}
