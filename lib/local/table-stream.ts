import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StreamBatchAnswer } from '../../lambdas/publish-events/handler.js';
import type { TableStreamRecord } from '../../lambdas/shared/store/stream-events.js';
import { localDynamoDbClient, REGION } from './aws-environment.js';
import { S3RVER_CREDENTIALS } from './s3-local.js';

/**
 * The local stand-in for Lambda's DynamoDB Streams event source: polls DynamoDB Local's stream
 * of the table with the real DynamoDB Streams client and hands each batch, in order, to the
 * same function the deployed stream consumer runs. Where each shard was read to is kept in a
 * checkpoint file in the data folder, written only after a batch was handled, so a record
 * committed before a crash is handed over after the restart (at least once, in order:
 * docs/durability.md "Events").
 */

export interface TableStreamOptions {
  /** DynamoDB Local's endpoint (it serves the Streams API too). */
  endpoint: string;
  tableName: string;
  /** Where the shard positions are kept; in memory only when omitted (starts at the oldest record). */
  checkpointFile?: string;
  handle: (records: TableStreamRecord[]) => Promise<StreamBatchAnswer>;
  /** Pause between polls of a caught-up stream. Default 100 ms. */
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface TableStream {
  /** Resolves once every record committed before the call has been handled. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

type Checkpoint = Record<string, string>;

function readCheckpoint(file: string | undefined): Checkpoint {
  if (file === undefined) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    return {};
  }
}

function writeCheckpoint(file: string | undefined, checkpoint: Checkpoint): void {
  if (file === undefined) return;
  // Write then rename: a crash mid-write leaves the previous checkpoint, never half of one.
  writeFileSync(`${file}.tmp`, JSON.stringify(checkpoint));
  renameSync(`${file}.tmp`, file);
}

/** Starts polling; rejects when the table has no stream. */
export async function startTableStream(options: TableStreamOptions): Promise<TableStream> {
  const { tableName } = options;
  const client = localDynamoDbClient(options.endpoint);
  const streams = new DynamoDBStreamsClient({ region: REGION, endpoint: options.endpoint, credentials: S3RVER_CREDENTIALS });
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName })).finally(() => client.destroy());
  const streamArn = Table?.LatestStreamArn;
  if (streamArn === undefined) throw new Error(`table ${tableName} has no stream`);
  const checkpoint = readCheckpoint(options.checkpointFile);
  const iterators = new Map<string, string>();
  const closed = new Set<string>();
  let running = true;
  let passes = 0;
  const waiters: { afterPass: number; resolve: () => void }[] = [];

  async function iteratorFor(shardId: string, type?: ShardIteratorType, sequence?: string): Promise<string | undefined> {
    const position = sequence ?? checkpoint[shardId];
    const answer = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type ?? (position === undefined ? 'TRIM_HORIZON' : 'AFTER_SEQUENCE_NUMBER'),
        ...(position !== undefined && { SequenceNumber: position }),
      }),
    );
    return answer.ShardIterator;
  }

  async function shards(): Promise<Shard[]> {
    const found: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      found.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
    return found;
  }

  /** Reads one batch of a shard; true when it held records. */
  async function pollShard(shard: Shard, present: ReadonlySet<string>): Promise<boolean> {
    const shardId = shard.ShardId as string;
    // A child shard is read once its parent is done, so a filing's changes stay in order.
    if (shard.ParentShardId !== undefined && present.has(shard.ParentShardId) && !closed.has(shard.ParentShardId)) return false;
    let iterator = iterators.get(shardId) ?? (await iteratorFor(shardId));
    if (iterator === undefined) return false;
    const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    if (Records.length > 0) {
      const answer = await options.handle(Records as TableStreamRecord[]);
      const failed = answer.batchItemFailures[0]?.itemIdentifier;
      const handled = failed === undefined ? Records : Records.slice(0, Records.findIndex((r) => r.dynamodb?.SequenceNumber === failed));
      const last = handled.at(-1)?.dynamodb?.SequenceNumber;
      if (last !== undefined) {
        checkpoint[shardId] = last;
        writeCheckpoint(options.checkpointFile, checkpoint);
      }
      if (failed !== undefined) {
        iterators.set(shardId, (await iteratorFor(shardId, 'AT_SEQUENCE_NUMBER', failed)) as string);
        await sleep(500);
        return true;
      }
    }
    if (NextShardIterator === undefined || NextShardIterator === null) {
      closed.add(shardId);
      iterators.delete(shardId);
    } else {
      iterator = NextShardIterator;
      iterators.set(shardId, iterator);
    }
    return Records.length > 0;
  }

  // DescribeStream is the costly call: the shard list is read again only now and then, or
  // once a shard closed (its children then appear).
  let known: Shard[] | undefined;
  let sinceDescribe = 0;
  const loop = (async () => {
    while (running) {
      let busy = false;
      try {
        const closedBefore = closed.size;
        if (known === undefined || sinceDescribe >= 20) {
          known = await shards();
          sinceDescribe = 0;
        }
        sinceDescribe += 1;
        const all = known;
        const present = new Set(all.map((shard) => shard.ShardId as string));
        for (const shard of all) {
          if (!running) break;
          if (closed.has(shard.ShardId as string)) continue;
          busy = (await pollShard(shard, present)) || busy;
        }
        if (closed.size > closedBefore) known = undefined;
      } catch (error) {
        known = undefined;
        options.log?.(`table stream: ${error instanceof Error ? error.message : String(error)}`);
        iterators.clear();
        busy = false;
      }
      if (!busy) {
        passes += 1;
        for (const waiter of waiters.splice(0)) {
          if (passes > waiter.afterPass) waiter.resolve();
          else waiters.push(waiter);
        }
        await sleep(options.intervalMs ?? 100);
      }
    }
  })();

  return {
    caughtUp: () => new Promise<void>((resolve) => waiters.push({ afterPass: passes + 1, resolve })),
    async stop() {
      running = false;
      await loop;
      streams.destroy();
      for (const waiter of waiters.splice(0)) waiter.resolve();
    },
  };
}
