import { CfnResource, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { KEY_ATTRIBUTE_TYPE, TABLE_DESIGN } from '../lambdas/shared/store/table-design.js';
import { attachmentsBucketName, PROJECT, removalPolicyOf, type RecordalConfig } from './config.js';
import { FUNCTION_RUNTIME } from './constructs/recordal-function.js';

export interface DataStackProps extends StackProps {
  readonly config: RecordalConfig;
}

// TABLE_DESIGN says every key attribute is a string; fail the synth if that ever changes.
const KEY_TYPE: AttributeType = KEY_ATTRIBUTE_TYPE === 'S' ? AttributeType.STRING : AttributeType.BINARY;

/**
 * What the platform keeps: the one table (built from TABLE_DESIGN, the definition the
 * local platform uses too), the attachments bucket, and the customer managed key both
 * are encrypted with.
 */
export class DataStack extends Stack {
  readonly key: Key;
  readonly table: Table;
  readonly attachments: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = removalPolicyOf(config);
    // Without retainData the stack's deletion empties the buckets first (every version): a
    // non-empty bucket would make `cdk destroy` fail. CDK's provider runs the SDK of its runtime.
    const autoDeleteObjects = !config.retainData;

    this.key = new Key(this, 'DataKey', {
      alias: `alias/${PROJECT}-${config.stage}-data`,
      description: 'Encrypts the recordal table and the attachments (PII at rest)',
      enableKeyRotation: true,
      removalPolicy,
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: KEY_TYPE },
      sortKey: { name: TABLE_DESIGN.sortKey, type: KEY_TYPE },
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      // Status changes are published from it (lambdas/publish-events).
      stream: StreamViewType[TABLE_DESIGN.streamViewType],
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: config.retainData,
      removalPolicy,
    });
    for (const index of TABLE_DESIGN.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: KEY_TYPE },
        sortKey: { name: index.sortKey, type: KEY_TYPE },
        projectionType: ProjectionType.ALL,
      });
    }

    // S3 server access logs cannot be delivered to a bucket encrypted with a KMS key.
    const accessLogs = new Bucket(this, 'AttachmentsAccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy,
      autoDeleteObjects,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is itself the access-log destination, and logging it would log its own writes.',
    });

    this.attachments = new Bucket(this, 'Attachments', {
      bucketName: attachmentsBucketName(config.stage),
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'attachments/',
      // Browsers upload attachments straight to S3 with a presigned POST.
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'Location'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-replaced-versions', noncurrentVersionExpiration: Duration.days(90) },
      ],
      removalPolicy,
      autoDeleteObjects,
    });
    if (autoDeleteObjects) this.pinAutoDeleteRuntime();
  }

  /**
   * CDK gives its bucket-emptying function the newest Node runtime it knows of; it runs on the
   * platform's runtime instead, the one every function of the platform is tested on.
   */
  private pinAutoDeleteRuntime(): void {
    const provider = this.node.tryFindChild('Custom::S3AutoDeleteObjectsCustomResourceProvider');
    const handler = provider?.node.tryFindChild('Handler');
    if (!(handler instanceof CfnResource)) throw new Error('CDK no longer builds the auto-delete provider this stack pins');
    handler.addPropertyOverride('Runtime', FUNCTION_RUNTIME.name);
  }
}