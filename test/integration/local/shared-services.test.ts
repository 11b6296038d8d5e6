import { DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { localDynamoDbClient, localS3Client } from '../../../lib/local/aws-environment.js';
import { TABLE_DESIGN } from '../../../lambdas/shared/store/table-design.js';
import { createTestBucket, createTestTable } from '../../support/services.js';

describe('the run-wide DynamoDB Local and s3rver', () => {
  const dynamodb = localDynamoDbClient(process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '');
  const s3 = localS3Client(process.env.AWS_ENDPOINT_URL_S3 ?? '');
  afterAll(() => {
    dynamodb.destroy();
    s3.destroy();
  });

  it('exposes loopback endpoints and local credentials to the workers', () => {
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env.AWS_ENDPOINT_URL_S3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env.AWS_REGION).toBe('cn-northwest-1');
    expect(process.env.AWS_ACCESS_KEY_ID).toBeTruthy();
  });

  it('creates a uniquely named table with the key schema, indexes and TTL of the table design', async () => {
    const [first, second] = await Promise.all([createTestTable(), createTestTable()]);
    expect(first).not.toBe(second);
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: first }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      TABLE_DESIGN.globalSecondaryIndexes.map((index) => index.indexName).sort(),
    );
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: first }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(TABLE_DESIGN.timeToLiveAttribute);

    await dynamodb.send(new PutItemCommand({ TableName: first, Item: { pk: { S: 'A' }, sk: { S: 'B' } } }));
    const inFirst = await dynamodb.send(new GetItemCommand({ TableName: first, Key: { pk: { S: 'A' }, sk: { S: 'B' } } }));
    const inSecond = await dynamodb.send(new GetItemCommand({ TableName: second, Key: { pk: { S: 'A' }, sk: { S: 'B' } } }));
    expect(inFirst.Item).toBeDefined();
    expect(inSecond.Item).toBeUndefined();
  });

  it('creates a bucket that stores and returns objects', async () => {
    const bucket = await createTestBucket();
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'filings/x/a.txt', Body: 'hello' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'filings/x/a.txt' }));
    expect(await object.Body?.transformToString()).toBe('hello');
  });
});
