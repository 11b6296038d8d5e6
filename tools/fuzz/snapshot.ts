/**
 * A fingerprint of everything the platform stores: every table item and every bucket object.
 * A test tool only (it Scans, which the platform itself never does): the fuzzer compares the
 * fingerprints around a run of rejected requests.
 */
import { createHash } from 'node:crypto';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { localDynamoDbClient, localS3Client } from '../../lib/local/aws-environment.js';

export interface StoreLocation {
  endpoints: { dynamodb: string; s3: string };
  tableName: string;
  bucketName: string;
}

export interface StoreSnapshot {
  items: number;
  objects: number;
  /** sha256 over the items (attributes in key order) and the objects' keys, sizes and ETags. */
  hash: string;
}

/** JSON with object keys sorted, so equal items hash equally whatever order they come in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function scanItems(location: StoreLocation): Promise<Record<string, AttributeValue>[]> {
  const dynamodb = localDynamoDbClient(location.endpoints.dynamodb);
  try {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamodb.send(new ScanCommand({ TableName: location.tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  } finally {
    dynamodb.destroy();
  }
}

export async function snapshotStore(location: StoreLocation): Promise<StoreSnapshot> {
  const s3 = localS3Client(location.endpoints.s3);
  try {
    const items = (await scanItems(location)).map(canonical).sort();
    const objects: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: location.bucketName, ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) objects.push(`${object.Key}\u0000${object.Size}\u0000${object.ETag}`);
      token = page.NextContinuationToken;
    } while (token);
    objects.sort();
    const hash = createHash('sha256').update(items.join('\n')).update('\u0001').update(objects.join('\n')).digest('hex');
    return { items: items.length, objects: objects.length, hash };
  } finally {
    s3.destroy();
  }
}
