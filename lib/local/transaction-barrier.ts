import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { InitializeMiddleware } from '@smithy/types';

/**
 * DynamoDB Local answers a `TransactWriteItems` before its SQLite commit has run: killed with
 * SIGKILL a moment later, it comes back without the transaction (measured: about one in five
 * when killed right after the answer; none of `PutItem`, `UpdateItem` or `BatchWriteItem`).
 * Its storage work runs through one queue in order, so a read sent after the answer is served
 * after the commit. The local platform on a data folder follows every successful transaction with such a read
 * before the caller sees the answer (docs/durability.md "Crash points"): what the API has
 * answered is on disk. DynamoDB itself commits before it answers; deployed code has no barrier.
 */

/** An item nobody writes: reading it costs DynamoDB Local one queued job and returns nothing. */
export const BARRIER_KEY = { pk: { S: 'LOCAL#TRANSACTION_BARRIER' }, sk: { S: '-' } } as const;

/**
 * SDK middleware (initialize step) for the clients the handlers use. `barrierClient` is a client
 * of its own, so the barrier's read is neither counted as a store call nor passed through here.
 */
export function transactionBarrier<I extends object = object, O extends object = object>(barrierClient: DynamoDBClient, tableName: string): InitializeMiddleware<I, O> {
  return (next, context) => async (args) => {
    const result = await next(args);
    if ((context as { commandName?: unknown }).commandName === 'TransactWriteItemsCommand') {
      await barrierClient.send(new GetItemCommand({ TableName: tableName, Key: BARRIER_KEY, ConsistentRead: true }));
    }
    return result;
  };
}
