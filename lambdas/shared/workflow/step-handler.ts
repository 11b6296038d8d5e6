import { createLogger } from '../logging/logger.js';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { metrics } from '../metrics.js';
import { classifyError, FilingReturnedError, FilingSupersededError } from './errors.js';
import type { StepInputCheck } from './step-input.js';

/** One logger per function process; the service name comes from POWERTOOLS_SERVICE_NAME. */
export const workflowLogger = createLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'icp-recordal-workflow' });

export type StepHandler<R> = (event: unknown, context: Context) => Promise<R>;

/** The input does not have the shape the ASL passes: a bug, never retried. */
export class StepInputError extends Error {
  override readonly name = 'Recordal.BadStepInput';
}

/**
 * Logs how a step ended and rethrows what the state machine matches on: transient AWS
 * failures as `Recordal.TransientError` (retried with backoff), the lifecycle's own outcomes
 * unchanged, anything else as is (caught: SYSTEM_ERROR).
 */
function workflowErrors(logger: Logger): MiddlewareObj<unknown, unknown> {
  return {
    onError: (request) => {
      const error = classifyError(request.error);
      if (error instanceof FilingReturnedError || error instanceof FilingSupersededError) {
        logger.info('step ended the filing', { errorName: error.name, errorMessage: error.message });
      } else {
        const e = error instanceof Error ? error : new Error(String(error));
        logger.error('step failed', { errorName: e.name, errorMessage: e.message, cause: e.cause instanceof Error ? e.cause.name : undefined });
      }
      request.error = error instanceof Error ? error : new Error(String(error));
    },
  };
}

/**
 * The middy chain every workflow Lambda shares: Powertools logger context, business metrics
 * flushed after each step, the input parsed
 * with `schema`, errors classified for the state machine's Retry and Catch.
 */
export function stepHandler<T, R>(schema: StepInputCheck<T>, step: (input: T, context: Context) => Promise<R>, logger: Logger = workflowLogger): StepHandler<R> {
  return middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics) as MiddlewareObj<unknown, R>)
    .use(workflowErrors(logger) as MiddlewareObj<unknown, R>)
    .handler(async (event: unknown, context: Context) => {
      const parsed = schema.safeParse(event);
      if (!parsed.success) throw new StepInputError(`step input: ${parsed.error.message}`);
      const input = parsed.data;
      const ids = input as { filingId?: unknown; revision?: unknown };
      logger.appendKeys({ filingId: ids.filingId as string | undefined, revision: ids.revision as number | undefined });
      return step(input, context);
    }) as unknown as StepHandler<R>;
}
