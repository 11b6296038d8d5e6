import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError } from './errors.js';
import { headerOf } from './request.js';

/**
 * The version an `If-Match` header names (`"<version>"`, as the ETag was sent; a weak `W/`
 * prefix is tolerated). `undefined` without the header; `required` makes that a 428. A value
 * that cannot be a version of ours can match nothing: 412.
 */
export function ifMatchVersion(event: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>, required: boolean): number | undefined {
  const value = headerOf(event, 'if-match');
  if (value === undefined || value.trim() === '') {
    if (required) throw new HttpError(428);
    return undefined;
  }
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value.trim());
  if (match === null) throw new HttpError(412, { text: 'IF_MATCH_MALFORMED' });
  return Number(match[1]);
}

/** Today's date in Asia/Shanghai (`YYYY-MM-DD`), the calendar every date rule uses. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
