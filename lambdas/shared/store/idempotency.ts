import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoDb } from '../adapters/clients.js';
import { TABLE_DESIGN } from './table-design.js';
import { tableName } from './table.js';

/**
 * Powertools idempotency records in the single table: pk `IDEMPOTENCY#<function>`, sk the
 * hash of the idempotency key, TTL on `expiration` (table-design.ts). Uses the shared client.
 */
export function idempotencyPersistence(functionName: string = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local'): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName: tableName(),
    keyAttr: TABLE_DESIGN.partitionKey,
    sortKeyAttr: TABLE_DESIGN.sortKey,
    staticPkValue: `IDEMPOTENCY#${functionName}`,
    expiryAttr: TABLE_DESIGN.timeToLiveAttribute,
    awsSdkV3Client: dynamoDb(),
  });
}
