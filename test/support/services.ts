import { randomBytes } from 'node:crypto';
import { applyLocalAwsEnvironment, localDynamoDbClient, localS3Client } from '../../lib/local/aws-environment.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../lib/local/dynamodb-local.js';
import { ensureBucket, ensureTable } from '../../lib/local/resources.js';
import { startS3Local, type S3Local } from '../../lib/local/s3-local.js';

/**
 * One DynamoDB Local and one s3rver for a whole jest run, shared by every project that
 * declares the global setup. Jest calls each project's global setup and teardown in its own
 * main process, so the instances live on globalThis: the first setup starts them, the others
 * reuse them, the first teardown stops them (teardowns all run after the last test).
 */
interface RunningServices {
  dynamodb: DynamoDbLocal;
  s3: S3Local;
}

const KEY = Symbol.for('icp-recordal.test-services');
type Holder = { [KEY]?: Promise<RunningServices> };
const holder = globalThis as Holder;

export async function startSharedServices(): Promise<void> {
  holder[KEY] ??= (async () => {
    const [dynamodb, s3] = await Promise.all([startDynamoDbLocal(), startS3Local()]);
    // Workers are forked after the global setup and inherit these variables.
    applyLocalAwsEnvironment({ dynamodb: dynamodb.endpoint, s3: s3.endpoint });
    return { dynamodb, s3 };
  })();
  try {
    await holder[KEY];
  } catch (error) {
    delete holder[KEY];
    throw error;
  }
}

export async function stopSharedServices(): Promise<void> {
  const running = holder[KEY];
  if (running === undefined) return;
  delete holder[KEY];
  const { dynamodb, s3 } = await running;
  await Promise.all([dynamodb.stop(), s3.stop()]);
}

function requiredEnv(name: 'AWS_ENDPOINT_URL_DYNAMODB' | 'AWS_ENDPOINT_URL_S3'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: this test needs a jest project with the global setup (workflow, integration, e2e)`);
  return value;
}

/** A name no other test of this run uses (tables, buckets). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/**
 * A new, uniquely named table with the platform's key schema and indexes, on the run's
 * DynamoDB Local. Each test file gets its own, so files never see each other's items.
 */
export async function createTestTable(prefix = 'test'): Promise<string> {
  const tableName = uniqueName(prefix);
  const client = localDynamoDbClient(requiredEnv('AWS_ENDPOINT_URL_DYNAMODB'));
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
  return tableName;
}

/** A new, uniquely named bucket on the run's s3rver. */
export async function createTestBucket(prefix = 'test'): Promise<string> {
  const bucketName = uniqueName(prefix).toLowerCase();
  const client = localS3Client(requiredEnv('AWS_ENDPOINT_URL_S3'));
  try {
    await ensureBucket(client, bucketName);
  } finally {
    client.destroy();
  }
  return bucketName;
}
