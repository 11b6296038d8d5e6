import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishTableEvents } from '../../lambdas/publish-events/handler.js';
import { startTableStream, type TableStream } from './table-stream.js';

/**
 * The local event bus: the table stream's events, published by the deployed stream
 * consumer's own function, appended to `<data folder>/events.jsonl` (one JSON line each).
 */

/** An event as the local platform publishes it (EventBridge's `detail-type` and `detail`). */
export interface LocalEvent {
  detailType: string;
  detail: object;
}

export const EVENTS_FILE = 'events.jsonl';
/** Where the table stream was read to (written after each batch is published). */
export const STREAM_CHECKPOINT_FILE = 'table-stream.json';

export interface LocalEventBusOptions {
  /** DynamoDB Local's endpoint. */
  endpoint: string;
  tableName: string;
  /** The data folder (events file and stream checkpoint). */
  folder: string;
  onEvent?: (event: LocalEvent) => void;
  log?: (line: string) => void;
}

export function startLocalEventBus(options: LocalEventBusOptions): Promise<TableStream> {
  const eventsFile = join(options.folder, EVENTS_FILE);
  return startTableStream({
    endpoint: options.endpoint,
    tableName: options.tableName,
    checkpointFile: join(options.folder, STREAM_CHECKPOINT_FILE),
    handle: (records) =>
      publishTableEvents(records, async (detailType, detail) => {
        const event: LocalEvent = { detailType, detail };
        appendFileSync(eventsFile, `${JSON.stringify(event)}\n`);
        options.onEvent?.(event);
      }),
    ...(options.log !== undefined && { log: options.log }),
  });
}
