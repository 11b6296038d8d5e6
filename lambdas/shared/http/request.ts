import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError, badRequest, problem } from './errors.js';

/** docs/design/api.md: a body over 256 KiB is refused with 413 (the API stage enforces the same limit). */
export const MAX_BODY_BYTES = 256 * 1024;

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
    throw new HttpError(415, {
      message: `The body must be application/json, not ${mediaType === '' ? 'an undeclared type' : JSON.stringify(mediaType.slice(0, 100))}.`,
      messageZh: '请求体必须为 application/json，并在 Content-Type 中声明。',
    });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw badRequest('The body is not valid UTF-8.', '请求体不是有效的 UTF-8 编码。', [
      problem('', 'JSON_SYNTAX', 'The body is not valid UTF-8: JSON text is UTF-8 (RFC 8259).', '请求体不是有效的 UTF-8 编码：JSON 文本须为 UTF-8（RFC 8259）。'),
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'syntax error';
    throw badRequest(`The body is not valid JSON: ${reason.slice(0, 200)}`, '请求体不是有效的 JSON。', [
      problem('', 'JSON_SYNTAX', `The body is not valid JSON: ${reason.slice(0, 200)}`, '请求体不是有效的 JSON。'),
    ]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The body must be a JSON object.', '请求体必须是 JSON 对象。', [
      problem('', 'JSON_NOT_OBJECT', 'The body must be a JSON object ({…}).', '请求体必须是 JSON 对象（{…}）。'),
    ]);
  }
  const surrogate = loneSurrogatePath(value);
  if (surrogate !== undefined) {
    // JSON.parse turns an escaped lone surrogate ("\ud800") into a string no UTF-8 can carry.
    throw badRequest('The body has a lone surrogate escape (\\uD800–\\uDFFF without its pair).', '请求体含有不成对的代理项转义（\\uD800–\\uDFFF）。', [
      problem(surrogate, 'JSON_SYNTAX', 'A string or member name holds a lone surrogate (I-JSON, RFC 7493 2.1): send well-formed Unicode.', '字符串或成员名含有不成对的代理项（I-JSON，RFC 7493 第2.1节），请发送有效的 Unicode 文本。'),
    ]);
  }
  if (nestingDepth(value) > MAX_NESTING_DEPTH) {
    throw badRequest(`The body is nested more than ${MAX_NESTING_DEPTH} levels deep.`, `请求体嵌套超过 ${MAX_NESTING_DEPTH} 层。`, [
      problem('', 'JSON_TOO_DEEP', `No request of this API nests more than ${MAX_NESTING_DEPTH} levels.`, `本接口的请求嵌套均不超过 ${MAX_NESTING_DEPTH} 层。`),
    ]);
  }
  return value as Record<string, unknown>;
}

/** Far deeper than any request of the API (a filing nests 4 levels), shallow enough for every recursive walk. */
export const MAX_NESTING_DEPTH = 32;

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
      const innerPath = path === '' ? key : `${path}.${key}`;
      if (LONE_SURROGATE.test(key)) return path;
      stack.push([inner, innerPath]);
    }
  }
  return undefined;
}

/** Like readJsonObject, for routes that cannot do without a body. */
export function requireJsonObject(
  event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'headers' | 'multiValueHeaders'>,
): Record<string, unknown> {
  const body = readJsonObject(event);
  if (body === undefined) {
    throw badRequest('This route needs a JSON object body.', '此接口需要 JSON 对象请求体。', [
      problem('', 'BODY_REQUIRED', 'Send a JSON object body with Content-Type: application/json.', '请以 Content-Type: application/json 发送 JSON 对象请求体。'),
    ]);
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
      problems.push(problem(name, 'UNKNOWN_PARAMETER', `Unknown query parameter ${JSON.stringify(name.slice(0, 50))}; accepted: ${allowed.join(', ') || 'none'}.`, `未知的查询参数；可用参数：${allowed.join('、') || '无'}。`));
      continue;
    }
    if ((multi[name]?.length ?? 1) > 1) {
      problems.push(problem(name, 'REPEATED_PARAMETER', `Query parameter ${name} is given more than once.`, `查询参数 ${name} 重复出现。`));
      continue;
    }
    query[name] = value;
  }
  if (problems.length > 0) throw badRequest('The query string is malformed.', '查询参数不正确。', problems);
  return query;
}
