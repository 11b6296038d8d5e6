import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { REGION } from './aws-environment.js';

/** The platform's own account locally (docs/design/api.md's reviewer account). */
export const LOCAL_PLATFORM_ACCOUNT_ID = '999999999999';

/**
 * The Lambda `context` an in-process invocation gets: what Powertools and middy read
 * (request id, function name and ARN, remaining time) with the function's deployed timeout.
 */
export function lambdaContext(functionName: string, timeoutMs = 29_000, awsRequestId: string = randomUUID()): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = (): never => {
    throw new Error('callback-style completion is not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws-cn:lambda:${REGION}:${LOCAL_PLATFORM_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
