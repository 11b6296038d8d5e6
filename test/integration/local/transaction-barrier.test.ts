import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, TransactWriteItemsCommand, type DynamoDBClient, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClient } from '../../../lib/local/aws-environment.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../lib/local/dynamodb-local.js';
import { ensureTable } from '../../../lib/local/resources.js';
import { transactionBarrier } from '../../../lib/local/transaction-barrier.js';

/**
 * DynamoDB Local answers TransactWriteItems before its commit; without the barrier about one
 * round in five comes back without the last transaction (lib/local/transaction-barrier.ts).
 * With it, every answered transaction survives a SIGKILL right after the answer.
 */
const ROUNDS = 12;
const TABLE = 'barrier-test';
const KEY = { pk: { S: 'COUNTER' }, sk: { S: 'COUNTER' } };

async function killNow(dynamodb: DynamoDbLocal): Promise<void> {
  const pid = dynamodb.pid as number;
  process.kill(pid, 'SIGKILL');
  // Gone once signal 0 finds no such process.
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function counter(client: DynamoDBClient): Promise<number | undefined> {
  const item = (await client.send(new GetItemCommand({ TableName: TABLE, Key: KEY, ConsistentRead: true }))).Item;
  return item?.n?.N === undefined ? undefined : Number(item.n.N);
}

describe('DynamoDB Local behind the transaction barrier', () => {
  let dbPath: string;
  beforeAll(async () => {
    dbPath = await mkdtemp(join(tmpdir(), 'recordal-barrier-'));
  });
  afterAll(async () => {
    await rm(dbPath, { recursive: true, force: true });
  });

  it(`keeps every answered transaction across ${ROUNDS} SIGKILLs sent right after the answer`, async () => {
    const seen: (number | undefined)[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const dynamodb = await startDynamoDbLocal({ dbPath });
      const client = localDynamoDbClient(dynamodb.endpoint);
      const barrierClient = localDynamoDbClient(dynamodb.endpoint);
      client.middlewareStack.add(transactionBarrier<ServiceInputTypes, ServiceOutputTypes>(barrierClient, TABLE), { step: 'initialize' });
      try {
        await ensureTable(client, TABLE);
        seen.push(await counter(client));
        await client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: TABLE, Item: { ...KEY, n: { N: String(round) } } } },
              { Put: { TableName: TABLE, Item: { pk: { S: 'ROUND' }, sk: { S: String(round) } } } },
            ],
          }),
        );
        await killNow(dynamodb);
      } finally {
        client.destroy();
        barrierClient.destroy();
      }
    }
    const last = await startDynamoDbLocal({ dbPath });
    const client = localDynamoDbClient(last.endpoint);
    try {
      seen.push(await counter(client));
    } finally {
      client.destroy();
      await last.stop();
    }
    // Each start finds the transaction of the round before.
    expect(seen).toEqual([undefined, ...Array.from({ length: ROUNDS }, (_, i) => i + 1)]);
  }, 180_000);
});
