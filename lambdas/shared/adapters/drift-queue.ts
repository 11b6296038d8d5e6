import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { sqs } from './clients.js';
import { installedAdapter } from './composition.js';

/**
 * The drift check's work queue (docs/design/architecture.md "The drift check"): `START` fans a
 * check out into one `SHARD` message per shard of approved filings; a `SHARD` message carries
 * on from its cursor and, when its invocation runs short of time, sends its own continuation.
 * Deployed it is SQS (`DRIFT_QUEUE_URL`); the local platform installs an in-process queue.
 */
export const driftWorkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('START'), checkId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))) }),
  z.object({
    kind: z.literal('SHARD'),
    checkId: z.string().check(z.minLength(1), z.maxLength(128)),
    shard: z.int().check(z.minimum(0)),
    cursor: z.optional(z.string().check(z.maxLength(4096))),
  }),
]);
export type DriftWork = z.infer<typeof driftWorkSchema>;

export type DriftQueueSink = (messages: DriftWork[]) => Promise<void>;

/** SendMessageBatch (10 a call) to `DRIFT_QUEUE_URL`; any entry SQS refuses fails the send. */
const defaultSink: DriftQueueSink = async (messages) => {
  const queueUrl = process.env.DRIFT_QUEUE_URL;
  if (!queueUrl) throw new Error('DRIFT_QUEUE_URL is not set');
  for (let i = 0; i < messages.length; i += 10) {
    const entries = messages.slice(i, i + 10).map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message) }));
    const result = await sqs().send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    if (result.Failed?.length) throw new Error(`SQS refused ${result.Failed.length} drift messages: ${result.Failed[0]?.Code ?? 'unknown'}`);
  }
};

/** Sends drift work to the installed queue (lambdas/shared/adapters/composition.ts), SQS by default. */
export async function enqueueDriftWork(messages: DriftWork[]): Promise<void> {
  if (messages.length > 0) await (installedAdapter('driftQueue') ?? defaultSink)(messages);
}
