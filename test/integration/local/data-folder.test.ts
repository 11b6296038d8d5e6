import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { localDynamoDbClient, localS3Client } from '../../../lib/local/aws-environment.js';
import { startLocalPlatform, type LocalPlatform } from '../../../lib/local/platform.js';
import { CUSTOMER_A } from '../../../lib/local/credentials.js';
import { createFiling, transitionFiling } from '../../../lambdas/shared/store/index.js';
import type { FilingDocument } from '../../../lambdas/shared/store/types.js';
import filingNew from '../../fixtures/filing-new.json' with { type: 'json' };

jest.setTimeout(180_000);

/** `npm start` keeps its data in RECORDAL_DATA_DIR: items, objects and account-resource edits survive a restart. */
describe('the local platform on a data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'recordal-data-'));
  const environmentBefore = { ...process.env };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const logged: string[] = [];
  const start = () => startLocalPlatform({ port: 0, dataDir, retryDelayScale: 0, log: (line) => logged.push(line) });

  it('keeps items, objects and the edited account resources across a restart, resumes lost executions, and restores the environment on stop', async () => {
    let platform: LocalPlatform = await start();
    let submitted: { filingId: string; revision: number } | undefined;
    const key = { pk: { S: 'KEPT#1' }, sk: { S: 'KEPT' } };
    try {
      expect(platform.dataDir).toBe(dataDir);
      const dynamodb = localDynamoDbClient(platform.endpoints.dynamodb);
      const s3 = localS3Client(platform.endpoints.s3);
      await dynamodb.send(new PutItemCommand({ TableName: platform.tableName, Item: key }));
      await s3.send(new PutObjectCommand({ Bucket: platform.bucketName, Key: 'filings/f/kept.txt', Body: 'kept' }));
      dynamodb.destroy();
      s3.destroy();
      const resources = JSON.parse(readFileSync(platform.accountResourcesFile, 'utf8')) as { accounts: Record<string, { elasticIps: string[] }> };
      resources.accounts['111111111111']?.elasticIps.push('52.83.10.12');
      writeFileSync(platform.accountResourcesFile, JSON.stringify(resources));
      // A filing submitted but whose execution never ran: lost with this process.
      const draft = await createFiling({ accountId: CUSTOMER_A.accountId, type: 'NEW', document: filingNew as unknown as FilingDocument });
      submitted = await transitionFiling({ filingId: draft.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: CUSTOMER_A.accountId, set: { revision: 1 } });
    } finally {
      await platform.stop();
    }
    expect(process.env.TABLE_NAME).toBe(environmentBefore.TABLE_NAME);
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(environmentBefore.AWS_ENDPOINT_URL_DYNAMODB);

    platform = await start();
    try {
      // The lifecycle runtime runs and the filings of the last run were looked at without error.
      // The lifecycle runtime runs, and the submitted filing's lost execution was started again.
      expect(platform.stepFunctionsRunning).toBe(true);
      expect(submitted?.revision).toBe(1);
      expect(logged).toEqual([`filing ${submitted?.filingId} (SUBMITTED): RESUMED at START`]);
      const resumed = () => platform.stepFunctionsRuntime?.listExecutions().find((execution) => execution.name === `${submitted?.filingId}-r1`);
      expect(resumed()).toBeDefined();
      // Let it reach a resting point (ended, or waiting on a callback) before the services stop.
      for (const deadline = Date.now() + 60_000; resumed()?.status === 'RUNNING' && !resumed()?.waitingTask && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const dynamodb = localDynamoDbClient(platform.endpoints.dynamodb);
      const s3 = localS3Client(platform.endpoints.s3);
      expect((await dynamodb.send(new GetItemCommand({ TableName: platform.tableName, Key: key }))).Item).toEqual(key);
      const object = await s3.send(new GetObjectCommand({ Bucket: platform.bucketName, Key: 'filings/f/kept.txt' }));
      expect(await object.Body?.transformToString()).toBe('kept');
      dynamodb.destroy();
      s3.destroy();
      const resources = JSON.parse(readFileSync(platform.accountResourcesFile, 'utf8')) as { accounts: Record<string, { elasticIps: string[] }> };
      expect(resources.accounts['111111111111']?.elasticIps).toContain('52.83.10.12');
    } finally {
      await platform.stop();
    }
  });
});
