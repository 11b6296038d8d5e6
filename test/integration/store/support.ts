import { countCalls, type CallCounter } from '../../../lambdas/shared/adapters/clients.js';
import { createTestTable } from '../../support/services.js';
import { captureTableEvents, type CapturedEvent } from '../../support/table-events.js';

/** Points the store at a fresh table of its own for this test file. */
export function useStoreTable(prefix: string): void {
  beforeAll(async () => {
    process.env.TABLE_NAME = await createTestTable(prefix);
  });
}

/** Counts the shared DynamoDB client's commands (the store's calls). */
export const dynamoCalls: CallCounter = countCalls('dynamodb');

/** Commands sent while `run` ran. */
export async function callsOf<T>(run: () => Promise<T>): Promise<{ result: T; calls: number; byCommand: Record<string, number> }> {
  dynamoCalls.reset();
  const result = await run();
  return { result, calls: dynamoCalls.total, byCommand: { ...dynamoCalls.byCommand } };
}

/**
 * The events the table's stream publishes (as deployed: from committed changes, not by the
 * writer). `caughtUp()` before asserting; the list is emptied before each test.
 */
export function captureEvents(): { published: CapturedEvent[]; caughtUp: () => Promise<void> } {
  const published: CapturedEvent[] = [];
  let stream: Awaited<ReturnType<typeof captureTableEvents>> | undefined;
  beforeAll(async () => {
    stream = await captureTableEvents(process.env.TABLE_NAME as string, published);
  });
  beforeEach(async () => {
    await stream?.caughtUp();
    published.length = 0;
  });
  afterAll(() => stream?.stop());
  return { published, caughtUp: async () => stream?.caughtUp() };
}

/** Settles every promise and splits the outcomes. */
export async function settle<T>(promises: Promise<T>[]): Promise<{ fulfilled: T[]; rejected: unknown[] }> {
  const outcomes = await Promise.allSettled(promises);
  return {
    fulfilled: outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : [])),
    rejected: outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : [])),
  };
}
