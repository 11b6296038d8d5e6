import { countCalls, type CallCounter } from '../../../lambdas/shared/adapters/clients.js';
import { setEventSink } from '../../../lambdas/shared/adapters/events-publisher.js';
import { createTestTable } from '../../support/services.js';

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

/** Captures published events instead of sending them to EventBridge. */
export function captureEvents(): { detailType: string; detail: object }[] {
  const published: { detailType: string; detail: object }[] = [];
  beforeEach(() => {
    published.length = 0;
    setEventSink(async (detailType, detail) => {
      published.push({ detailType, detail });
    });
  });
  afterAll(() => setEventSink(undefined));
  return published;
}

/** Settles every promise and splits the outcomes. */
export async function settle<T>(promises: Promise<T>[]): Promise<{ fulfilled: T[]; rejected: unknown[] }> {
  const outcomes = await Promise.allSettled(promises);
  return {
    fulfilled: outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : [])),
    rejected: outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : [])),
  };
}
