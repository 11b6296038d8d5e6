/**
 * The floor of each function's bundle: a handler that only constructs the AWS SDK clients the
 * function's bundle carries and sends one command with each, bundled by the same construct
 * (synth-bundles.ts). What a function costs above its floor is its own code and libraries.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleComposition } from './bundle-composition.js';

interface FloorClient {
  /** The import lines the client needs. */
  imports: string[];
  /** An expression that builds the client (clients are built on first call, as clients.ts does). */
  make: string;
  /** The one command it sends, as an expression of `client`. */
  send: string;
}

const FLOOR_CLIENTS: Record<string, FloorClient> = {
  '@aws-sdk/lib-dynamodb': {
    imports: ["import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';"],
    make: 'DynamoDBDocumentClient.from(new DynamoDBClient({}))',
    send: "client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: 'floor', sk: 'floor' }, ConsistentRead: true }))",
  },
  '@aws-sdk/client-dynamodb': {
    imports: ["import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';"],
    make: 'new DynamoDBClient({})',
    send: "client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: 'floor' }, sk: { S: 'floor' } } }))",
  },
  '@aws-sdk/client-s3': {
    imports: ["import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';"],
    make: 'new S3Client({})',
    send: "client.send(new GetObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: 'floor' }))",
  },
  '@aws-sdk/client-sfn': {
    imports: ["import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';"],
    make: 'new SFNClient({})',
    send: "client.send(new SendTaskSuccessCommand({ taskToken: 'floor', output: '{}' }))",
  },
  '@aws-sdk/client-sns': {
    imports: ["import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';"],
    make: 'new SNSClient({})',
    send: "client.send(new PublishCommand({ TopicArn: process.env.REVIEWER_TOPIC_ARN, Message: 'floor' }))",
  },
  '@aws-sdk/client-sqs': {
    imports: ["import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';"],
    make: 'new SQSClient({})',
    send: "client.send(new SendMessageCommand({ QueueUrl: process.env.DRIFT_QUEUE_URL, MessageBody: 'floor' }))",
  },
  '@aws-sdk/client-eventbridge': {
    imports: ["import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';"],
    make: 'new EventBridgeClient({})',
    send: "client.send(new PutEventsCommand({ Entries: [{ Source: 'floor', DetailType: 'floor', Detail: '{}' }] }))",
  },
  '@aws-sdk/client-sts': {
    imports: ["import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';"],
    make: 'new STSClient({})',
    send: "client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws-cn:iam::999999999999:role/floor', RoleSessionName: 'floor' }))",
  },
  '@aws-sdk/client-ec2': {
    imports: ["import { DescribeAddressesCommand, EC2Client } from '@aws-sdk/client-ec2';"],
    make: 'new EC2Client({})',
    send: 'client.send(new DescribeAddressesCommand({}))',
  },
  '@aws-sdk/client-elastic-load-balancing-v2': {
    imports: ["import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';"],
    make: 'new ElasticLoadBalancingV2Client({})',
    send: 'client.send(new DescribeLoadBalancersCommand({}))',
  },
  '@aws-sdk/client-secrets-manager': {
    imports: ["import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';"],
    make: 'new SecretsManagerClient({})',
    send: "client.send(new GetSecretValueCommand({ SecretId: 'floor' }))",
  },
};

/** A package's code below this size is a shared type or error class, not a client. */
const CLIENT_MIN_BYTES = 4 * 1024;

/** The SDK clients a bundle carries (from its source map); an unknown client is an error. */
export function clientsOf(bundleFile: string, projectRoot: string): string[] {
  const owners = bundleComposition(bundleFile, `${bundleFile}.map`, projectRoot)
    .filter((part) => part.bytes >= CLIENT_MIN_BYTES)
    .map((part) => part.owner);
  const clients = owners.filter((owner) => owner.startsWith('@aws-sdk/client-') || owner === '@aws-sdk/lib-dynamodb');
  const unknown = clients.filter((owner) => FLOOR_CLIENTS[owner] === undefined);
  if (unknown.length > 0) throw new Error(`no floor command for ${unknown.join(', ')} (tools/bench/floor-bundles.ts)`);
  // The document client stands for the raw one (it wraps it).
  return clients.includes('@aws-sdk/lib-dynamodb') ? clients.filter((c) => c !== '@aws-sdk/client-dynamodb') : clients;
}

/** The floor handler's source for these clients. */
export function floorSource(clients: readonly string[]): string {
  const floors = clients.map((name) => FLOOR_CLIENTS[name]!);
  const lines = [...new Set(floors.flatMap((f) => f.imports))];
  floors.forEach((_, i) => lines.push(`let client${i};`));
  lines.push('export const handler = async () => Promise.all([');
  floors.forEach((f, i) => lines.push(`  ((client) => ${f.send})((client${i} ??= ${f.make})),`));
  lines.push(']);');
  return `${lines.join('\n')}\n`;
}

/** Writes the floor handler of each bundle under `dir`; answers each one's entry file and clients. */
export function writeFloorEntries(
  bundles: readonly { name: string; file: string }[],
  dir: string,
  projectRoot: string,
): Map<string, { entry: string; clients: string[] }> {
  mkdirSync(dir, { recursive: true });
  const out = new Map<string, { entry: string; clients: string[] }>();
  for (const bundle of bundles) {
    const clients = clientsOf(bundle.file, projectRoot);
    const entry = join(dir, `${bundle.name}.mjs`);
    writeFileSync(entry, floorSource(clients));
    out.set(bundle.name, { entry, clients });
  }
  return out;
}
