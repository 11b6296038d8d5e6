import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { driftWorkSchema } from '../shared/adapters/drift-queue.js';
import { runDriftWork } from '../shared/application/drift-work.js';
import { metrics } from '../shared/metrics.js';

/**
 * The drift check's worker (docs/design/api.md "Drift check"), fed by the drift queue: each
 * message is a START (fan out to the shards) or a SHARD (check its pages). A message that
 * fails is reported alone (partial batch response) and comes back after the visibility timeout.
 */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'drift-check' });

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const parsed = driftWorkSchema.safeParse(safeJson(record.body));
      if (!parsed.success) {
        // Not ours to retry: a malformed message would only come back.
        logger.error('malformed drift message dropped', { messageId: record.messageId, issues: parsed.error.issues.length });
        continue;
      }
      try {
        await runDriftWork(parsed.data, { messageId: record.messageId, remainingMs: () => context.getRemainingTimeInMillis() });
      } catch (error) {
        logger.error('drift work failed', { messageId: record.messageId, error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
