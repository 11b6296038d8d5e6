// The data stack: the table built from TABLE_DESIGN, the attachments bucket, the key.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TABLE_DESIGN } from '../../lambdas/shared/store/table-design.js';
import { readConfig } from '../../lib/config.js';
import { DataStack } from '../../lib/data-stack.js';
import { cdkJsonContext, onlyResourceId } from './synth.js';

function synthesizeData(context: Record<string, unknown> = {}): Template {
  const app = new App({ context: { ...cdkJsonContext(), ...context } });
  const stack = new DataStack(app, 'Data', { env: { region: 'cn-northwest-1' }, config: readConfig(app.node) });
  return Template.fromStack(stack);
}

const retained = synthesizeData();
const disposable = synthesizeData({ retainData: false });

describe('table', () => {
  it('has the key schema, indexes and TTL of TABLE_DESIGN, the one source of truth', () => {
    const indexes = TABLE_DESIGN.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));
    const keyAttributes = [
      TABLE_DESIGN.partitionKey,
      TABLE_DESIGN.sortKey,
      ...TABLE_DESIGN.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    retained.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: indexes,
      AttributeDefinitions: Match.arrayEquals(keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
    });
  });

  it('is on-demand, with point-in-time recovery and encryption under the customer managed key', () => {
    const keyId = onlyResourceId(retained, 'AWS::KMS::Key');
    retained.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  it('is retained and protected from deletion when retainData (the default)', () => {
    retained.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('is deleted with the stack when retainData is false, point-in-time recovery still on', () => {
    disposable.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: false,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });
});

describe('key', () => {
  it('rotates', () => {
    retained.resourceCountIs('AWS::KMS::Key', 1);
    retained.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    retained.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });
});

describe('attachments bucket', () => {
  const attachments = (): string => {
    const ids = Object.keys(retained.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: Match.anyValue() } }));
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };

  it('is versioned, encrypted with the key, and blocks every kind of public access', () => {
    const keyId = onlyResourceId(retained, 'AWS::KMS::Key');
    retained.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
            BucketKeyEnabled: true,
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  it('denies every request that does not use TLS', () => {
    const bucketId = attachments();
    retained.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] }],
          }),
        ]),
      },
    });
  });

  it('takes browser uploads by POST and aborts incomplete multipart uploads', () => {
    retained.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['POST'] })] },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' })]),
      },
    });
  });

  it('logs access to a separate bucket', () => {
    const bucketId = attachments();
    const [logBucketId] = Object.keys(retained.findResources('AWS::S3::Bucket')).filter((id) => id !== bucketId);
    retained.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucketId } },
    });
  });
});

describe('teardown (cdk destroy)', () => {
  const bucketIds = (template: Template) => Object.keys(template.findResources('AWS::S3::Bucket')).sort();
  const emptiedBuckets = (template: Template) =>
    Object.values(template.findResources('Custom::S3AutoDeleteObjects'))
      .map((resource) => (resource.Properties as { BucketName: { Ref: string } }).BucketName.Ref)
      .sort();

  it('with retainData false, empties both buckets (every version) before deleting them', () => {
    expect(bucketIds(disposable)).toHaveLength(2);
    expect(emptiedBuckets(disposable)).toEqual(bucketIds(disposable));
    disposable.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
  });

  it("runs CDK's emptying function on the platform's runtime, with the runtime's own SDK", () => {
    const functions = Object.values(disposable.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(1);
    expect((functions[0]!.Properties as { Runtime: string }).Runtime).toBe('nodejs22.x');
    expect(JSON.stringify(disposable.toJSON())).not.toMatch(/InstallLatestAwsSdk/);
  });

  it('with retainData, keeps the buckets and their objects, and runs no code at deletion', () => {
    expect(emptiedBuckets(retained)).toEqual([]);
    retained.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });
});
