import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { HttpError } from './errors.js';
import { type Caller, callerOf } from './identity.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who a route is for: `public` needs no identity (health, the OpenAPI document). */
export type Audience = 'public' | 'customer' | 'reviewer';

/** One documented answer of a route (the OpenAPI generator reads these). */
export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

/** What the OpenAPI document says about a route; the same schemas the handler validates with. */
export interface RouteDoc {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  query?: Record<string, { description: string; schema: z.ZodType }>;
  headers?: Record<string, { description: string; required: boolean }>;
  body?: { schema: z.ZodType; description?: string; mediaTypes?: string[] };
  responses: Record<number, ResponseDoc>;
  /** Error statuses this route can answer besides 400/401/403/404/413/415/429. */
  errors?: number[];
}

export interface RequestContext<A extends Audience = Audience> {
  event: APIGatewayProxyEvent;
  lambdaContext: Context;
  /** The caller; absent only on public routes. */
  caller: A extends 'public' ? undefined : Caller;
  /** Path parameters, URI-decoded. */
  params: Record<string, string>;
  requestId: string;
}

export interface Route<A extends Audience = Audience> {
  method: HttpMethod;
  /** Path template, `{name}` for a parameter: `/v1/filings/{id}`. */
  path: string;
  audience: A;
  /** A route that changes state; reviewers may not call customer routes that write. */
  writes: boolean;
  doc: RouteDoc;
  handle(request: RequestContext<A>): Promise<APIGatewayProxyResult>;
}

/** Typing helper so each route's handler sees the caller type of its audience. */
export function route<A extends Audience>(definition: Route<A>): Route {
  return definition as unknown as Route;
}

/** What an id in a path may look like (filing ids are UUIDs, task ids base64url). */
const RESOURCE_ID = /^[A-Za-z0-9._~-]{1,128}$/;

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(parameter[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

export interface RouterOptions {
  /** Reviewer principals (`REVIEWER_PRINCIPAL_ARNS`). */
  reviewerPrincipals: () => readonly string[];
  /**
   * Every path this router serves is for this audience: checked before the route is looked
   * up, so a customer gets 403 on any `/v1/review/*` path, known or not.
   */
  audience?: Exclude<Audience, 'public'>;
}

/** The request id docs/design/api.md's error body carries: API Gateway's, else the Lambda invocation's. */
export function requestIdOf(event: APIGatewayProxyEvent, context: Context): string {
  return event.requestContext?.requestId || context.awsRequestId || 'unknown';
}

/**
 * A small router for API Gateway REST proxy events: path templates, 404 for an unknown path,
 * 405 (with `Allow`) for a known path and another method, then identity and audience.
 */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(
    readonly routes: readonly Route[],
    private readonly options: RouterOptions,
  ) {
    this.compiled = routes.map(compile);
  }

  async dispatch(event: APIGatewayProxyEvent, lambdaContext: Context): Promise<APIGatewayProxyResult> {
    const requestId = requestIdOf(event, lambdaContext);
    const path = normalisePath(event.path ?? '');
    // HEAD is GET without the body (RFC 9110); the chain drops the body of every HEAD answer.
    const requested = (event.httpMethod ?? '').toUpperCase();
    const method = requested === 'HEAD' ? 'GET' : requested;
    if (this.options.audience !== undefined) {
      this.authorise(this.options.audience, false, callerOf(event, this.options.reviewerPrincipals()));
    }
    const matches = this.compiled.flatMap((candidate) => {
      const match = candidate.pattern.exec(path);
      return match === null ? [] : [{ candidate, match }];
    });
    if (matches.length === 0) throw new HttpError(404);
    const found = matches.find(({ candidate }) => candidate.route.method === method);
    if (found === undefined) {
      const methods = new Set<string>(matches.map(({ candidate }) => candidate.route.method));
      if (methods.has('GET')) methods.add('HEAD');
      const allow = [...methods].join(', ');
      throw new HttpError(405, { headers: { allow } });
    }
    const { candidate, match } = found;
    const params: Record<string, string> = {};
    for (const [index, name] of candidate.names.entries()) {
      let value: string;
      try {
        value = decodeURIComponent(match[index + 1]!);
      } catch {
        throw new HttpError(404);
      }
      // Ids this API issues are short and URL-safe; anything else names nothing (and never reaches a key).
      if (!RESOURCE_ID.test(value)) throw new HttpError(404);
      params[name] = value;
    }
    const { route } = candidate;
    let caller: Caller | undefined;
    if (route.audience !== 'public') {
      caller = callerOf(event, this.options.reviewerPrincipals());
      this.authorise(route.audience, route.writes, caller);
    }
    return route.handle({ event, lambdaContext, caller, params, requestId } as RequestContext);
  }

  private authorise(audience: Exclude<Audience, 'public'>, writes: boolean, caller: Caller): void {
    if (audience === 'reviewer' && caller.role !== 'reviewer') {
      throw new HttpError(403, { text: 'REVIEWERS_ONLY' });
    }
    if (audience === 'customer' && writes && caller.role === 'reviewer') {
      throw new HttpError(403, { text: 'REVIEWER_READ_ONLY' });
    }
  }
}

/** `/v1/filings/` and `/v1/filings` are the same resource; empty segments are not. */
function normalisePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
