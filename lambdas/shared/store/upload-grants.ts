import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../adapters/clients.js';
import type { AttachmentKind } from '../domain/schemas.js';
import { filingKey } from './keys.js';
import { queryAll, stripKeys, tableName } from './table.js';

/**
 * The upload grants the platform issued (presigned POSTs, docs/durability.md "Evidence"): one
 * item per grant under the filing's partition (sk `GRANT#<attachmentId>`). Only an object
 * under a granted key is an upload of the filing; anything else in the bucket is ignored.
 */
export interface UploadGrant {
  attachmentId: string;
  kind: AttachmentKind;
  key: string;
  contentType: string;
  /** ISO 8601 with milliseconds: the tie-break of uploads of one second (domain/counted-uploads.ts). */
  grantedAt: string;
  expiresAt: string;
  /** The filing's revision when granted (0 before the first submit). */
  revision: number;
  actor: string;
}

export const GRANT_PREFIX = 'GRANT#';
const grantKey = (filingId: string, attachmentId: string) => ({ pk: filingKey(filingId).pk, sk: `${GRANT_PREFIX}${attachmentId}` });

/** Records a grant (1 PutItem; an id is never granted twice). */
export async function recordUploadGrant(filingId: string, grant: UploadGrant): Promise<void> {
  await dynamoDoc().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...grantKey(filingId, grant.attachmentId), ...grant },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Every grant issued for a filing (1 Query per MB). */
export async function listUploadGrants(filingId: string): Promise<UploadGrant[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': filingKey(filingId).pk, ':prefix': GRANT_PREFIX },
    ConsistentRead: true,
  });
  return items.map((item) => stripKeys<UploadGrant>(item));
}
