import { makeIdempotent, IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../../../lambdas/shared/adapters/clients.js';
import { idempotencyPersistence } from '../../../lambdas/shared/store/index.js';
import { useStoreTable } from './support.js';

useStoreTable('store-idempotency');

describe('idempotency persistence', () => {
  it('stores one record per key in the single table, with a TTL, and replays the first answer', async () => {
    let runs = 0;
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'key' });
    // Outside Lambda: a context that says how long the "invocation" may still run.
    config.registerLambdaContext({ getRemainingTimeInMillis: () => 30_000 } as Parameters<IdempotencyConfig['registerLambdaContext']>[0]);
    const create = makeIdempotent(
      async (request: { key: string; body: string }) => {
        runs += 1;
        return { id: `filing-${runs}`, body: request.body };
      },
      { persistenceStore: idempotencyPersistence('api-customer-test'), config },
    );
    const first = await create({ key: 'k-1', body: 'a' });
    const replay = await create({ key: 'k-1', body: 'a' });
    const other = await create({ key: 'k-2', body: 'a' });
    expect(replay).toEqual(first);
    expect(other).not.toEqual(first);
    expect(runs).toBe(2);

    const { Items } = await dynamoDoc().send(
      new QueryCommand({ TableName: process.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'IDEMPOTENCY#api-customer-test' } }),
    );
    expect(Items).toHaveLength(2);
    for (const item of Items ?? []) {
      expect(item.status).toBe('COMPLETED');
      expect(typeof item.expiration).toBe('number');
      expect(item.expiration).toBeGreaterThan(Date.now() / 1000);
    }
  });
});
