import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
// @middy/core is ESM-only: its types come through an import-mode type import, its code through
// a dynamic import (this package compiles to CommonJS; see apiHandler).
import type { MiddlewareObj } from '@middy/core' with { 'resolution-mode': 'import' };
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { toHttpError } from './error-mapping';
import { errorBody } from './errors';
import { maskPii } from './mask';
import { json } from './response';
import { type Router, requestIdOf } from './router';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Answers every error in API.md's shape, stamps `x-request-id`, and logs one access line per
 * request: method, path template-free fields only (no body, no query values: they may carry PII).
 */
export function httpAnswers(logger: Logger): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const started = new WeakMap<object, number>();
  const finish = (event: APIGatewayProxyEvent, context: Context, response: APIGatewayProxyResult): APIGatewayProxyResult => {
    const requestId = requestIdOf(event, context);
    const startedAt = started.get(event);
    logger.info('request', {
      method: event.httpMethod,
      path: maskPii(event.path ?? ''),
      status: response.statusCode,
      accountId: event.requestContext?.identity?.accountId ?? undefined,
      requestId,
      durationMs: startedAt === undefined ? undefined : Date.now() - startedAt,
    });
    const headers = { ...response.headers, 'x-request-id': requestId };
    return event.httpMethod?.toUpperCase() === 'HEAD' ? { ...response, headers, body: '' } : { ...response, headers };
  };
  return {
    before: (request) => {
      started.set(request.event, Date.now());
    },
    after: (request) => {
      if (request.response) request.response = finish(request.event, request.context, request.response);
    },
    onError: (request) => {
      const error = toHttpError(request.error);
      if (error.status >= 500) {
        const cause = request.error;
        logger.error('unhandled error', {
          errorName: cause instanceof Error ? cause.name : typeof cause,
          errorMessage: maskPii(cause instanceof Error ? cause.message : String(cause)),
          stack: cause instanceof Error ? maskPii(cause.stack ?? '') : undefined,
        });
      }
      const requestId = requestIdOf(request.event, request.context);
      request.response = finish(request.event, request.context, json(error.status, errorBody(error, requestId), error.headers));
    },
  };
}

/**
 * The middy chain both API functions share: Powertools logger context, error answers, the
 * router. Built on the first invocation, because @middy/core can only be loaded by `import()`.
 */
export function apiHandler(router: Router, logger: Logger): ApiHandler {
  let chain: Promise<ApiHandler> | undefined;
  const build = async (): Promise<ApiHandler> => {
    const { default: middy } = await import('@middy/core');
    return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(httpAnswers(logger))
      .handler((event: APIGatewayProxyEvent, context: Context) => router.dispatch(event, context));
  };
  return async (event, context) => {
    chain ??= build();
    return (await chain)(event, context);
  };
}
