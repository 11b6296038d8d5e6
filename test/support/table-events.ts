import { publishTableEvents } from '../../lambdas/publish-events/handler.js';
import { startTableStream, type TableStream } from '../../lib/local/table-stream.js';

export interface CapturedEvent {
  detailType: string;
  detail: Record<string, unknown>;
}

/**
 * The events a table's stream publishes, as the platform publishes them (the stream consumer's
 * own function, fed by the local poller), collected in `events`. `caughtUp()` waits until every
 * change committed before the call has been published.
 */
export async function captureTableEvents(tableName: string, events: CapturedEvent[] = []): Promise<TableStream & { events: CapturedEvent[] }> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('AWS_ENDPOINT_URL_DYNAMODB is not set: this needs the shared DynamoDB Local');
  const stream = await startTableStream({
    endpoint,
    tableName,
    intervalMs: 200,
    handle: (records) =>
      publishTableEvents(records, async (detailType, detail) => {
        events.push({ detailType, detail: detail as Record<string, unknown> });
      }),
  });
  return Object.assign(stream, { events });
}
