import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { createLogger } from '../logging/logger.js';
import type { ApplicationType, FilingStatus } from '../domain/lifecycle.js';
import type { Problem } from '../domain/problem.js';
import { eventBridge } from './clients.js';

/** EventBridge `source` of every event the platform publishes (rules match on it). */
export const EVENT_SOURCE = 'icp-recordal';
export const FILING_STATUS_CHANGED = 'Filing Status Changed';
/** The drift check's events (docs/design/api.md "Drift check"). */
export const FILING_DRIFT_DETECTED = 'Filing Drift Detected';
export const FILING_DRIFT_CLEARED = 'Filing Drift Cleared';

/** docs/design/lifecycle.md "Events". */
export interface FilingStatusChangedDetail {
  filingId: string;
  accountId: string;
  type: ApplicationType;
  from: FilingStatus;
  to: FilingStatus;
  reasons: Problem[];
  recordNumber?: string;
}

/** `Filing Drift Detected` (problems found) and `Filing Drift Cleared` (problems empty). */
export interface FilingDriftDetail {
  filingId: string;
  accountId: string;
  checkedAt: string;
  problems: Problem[];
}

/** Where events go: EventBridge by default; the local platform and tests may substitute. */
export type EventSink = (detailType: string, detail: object) => Promise<void>;

const logger = createLogger();

/** PutEvents to `EVENT_BUS_NAME`; without a bus (local platform), the event is logged. */
const defaultSink: EventSink = async (detailType, detail) => {
  const bus = process.env.EVENT_BUS_NAME;
  if (!bus) {
    logger.info('event', { detailType, detail });
    return;
  }
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: [{ EventBusName: bus, Source: EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(detail) }],
    }),
  );
  if (result.FailedEntryCount) {
    const entry = result.Entries?.[0];
    throw new Error(`PutEvents refused the event: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`.trim());
  }
};

let sink: EventSink = defaultSink;

/** Replace where events go (undefined restores EventBridge). */
export function setEventSink(replacement: EventSink | undefined): void {
  sink = replacement ?? defaultSink;
}

/**
 * Publish one event (detail type and detail) where events go; rejects when it could not be
 * delivered. Only the table stream's consumer publishes (lambdas/publish-events): every event
 * follows a committed write, so none is lost when a writer dies after its commit.
 */
export async function publishEvent(detailType: string, detail: object): Promise<void> {
  await sink(detailType, detail);
}
