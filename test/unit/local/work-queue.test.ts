import type { SQSEvent } from 'aws-lambda';
import { LocalWorkQueue } from '../../../lib/local/work-queue.js';

describe('LocalWorkQueue (the local drift queue)', () => {
  it('hands each message to the handler, at most `concurrency` at once, and drains', async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const queue = new LocalWorkQueue({
      name: 'q',
      concurrency: 2,
      handler: async (event: SQSEvent) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(...event.Records.map((r) => r.body));
        running -= 1;
      },
    });
    queue.send(['a', 'b', 'c', 'd', 'e']);
    await queue.drained();
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(peak).toBe(2);
  });

  it('redelivers a message reported failed until it succeeds, and drops it after maxReceives', async () => {
    const receives: Record<string, number> = {};
    const dropped: string[] = [];
    const queue = new LocalWorkQueue({
      name: 'q',
      retryDelayMs: 1,
      maxReceives: 3,
      log: (line) => dropped.push(line),
      handler: async (event: SQSEvent) => {
        const record = event.Records[0]!;
        receives[record.body] = Number(record.attributes.ApproximateReceiveCount);
        if (record.body === 'flaky' && receives[record.body]! < 2) return { batchItemFailures: [{ itemIdentifier: record.messageId }] };
        if (record.body === 'broken') throw new Error('always');
        return { batchItemFailures: [] };
      },
    });
    queue.send(['flaky', 'broken', 'fine']);
    await queue.drained();
    expect(receives).toEqual({ flaky: 2, broken: 3, fine: 1 });
    expect(dropped.some((line) => line.includes('dead letter'))).toBe(true);
  });
});
