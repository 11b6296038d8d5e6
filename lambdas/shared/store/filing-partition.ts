import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../adapters/clients.js';
import { filingKey } from './keys.js';
import { queryAll, tableName } from './table.js';

/**
 * What is left under a filing's partition once its item is gone: the audit trail (`EVENT#`)
 * and the upload grants (`GRANT#`) of a deleted draft (docs/durability.md "Evidence"). A draft
 * has no tasks (they live in partitions of their own from the first submit on).
 */
export async function deleteFilingPartition(filingId: string): Promise<void> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': filingKey(filingId).pk },
    ProjectionExpression: 'pk, sk',
    ConsistentRead: true,
  });
  const keys = items.map((item) => ({ pk: item.pk, sk: item.sk }));
  // Sequential single deletes would be N calls; a batch is one call per 25.
  for (let i = 0; i < keys.length; i += 25) {
    let requests: Record<string, { DeleteRequest: { Key: Record<string, unknown> } }[]> | undefined = {
      [tableName()]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
    };
    for (let attempt = 0; requests && Object.keys(requests).length > 0 && attempt < 5; attempt += 1) {
      const result = await dynamoDoc().send(new BatchWriteCommand({ RequestItems: requests }));
      requests = result.UnprocessedItems as typeof requests;
    }
  }
}
