import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { publishEvent, type EventSink } from '../shared/adapters/events-publisher.js';
import { tableEventOf, type TableStreamRecord } from '../shared/store/stream-events.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'icp-recordal-events' });

export interface StreamBatch {
  Records: TableStreamRecord[];
}

/** Lambda's partial batch answer for a stream: retry from the first record not published. */
export interface StreamBatchAnswer {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * Publishes the events of a batch of the table's stream records (status changes, drift found
 * or gone), in order. The first record that cannot be published is answered as a failure, so
 * it and every later record of the shard are delivered again (at least once, in order); the
 * local platform's poller calls this same function with the records it reads
 * (lib/local/table-stream.ts).
 */
export async function publishTableEvents(records: readonly TableStreamRecord[], publish: EventSink = publishEvent): Promise<StreamBatchAnswer> {
  for (const record of records) {
    const event = tableEventOf(record);
    if (event === undefined) continue;
    try {
      await publish(event.detailType, event.detail);
    } catch (error) {
      logger.warn('event not published yet; the stream delivers it again', {
        detailType: event.detailType,
        filingId: (event.detail as { filingId?: string }).filingId,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

/** The table stream's consumer (DynamoDB Streams event source, ReportBatchItemFailures). */
export const handler = middy<StreamBatch, StreamBatchAnswer, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => publishTableEvents(event.Records));
