import { jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { localDynamoDbClient, localS3Client } from '../../../lib/local/aws-environment.js';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER } from '../../../lib/local/credentials.js';
import type { LocalPlatform } from '../../../lib/local/platform.js';
import { clientOf, startTestPlatform } from '../../support/platform.js';

jest.setTimeout(120_000);

describe('the local platform, started in memory', () => {
  let platform: LocalPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.stop());

  it('listens on loopback and answers the health route unsigned and signed', async () => {
    expect(platform.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const client of [clientOf(platform), clientOf(platform, CUSTOMER_A)]) {
      const response = await client.http.get('/v1/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    }
  });

  it('answers 401 in the error shape to unsigned and wrongly signed requests', async () => {
    const wrongSecret = clientOf(platform, { ...CUSTOMER_B, secretAccessKey: 'not-the-secret' });
    for (const response of [await clientOf(platform).http.get('/v1/account'), await wrongSecret.http.get('/v1/filings'), await wrongSecret.http.get('/v1/review/tasks')]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        error: { code: 'UNAUTHENTICATED', message: expect.any(String), messageZh: expect.any(String), requestId: expect.any(String), details: [] },
      });
    }
  });

  it('lets every local identity through the signature check', async () => {
    for (const identity of [CUSTOMER_A, CUSTOMER_B, REVIEWER]) {
      const response = await clientOf(platform, identity).http.get('/v1/account');
      expect(response.status).not.toBe(401);
    }
  });

  it('creates its table and bucket and points the handlers at them', async () => {
    const dynamodb = localDynamoDbClient(platform.endpoints.dynamodb);
    const s3 = localS3Client(platform.endpoints.s3);
    try {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: platform.tableName }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      await expect(s3.send(new HeadBucketCommand({ Bucket: platform.bucketName }))).resolves.toBeDefined();
    } finally {
      dynamodb.destroy();
      s3.destroy();
    }
    expect(process.env.TABLE_NAME).toBe(platform.tableName);
    expect(process.env.BUCKET_NAME).toBe(platform.bucketName);
    expect(process.env.REVIEWER_PRINCIPAL_ARNS).toBe(REVIEWER.principalArn);
  });

  it("seeds the account resources file with docs/design/api.md's defaults", async () => {
    const file = JSON.parse(await readFile(platform.accountResourcesFile, 'utf8')) as {
      accounts: Record<string, { elasticIps: string[]; securityGroups: Record<string, unknown> }>;
    };
    expect(file.accounts['111111111111']?.elasticIps).toEqual(['52.83.10.10', '52.83.10.11']);
    expect(Object.keys(file.accounts['222222222222']?.securityGroups ?? {})).toEqual(['sg-0b2c3d4e5f6a70002']);
  });
});
