import type { APIGatewayProxyResult } from 'aws-lambda';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Headers every answer carries: JSON, never cached, never sniffed. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': JSON_CONTENT_TYPE,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function noContent(headers: Record<string, string> = {}): APIGatewayProxyResult {
  const { 'content-type': _omitted, ...rest } = BASE_HEADERS;
  return { statusCode: 204, headers: { ...rest, ...headers }, body: '' };
}

/** `ETag: "<version>"` (a strong validator: the filing's version number). */
export function etagOf(version: number): string {
  return `"${version}"`;
}
