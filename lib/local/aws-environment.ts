import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { S3RVER_CREDENTIALS } from './s3-local.js';

export { REGION } from '../../lambdas/shared/region.js';
import { REGION } from '../../lambdas/shared/region.js';

export interface LocalEndpoints {
  dynamodb: string;
  s3: string;
  /** The local Step Functions endpoint, when it runs. */
  sfn?: string;
}

/**
 * Environment that points the AWS SDK v3 at the local services through its standard
 * `AWS_ENDPOINT_URL_<SERVICE>` overrides, with fake credentials that DynamoDB Local and
 * s3rver both accept, so no real AWS account can be reached by mistake.
 */
export function localAwsEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    ...(endpoints.sfn === undefined ? {} : { AWS_ENDPOINT_URL_SFN: endpoints.sfn }),
  };
}

/** Variables that would send the SDK elsewhere (a real profile or session): removed locally. */
export const FOREIGN_AWS_VARIABLES = ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_ENDPOINT_URL'] as const;

/** Applies the local AWS environment to this process (the in-process handlers read it). */
export function applyLocalAwsEnvironment(endpoints: LocalEndpoints): void {
  for (const name of FOREIGN_AWS_VARIABLES) delete process.env[name];
  Object.assign(process.env, localAwsEnvironment(endpoints));
}

/** A DynamoDB client for the local endpoint (used to create the table; not the handlers' client). */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ region: REGION, endpoint, credentials: S3RVER_CREDENTIALS });
}

/** An S3 client for s3rver: path-style, since bucket host names do not resolve on loopback. */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
}
