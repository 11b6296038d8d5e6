import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { enqueueDriftWork, type DriftWork } from '../adapters/drift-queue.js';
import { recordDriftMetric } from '../metrics.js';
import { APPROVED_SHARDS } from '../store/index.js';
import { checkApprovedPage, emptyTally, type DriftCheckOptions, type PageTally } from './drift-check.js';

/**
 * The drift check's fan-out (docs/design/architecture.md "The drift check"): a check starts as
 * one START message, becomes one SHARD message per shard, and each SHARD invocation checks
 * pages until its time runs short, then hands its cursor on in a new message. Any number of
 * approved filings thus finishes in invocations of bounded length.
 */

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'drift-check' });

/** Time kept back for the page in hand when deciding to start another one. */
export const RESERVE_MS = 60_000;

/** Starts a check now (`POST /v1/review/drift-checks`); the scheduled one sends the same START. */
export async function startDriftCheck(): Promise<string> {
  const checkId = randomUUID();
  await enqueueDriftWork([{ kind: 'START', checkId }]);
  return checkId;
}

export interface WorkContext extends DriftCheckOptions {
  /** What the invocation has left (Lambda's `getRemainingTimeInMillis`). */
  remainingMs: () => number;
  /** Id of the message, the check id when a START has none (the schedule's). */
  messageId: string;
}

export async function runDriftWork(work: DriftWork, context: WorkContext): Promise<PageTally> {
  if (work.kind === 'START') {
    const checkId = work.checkId ?? context.messageId;
    await enqueueDriftWork(Array.from({ length: APPROVED_SHARDS }, (_, shard) => ({ kind: 'SHARD' as const, checkId, shard })));
    logger.info('drift check started', { checkId, shards: APPROVED_SHARDS });
    return emptyTally();
  }
  const total = emptyTally();
  let cursor = work.cursor;
  for (;;) {
    const { tally, nextCursor } = await checkApprovedPage(work.shard, cursor, context);
    for (const key of Object.keys(total) as (keyof PageTally)[]) total[key] += tally[key];
    cursor = nextCursor;
    if (cursor === undefined) break;
    if (context.remainingMs() < RESERVE_MS) {
      await enqueueDriftWork([{ kind: 'SHARD', checkId: work.checkId, shard: work.shard, cursor }]);
      break;
    }
  }
  if (total.detected > 0) recordDriftMetric(total.detected);
  logger.info('drift check pages done', { checkId: work.checkId, shard: work.shard, continued: cursor !== undefined, ...total });
  return total;
}
