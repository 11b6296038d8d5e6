/**
 * The query of a paged list route (`GET /v1/filings`, `GET /v1/review/tasks`): `limit`,
 * `cursor` and at most one filter of enumerated values (`status`, `stage`). Every malformed
 * parameter is a 400 listing each; the route's OpenAPI query description comes from here too.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import type { Problem } from '../domain/problem.js';
import { problem, type MessageParams } from '../messages/index.js';
import { badRequest } from './errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './limits.js';
import { readQuery } from './request.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './limits.js';

const limitSchema = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE);
const cursorSchema = z.string().max(4096);

export interface PageFilter<F extends string> {
  name: string;
  values: readonly [F, ...F[]];
  description: string;
}

export interface PageQuery<F extends string> {
  filter?: F;
  limit: number;
  cursor?: string;
}

function invalid(name: string, accepted: MessageParams['accepted']): Problem {
  return problem('PARAMETER_INVALID', name, { name, accepted });
}

export function readPageQuery<F extends string>(
  event: Pick<APIGatewayProxyEvent, 'queryStringParameters' | 'multiValueQueryStringParameters'>,
  filter?: PageFilter<F>,
): PageQuery<F> {
  const query = readQuery(event, [...(filter ? [filter.name] : []), 'limit', 'cursor']);
  const problems: Problem[] = [];
  const filterValue = filter && query[filter.name];
  if (filter && filterValue !== undefined && !(filter.values as readonly string[]).includes(filterValue)) {
    problems.push(invalid(filter.name, { phrase: 'oneOf', params: { values: filter.values.join(', ') } }));
  }
  const limit = query.limit === undefined ? undefined : limitSchema.safeParse(query.limit);
  if (limit !== undefined && !limit.success) problems.push(invalid('limit', { phrase: 'pageLimit' }));
  if (query.cursor !== undefined && !cursorSchema.safeParse(query.cursor).success) problems.push(invalid('cursor', { phrase: 'nextCursor' }));
  if (problems.length > 0) throw badRequest('QUERY_PARAMETER_MALFORMED', {}, problems);
  return {
    limit: limit?.data ?? DEFAULT_PAGE_SIZE,
    ...(filterValue !== undefined && { filter: filterValue as F }),
    ...(query.cursor !== undefined && { cursor: query.cursor }),
  };
}

/** The OpenAPI description of the same query parameters. */
export function pageQueryDoc<F extends string>(filter?: PageFilter<F>): Record<string, { description: string; schema: z.ZodType }> {
  return {
    ...(filter && { [filter.name]: { description: filter.description, schema: z.enum(filter.values) } }),
    limit: { description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`, schema: z.number().int().min(1).max(MAX_PAGE_SIZE) },
    cursor: { description: 'nextCursor of the previous page', schema: z.string() },
  };
}
