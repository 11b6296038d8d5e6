import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import * as z from 'zod';

export { REGION } from '../lambdas/shared/region.js';

/** Name prefix of every deployed resource that carries a name. */
export const PROJECT = 'icp-recordal';

/**
 * Roles customers deploy from the customer access role stack are named with this prefix;
 * the platform may assume nothing else.
 */
export const ACCESS_ROLE_NAME_PREFIX = 'IcpRecordalAccess';

/** The security-group tag that lets the access role open and close ports on a group. */
export { MANAGED_SECURITY_GROUP_TAG } from '../lambdas/shared/adapters/network/types.js';

/** Deployment settings read from CDK context (docs/deploy.md). */
export interface RecordalConfig {
  /** Principals (IAM role or user ARNs) allowed on `/v1/review/*`. */
  readonly reviewerPrincipalArns: readonly string[];
  /** Address subscribed to the alarm topic; none when empty. */
  readonly alarmEmail?: string;
  /** Addresses subscribed to the reviewer notices topic (each confirms by e-mail). */
  readonly reviewerEmails: readonly string[];
  /**
   * Put the routes the contract leaves unsigned (health, API description) behind AWS_IAM too:
   * in China API Gateway serves unauthenticated routes only for accounts with an ICP licence.
   */
  readonly publicRoutesRequireIam: boolean;
  /** Deployment stage: part of stack and resource names and the API stage name. */
  readonly stage: string;
  /** Keep the table, bucket, key and logs when the stacks are deleted. */
  readonly retainData: boolean;
  /** When the drift check runs: an EventBridge Scheduler expression (default daily). */
  readonly driftCheckSchedule: string;
}

/** The drift check runs once a day unless `driftCheckSchedule` says otherwise. */
export const DEFAULT_DRIFT_CHECK_SCHEDULE = 'rate(1 day)';

/** What happens to stateful resources (table, bucket, key, logs) when their stack is deleted. */
export function removalPolicyOf(config: RecordalConfig): RemovalPolicy {
  return config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

// `cdk -c key=value` passes strings, cdk.json passes JSON: accept both.
const booleanLike = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((value) => value === 'true'),
]);

const principalArn = z
  .string()
  .regex(/^arn:aws-cn:(iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/-]+$/, 'an IAM role or user ARN of the aws-cn partition');

/** A list given as a JSON array (cdk.json, `-c key='[…]'`) or comma-separated (`-c key=a,b`). */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return value; // not an array: the schema reports it
      }
    }
    return text === '' ? [] : text.split(',').map((entry) => entry.trim());
  }, z.array(item));

const contextSchema = z.object({
  reviewerPrincipalArns: listOf(principalArn).default([]),
  alarmEmail: z.union([z.literal(''), z.email()]).optional(),
  reviewerEmails: listOf(z.email()).default([]),
  publicRoutesRequireIam: booleanLike.default(false),
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,15}$/, 'lower-case letters, digits and dashes, starting with a letter, at most 16')
    .default('dev'),
  retainData: booleanLike.default(true),
  driftCheckSchedule: z
    .string()
    .regex(/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/, 'an EventBridge Scheduler expression: rate(<n> <minutes|hours|days>) or cron(...)')
    .default(DEFAULT_DRIFT_CHECK_SCHEDULE),
});

/** Reads and validates the deployment context; throws one error listing every bad key. */
export function readConfig(node: Node): RecordalConfig {
  const raw = {
    reviewerPrincipalArns: node.tryGetContext('reviewerPrincipalArns') as unknown,
    alarmEmail: node.tryGetContext('alarmEmail') as unknown,
    stage: node.tryGetContext('stage') as unknown,
    retainData: node.tryGetContext('retainData') as unknown,
    driftCheckSchedule: node.tryGetContext('driftCheckSchedule') as unknown,
    reviewerEmails: node.tryGetContext('reviewerEmails') as unknown,
    publicRoutesRequireIam: node.tryGetContext('publicRoutesRequireIam') as unknown,
  };
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid CDK context (see docs/deploy.md): ${problems.join('; ')}`);
  }
  const { alarmEmail, ...rest } = parsed.data;
  return { ...rest, alarmEmail: alarmEmail === '' ? undefined : alarmEmail };
}

/** The state machine's name: other stacks build its ARNs from it without a cross-stack export. */
export function lifecycleStateMachineName(stage: string): string {
  return `${PROJECT}-${stage}-lifecycle`;
}

/**
 * The attachments bucket's name, unique per account (the platform lives in one region):
 * other stacks name the bucket without a cross-stack export.
 */
export function attachmentsBucketName(stage: string): string {
  return `${PROJECT}-${stage}-attachments-${Aws.ACCOUNT_ID}`;
}
