// Security posture across every synthesized stack: least-privilege IAM, the bucket
// reached only through presigned URLs, the KMS key policy, API throttling and body limit, and
// reviewer routes only for the configured principals. Complements the per-stack infra tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { CUSTOMER_A, REVIEWER } from '../../lib/local/credentials.js';
import { lambdaContext } from '../../lib/local/lambda-context.js';
import { MAX_BODY_BYTES as GATEWAY_MAX_BODY_BYTES } from '../../lib/local/gateway.js';
import { MAX_BODY_BYTES } from '../../lambdas/shared/http/request.js';
import { API_THROTTLING } from '../../lib/api-stack.js';
import { asArray, flat, roleStatements, synthesizeApp, REPO_ROOT, type Statement, type SynthesizedApp } from './synth.js';
import { proxyEvent } from '../support/proxy-event.js';
import { handler as apiCustomer } from '../../lambdas/api-customer/handler.js';
import { handler as apiReview } from '../../lambdas/api-review/handler.js';

const REVIEWERS = ['arn:aws-cn:iam::999999999999:role/IcpReviewer'];

let synthesized: SynthesizedApp;
let templates: [string, Template][];

beforeAll(() => {
  synthesized = synthesizeApp({ context: { reviewerPrincipalArns: REVIEWERS } });
  templates = Object.entries(synthesized.templates);
}, 180_000);
const reviewerArnsBefore = process.env.REVIEWER_PRINCIPAL_ARNS;
afterAll(() => {
  synthesized?.dispose();
  if (reviewerArnsBefore === undefined) delete process.env.REVIEWER_PRINCIPAL_ARNS;
  else process.env.REVIEWER_PRINCIPAL_ARNS = reviewerArnsBefore;
});

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
const resourcesOf = (template: Template): Resources => ((template.toJSON() as { Resources?: Resources }).Resources ?? {}) as Resources;

/**
 * Actions that IAM cannot scope to a resource (the service authorisation reference lists no
 * resource type for them): `Resource: "*"` is the only way to grant them.
 */
const UNSCOPABLE_ACTIONS = new Set([
  'cloudwatch:PutMetricData',
  // The DynamoDB Streams event source lists the table's streams; the action has no resource type.
  'dynamodb:ListStreams',
  'ec2:DescribeAddresses',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkInterfaces',
  'elasticloadbalancing:DescribeLoadBalancers',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
]);

describe('IAM', () => {
  const allowStatements = (): { where: string; statement: Statement }[] =>
    templates.flatMap(([stack, template]) =>
      [...roleStatements(template)].flatMap(([role, statements]) => statements.filter((s) => s.Effect === 'Allow').map((statement) => ({ where: `${stack}/${role}`, statement }))),
    );

  it('grants no Action "*" nor a whole service ("s3:*")', () => {
    // The roles are read at all (the check below cannot pass on nothing).
    expect(allowStatements().length).toBeGreaterThan(10);
    const wild = allowStatements().filter(({ statement }) => asArray(statement.Action).some((action) => action === '*' || /^[a-z0-9-]+:\*$/i.test(action)));
    expect(wild.map(({ where, statement }) => `${where}: ${JSON.stringify(statement.Action)}`)).toEqual([]);
  });

  it('uses Resource "*" only for actions that cannot be scoped', () => {
    const unscoped = allowStatements().filter(({ statement }) => asArray(statement.Resource).some((resource) => flat(resource) === '*'));
    const needless = unscoped.flatMap(({ where, statement }) => asArray(statement.Action).filter((action) => !UNSCOPABLE_ACTIONS.has(action)).map((action) => `${where}: ${action} on *`));
    expect(needless).toEqual([]);
  });

  it('has no trust policy open to any principal', () => {
    const open = templates.flatMap(([stack, template]) =>
      Object.entries(resourcesOf(template))
        .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
        .flatMap(([id, resource]) =>
          asArray((resource.Properties?.AssumeRolePolicyDocument as { Statement: (Statement & { Principal?: unknown })[] }).Statement)
            .filter((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Principal).match(/"\*"|"AWS":"\*"/) && statement.Condition === undefined)
            .map(() => `${stack}/${id}`),
        ),
    );
    expect(open).toEqual([]);
  });
});

describe('attachments bucket', () => {
  const buckets = () => templates.flatMap(([stack, template]) => Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === 'AWS::S3::Bucket').map(([id, r]) => ({ stack, id, properties: r.Properties ?? {} })));

  it('every bucket blocks all public access and is encrypted', () => {
    expect(buckets().length).toBeGreaterThan(0);
    for (const bucket of buckets()) {
      expect({ id: bucket.id, block: bucket.properties.PublicAccessBlockConfiguration }).toEqual({
        id: bucket.id,
        block: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      });
      expect(bucket.properties.BucketEncryption).toBeDefined();
    }
  });

  it('no bucket policy allows an anonymous principal', () => {
    const policies = templates.flatMap(([, template]) => Object.values(resourcesOf(template)).filter((r) => r.Type === 'AWS::S3::BucketPolicy'));
    for (const policy of policies) {
      const statements = (policy.Properties?.PolicyDocument as { Statement: (Statement & { Principal?: unknown })[] }).Statement;
      const anonymous = statements.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal ?? '').includes('"*"'));
      expect(anonymous).toEqual([]);
    }
  });

  it('the API handlers never carry attachment bytes: only presigned POST/GET, heads, ranges, listings and the server-side evidence copy of submit', () => {
    // The bytes go browser ↔ S3 through presigned URLs; a handler that puts or streams whole
    // objects would proxy them. Checked in the sources of the API functions and what they share.
    const files = ['lambdas/api-customer', 'lambdas/api-review', 'lambdas/shared/http'].flatMap((folder) =>
      readdirSync(join(REPO_ROOT, folder)).filter((f) => f.endsWith('.ts')).map((f) => join(REPO_ROOT, folder, f)),
    );
    const proxying = files.filter((file) => /PutObjectCommand|UploadPartCommand|CopyObjectCommand|\bUpload\(|isBase64Encoded:\s*true/.test(readFileSync(file, 'utf8')));
    expect(proxying).toEqual([]);
    const store = readFileSync(join(REPO_ROOT, 'lambdas/shared/adapters/attachments-store.ts'), 'utf8');
    expect(store).toContain('createPresignedPost');
    expect(store).not.toMatch(/PutObjectCommand/);
    // Submit's evidence copy is server-side (CopyObject), to evidence/ keys only (docs/durability.md "Evidence").
    expect(store.match(/new CopyObjectCommand/g)).toHaveLength(1);
    expect(store).toContain("if (!key.startsWith('evidence/'))");
  });
});

describe('KMS key', () => {
  const keys = () => templates.flatMap(([stack, template]) => Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === 'AWS::KMS::Key').map(([id, r]) => ({ stack, id, properties: r.Properties ?? {} })));

  it('rotates, and its policy lets no one outside the account use it and grants no kms:* beyond the account root', () => {
    expect(keys().length).toBeGreaterThan(0);
    for (const key of keys()) {
      expect(key.properties.EnableKeyRotation).toBe(true);
      const statements = (key.properties.KeyPolicy as { Statement: (Statement & { Principal?: unknown })[] }).Statement;
      for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
        const principal = flat(statement.Principal);
        expect({ principal, anonymous: /"AWS":"\*"|^\*$/.test(JSON.stringify(statement.Principal)) && statement.Condition === undefined }).toEqual({ principal, anonymous: false });
        // kms:* is only for the account root (the CDK default that keeps the key manageable);
        // services get the use of the key, through their own principals and conditions.
        if (asArray(statement.Action).includes('kms:*')) expect(principal).toMatch(/:root/);
      }
    }
  });

  it('encrypts the table and the bucket', () => {
    const table = templates.flatMap(([, t]) => Object.values(resourcesOf(t)).filter((r) => r.Type === 'AWS::DynamoDB::GlobalTable' || r.Type === 'AWS::DynamoDB::Table'));
    expect(table.length).toBe(1);
    expect(JSON.stringify(table[0]!.Properties)).toMatch(/"SSEType":"KMS"|KMSMasterKeyId/);
  });
});

describe('API limits', () => {
  it('the stage is throttled', () => {
    expect(API_THROTTLING.rateLimit).toBeGreaterThan(0);
    expect(API_THROTTLING.burstLimit).toBeGreaterThan(0);
    const stages = templates.flatMap(([, t]) => Object.values(resourcesOf(t)).filter((r) => r.Type === 'AWS::ApiGateway::Stage'));
    expect(stages.length).toBe(1);
    const settings = stages[0]!.Properties?.MethodSettings as { ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number }[];
    expect(settings.some((s) => s.ThrottlingRateLimit === API_THROTTLING.rateLimit && s.ThrottlingBurstLimit === API_THROTTLING.burstLimit)).toBe(true);
  });

  it('handlers and the local gateway refuse a body over 256 KiB with 413', async () => {
    expect(MAX_BODY_BYTES).toBe(256 * 1024);
    expect(GATEWAY_MAX_BODY_BYTES).toBe(MAX_BODY_BYTES);
    process.env.REVIEWER_PRINCIPAL_ARNS = REVIEWERS.join(',');
    const answer = await apiCustomer(proxyEvent('POST', '/v1/filings', { rawBody: `{"a":"${'x'.repeat(MAX_BODY_BYTES)}"}`, headers: { 'content-type': 'application/json' } }), lambdaContext('api-customer'));
    expect(answer.statusCode).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('reviewer routes', () => {
  it('the review function is told exactly the configured principals', () => {
    const functions = templates.flatMap(([, t]) => Object.values(resourcesOf(t)).filter((r) => r.Type === 'AWS::Lambda::Function'));
    const told = functions.map((f) => (f.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.REVIEWER_PRINCIPAL_ARNS).filter((v) => v !== undefined);
    expect(told.length).toBeGreaterThan(0);
    for (const value of told) expect(value).toBe(REVIEWERS.join(','));
  });

  it('answer 403 to a principal not configured, even of the reviewer account, and to customers', async () => {
    process.env.REVIEWER_PRINCIPAL_ARNS = REVIEWERS.join(',');
    const asWho = async (who: { accountId: string; userArn: string }) =>
      (await apiReview(proxyEvent('GET', '/v1/review/tasks', { as: who }), lambdaContext('api-review'))).statusCode;
    expect(await asWho({ accountId: REVIEWER.accountId, userArn: 'arn:aws-cn:iam::999999999999:role/SomeOtherRole' })).toBe(403);
    expect(await asWho({ accountId: CUSTOMER_A.accountId, userArn: CUSTOMER_A.principalArn })).toBe(403);
    expect(await asWho({ accountId: '999999999999', userArn: 'arn:aws-cn:iam::999999999999:role/IcpReviewerX' })).toBe(403);
  });
});
