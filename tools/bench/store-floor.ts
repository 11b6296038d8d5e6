import { performance } from 'node:perf_hooks';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../../lambdas/shared/adapters/clients.js';
import { filingKey } from '../../lambdas/shared/store/keys.js';
import { tableName } from '../../lambdas/shared/store/table.js';
import { summarize, type LatencySummary } from './stats.js';

/**
 * The store's own round trip, the floor every API figure is set against: the same document
 * client (clients.ts) and the same request as the store's `getFiling` (a strongly consistent
 * GetItem of a filing), and a PutItem of an item as large as that filing.
 *
 * The GetItem is timed in pairs with the API's GET of the same filing, one after the other,
 * so that both see the same machine (a shared machine's load drifts over seconds): their
 * ratio is the API's overhead over the store.
 */
export interface StoreFloor {
  getItem: LatencySummary;
  /** The signed `GET /v1/filings/{id}` of the same filing, 1 at a time, paired with each GetItem. */
  apiGet: LatencySummary;
  putItem: LatencySummary;
  /** GetItem and PutItem, half each, `concurrency` at a time: what the store serves per second. */
  opsPerSecond: number;
  opsConcurrency: number;
  /** CPU time of this process (the SDK client's side) per raw op at that concurrency. */
  opsCpuMsPerOp: number;
}

const benchKey = (n: number) => ({ pk: `BENCH#${n}`, sk: 'BENCH' });

async function timed(op: () => Promise<unknown>, durationMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const stopAt = performance.now() + durationMs;
  while (performance.now() < stopAt) {
    const start = performance.now();
    await op();
    latencies.push(performance.now() - start);
  }
  return latencies;
}

/**
 * Measures on an existing filing (`filingId`), after a short warm-up of every request.
 * `apiGet` sends one API GET of that filing and resolves with the time it took (signing excluded).
 */
export async function measureStoreFloor(
  filingId: string,
  apiGet: () => Promise<number>,
  options: { durationMs: number; concurrency: number },
): Promise<StoreFloor> {
  const client = dynamoDoc();
  const TableName = tableName();
  const { Item } = await client.send(new GetCommand({ TableName, Key: filingKey(filingId), ConsistentRead: true }));
  if (!Item) throw new Error(`filing ${filingId} is not in the table`);
  let next = 0;
  const getItem = () => client.send(new GetCommand({ TableName, Key: filingKey(filingId), ConsistentRead: true }));
  // A copy of the filing under a key of its own: the same bytes to write, nothing of the platform's touched.
  const putItem = () => client.send(new PutCommand({ TableName, Item: { ...Item, ...benchKey(next++ % 64) } }));

  await timed(getItem, 300);
  await timed(putItem, 300);
  await timed(apiGet, 300);
  const getLatencies: number[] = [];
  const apiLatencies: number[] = [];
  const pairsUntil = performance.now() + options.durationMs;
  while (performance.now() < pairsUntil) {
    const start = performance.now();
    await getItem();
    getLatencies.push(performance.now() - start);
    apiLatencies.push(await apiGet());
  }
  const putLatencies = await timed(putItem, options.durationMs);

  let ops = 0;
  const stopAt = performance.now() + options.durationMs;
  const caller = async (index: number): Promise<void> => {
    for (let i = index; performance.now() < stopAt; i += 1) {
      await (i % 2 === 0 ? getItem() : putItem());
      ops += 1;
    }
  };
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => caller(index)));
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedMs = performance.now() - start;
  return {
    getItem: summarize(getLatencies),
    apiGet: summarize(apiLatencies),
    putItem: summarize(putLatencies),
    opsPerSecond: ops / (elapsedMs / 1000),
    opsConcurrency: options.concurrency,
    opsCpuMsPerOp: (cpu.user + cpu.system) / 1000 / Math.max(1, ops),
  };
}
