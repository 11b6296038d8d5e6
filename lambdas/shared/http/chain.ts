import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { toHttpError } from './error-mapping.js';
import { errorBody } from './errors.js';
import { metrics } from '../metrics.js';
import { maskPii } from './mask.js';
import { json } from './response.js';
import { type Router, requestIdOf } from './router.js';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Answers every error in docs/design/api.md's shape, stamps `x-request-id`, and logs one access line per
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
 * The middy chain both API functions share, built at module scope by each handler file:
 * Powertools logger context, business metrics flushed after each request, error answers, the router.
 */
export function apiHandler(router: Router, logger: Logger): ApiHandler {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(httpAnswers(logger))
    .handler((event: APIGatewayProxyEvent, context: Context) => router.dispatch(event, context));
}
