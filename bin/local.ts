/**
 * `npm start`: the local platform on http://127.0.0.1:${RECORDAL_PORT:-3000}, data under
 * ${RECORDAL_DATA_DIR:-.recordal}, or nothing kept with `npm start -- --in-memory` (docs/design/api.md).
 */
// Only light modules are imported statically: the checks and the JVM start run before the
// SDK clients and handlers load (platform.ts, imported below).
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../lib/local/defaults.js';
import { JavaMissingError, dynamoDbPath, startDynamoDbLocal } from '../lib/local/dynamodb-local.js';
import type { LocalPlatform } from '../lib/local/platform.js';
import { PortInUseError, portInUse } from '../lib/local/ports.js';

const USAGE = `usage: npm start [-- --in-memory]
  RECORDAL_PORT      port on 127.0.0.1 (default ${DEFAULT_PORT})
  RECORDAL_DATA_DIR  data folder (default ${DEFAULT_DATA_DIR}); ignored with --in-memory`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) fail(`RECORDAL_PORT must be a port number from 1 to 65535, not "${value}"`);
  return port;
}

function credentialsTable(platform: LocalPlatform): string {
  const rows = platform.identities.map(
    (identity) => `  ${identity.name.padEnd(11)} ${identity.accountId}  ${identity.accessKeyId}  ${identity.secretAccessKey.padEnd(24)} ${identity.principalArn}`,
  );
  return [
    'sign requests with SigV4, service execute-api, region cn-northwest-1, e.g.',
    `  curl --aws-sigv4 "aws:amz:cn-northwest-1:execute-api" --user AKIALOCALCUSTOMERA01:local-secret-customer-a ${platform.url}/v1/account`,
    'local credentials:',
    ...rows,
  ].join('\n');
}

/** The services behind the API, for inspecting them with the AWS CLI (all on 127.0.0.1). */
function servicesTable(platform: LocalPlatform): string {
  const { dynamodb, s3, sfn } = platform.endpoints;
  const stateMachineArn = platform.environment.STATE_MACHINE_ARN;
  return [
    'local services (127.0.0.1 only; any access key for DynamoDB and Step Functions, S3RVER/S3RVER for S3):',
    `  DynamoDB Local  ${dynamodb}  table ${platform.tableName}`,
    `  S3 (s3rver)     ${s3}  bucket ${platform.bucketName}`,
    ...(sfn === undefined ? [] : [`  Step Functions  ${sfn}  state machine ${stateMachineArn ?? '-'}`]),
    ...(sfn === undefined || stateMachineArn === undefined
      ? []
      : [`  e.g. aws stepfunctions list-executions --endpoint-url ${sfn} --region cn-northwest-1 --state-machine-arn ${stateMachineArn}`]),
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const unknown = args.filter((arg) => arg !== '--in-memory');
  if (unknown.length > 0) fail(`unknown argument ${unknown.join(' ')}\n${USAGE}`);
  const inMemory = args.includes('--in-memory');
  const port = parsePort(process.env.RECORDAL_PORT);
  const dataDir = process.env.RECORDAL_DATA_DIR || DEFAULT_DATA_DIR;

  // Signals during start-up stop whatever has started (the exit hooks kill DynamoDB Local).
  let platform: LocalPlatform | undefined;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    void (platform?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  if (await portInUse(port)) fail(new PortInUseError(port).message);
  // The JVM starts while the SDK clients and handlers load (they take seconds to import).
  const dynamodbLocal = startDynamoDbLocal(inMemory ? {} : { dbPath: dynamoDbPath(resolve(dataDir)) });
  // A missing java is known within milliseconds: say so without waiting for the imports.
  dynamodbLocal.catch((error: unknown) => {
    if (error instanceof JavaMissingError) fail(error.message);
  });

  try {
    const { startLocalPlatform } = await import('../lib/local/platform.js');
    platform = await startLocalPlatform({
      port,
      inMemory,
      dataDir,
      dynamodbLocal,
      log: (line) => process.stderr.write(`${line}\n`),
      onRequest: (entry) =>
        process.stdout.write(`${entry.method} ${entry.path} ${entry.status} ${entry.durationMs}ms${entry.accessKeyId ? ` ${entry.accessKeyId}` : ''}\n`),
      onHandlerError: (error, entry) =>
        process.stderr.write(`${entry.method} ${entry.path} handler error (request ${entry.requestId}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
    });
  } catch (error) {
    if (error instanceof PortInUseError || error instanceof JavaMissingError) fail(error.message);
    fail(`the local platform did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (stopping) return;
  process.stdout.write(`data: ${platform.dataDir ?? 'in memory (nothing kept)'}; account resources: ${platform.accountResourcesFile}\n`);
  if (!platform.stepFunctionsRunning) process.stdout.write('the Step Functions runtime is not running: filings cannot go through the lifecycle\n');
  process.stdout.write(`${servicesTable(platform)}\n`);
  process.stdout.write(`${credentialsTable(platform)}\n`);
  process.stdout.write(`web console: ${platform.url}/console/\n`);
  process.stdout.write(`listening on ${platform.url}\n`);
}

void main();
