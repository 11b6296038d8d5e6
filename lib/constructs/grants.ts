import { Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { TABLE_DESIGN } from '../../lambdas/shared/store/table-design.js';
import { ACCESS_ROLE_NAME_PREFIX } from '../config.js';
import { acknowledgeWildcardResource } from './nag.js';
import type { RecordalFunction } from './recordal-function.js';

/** The key prefixes of the attachments bucket (docs/durability.md "Evidence"): uploads, and the copies frozen at submit. */
export const ATTACHMENT_KEY_PREFIX = 'filings/';
export const EVIDENCE_KEY_PREFIX = 'evidence/';

// The items API of the data layer: single items, queries and transactions. No Scan, no
// table management: the data layer never needs them.
const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
// What DynamoDB asks of the caller for a table encrypted with a customer managed key.
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

const KEY_WILDCARD_REASONS = {
  'kms:ReEncrypt*': 'DynamoDB re-encrypts items under the table key on behalf of the caller, and the grant is scoped to that one key.',
  'kms:GenerateDataKey*': 'DynamoDB and SNS generate data keys on behalf of the caller, and each grant is scoped to one named key.',
} as const;

/**
 * Acknowledges KMS wildcard actions of CDK's key grants (DynamoDB encryption, publishing to
 * an encrypted topic) on the grantee's scope.
 */
export function acknowledgeKeyWildcards(scope: IConstruct, actions: ReadonlyArray<keyof typeof KEY_WILDCARD_REASONS>): void {
  for (const action of actions) {
    Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: KEY_WILDCARD_REASONS[action] });
  }
}

/** Item-level access to the one table and its indexes (named, not wildcarded), plus the key. */
export function grantTable(fn: RecordalFunction, table: ITable, key: IKey, access: 'read' | 'readWrite'): void {
  const resources = [
    table.tableArn,
    ...TABLE_DESIGN.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
  ];
  const write = access === 'readWrite';
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: write ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS, resources }),
  );
  key.grant(fn.role, ...KEY_READ_ACTIONS, ...(write ? KEY_WRITE_ACTIONS : []));
  if (write) acknowledgeKeyWildcards(fn, ['kms:ReEncrypt*', 'kms:GenerateDataKey*']);
}

/** What a function does in the attachments bucket, per key prefix. */
export interface AttachmentAccess {
  /** GetObject (and HeadObject). */
  read?: string[];
  /** PutObject: presigned POSTs of uploads are signed with it, each policy pinned to one key. */
  write?: string[];
  /** ListBucket under these prefixes; it also makes HeadObject answer 404, not 403, there. */
  list?: string[];
}

/**
 * Object access to the attachments bucket, prefix by prefix: the customer API writes uploads
 * (presigned POSTs) and the evidence copies of submit; the workflow and reviewers read only
 * the evidence (docs/durability.md "Evidence").
 */
export function grantAttachments(fn: RecordalFunction, bucket: IBucket, key: IKey, access: AttachmentAccess): void {
  const objects = (prefixes: string[]) => prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`));
  if (access.read?.length) fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: objects(access.read) }));
  if (access.write?.length) fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: objects(access.write) }));
  if (access.list?.length) {
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': access.list.map((prefix) => `${prefix}*`) } },
      }),
    );
  }
  key.grant(fn.role, 'kms:Decrypt', ...(access.write?.length ? ['kms:GenerateDataKey'] : []));
  for (const resource of objects([...new Set([...(access.read ?? []), ...(access.write ?? [])])])) {
    acknowledgeWildcardResource(fn, resource, 'Attachment keys are created per filing at run time, so the grant covers one prefix of the one bucket.');
  }
}

/**
 * STS AssumeRole into the customer access roles (IcpRecordalAccess* in any account), for the
 * functions that look into or change a customer's account through its role.
 */
export function grantAssumeCustomerAccessRoles(fn: RecordalFunction): void {
  const customerAccessRoles = Stack.of(fn).formatArn({
    service: 'iam',
    region: '',
    account: '*',
    resource: 'role',
    resourceName: `${ACCESS_ROLE_NAME_PREFIX}*`,
  });
  fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sts:AssumeRole'], resources: [customerAccessRoles] }));
  acknowledgeWildcardResource(
    fn,
    customerAccessRoles,
    'Customer accounts are not known at deploy time, so the grant names the access-role convention and each role also demands its external id.',
  );
}
