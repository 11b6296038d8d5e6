import { RecordalClient, signingCredentials } from '../../lib/client/index.js';
import type { LocalIdentity } from '../../lib/local/credentials.js';
import { startLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from '../../lib/local/platform.js';
import { uniqueName } from './services.js';

/**
 * The local platform for a test file: on the run's shared DynamoDB Local and s3rver (no JVM
 * of its own), with its own table and bucket, a free port, nothing kept, retries without
 * delay. Stop it in afterAll.
 */
export async function startTestPlatform(options: Partial<LocalPlatformOptions> = {}): Promise<LocalPlatform> {
  const dynamodb = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const s3 = process.env.AWS_ENDPOINT_URL_S3;
  if (!dynamodb || !s3) throw new Error('startTestPlatform needs the global setup (jest projects workflow, integration, e2e)');
  return startLocalPlatform({
    port: 0,
    inMemory: true,
    services: { dynamodb, s3 },
    tableName: uniqueName('platform'),
    bucketName: uniqueName('platform').toLowerCase(),
    retryDelayScale: 0,
    ...options,
  });
}

/**
 * A client of the platform's API signing as one of the local identities (unsigned without one).
 * It does not retry: a test sees every answer as the platform gave it.
 */
export function clientOf(platform: Pick<LocalPlatform, 'url'>, identity?: LocalIdentity): RecordalClient {
  return new RecordalClient({ endpoint: platform.url, retry: false, ...(identity === undefined ? {} : { credentials: signingCredentials(identity) }) });
}
