import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FunctionName } from '../../lambdas/catalog.js';
import { LIFECYCLE_ASL_PATH } from '../lifecycle-definition.js';
import { attachMiddleware, resetClients } from '../../lambdas/shared/adapters/clients.js';
import { installAdapters } from '../../lambdas/shared/adapters/composition.js';
import { functionEnvironment } from '../../lambdas/shared/runtime-environment.js';
import { logNotices } from '../../lambdas/shared/adapters/notifier.js';
import { FOREIGN_AWS_VARIABLES, applyLocalAwsEnvironment, localAwsEnvironment, localDynamoDbClient, localS3Client, type LocalEndpoints } from './aws-environment.js';
import { LOCAL_IDENTITIES, LOCAL_REVIEWER_PRINCIPAL_ARNS, type LocalIdentity } from './credentials.js';
import { loadHandlers } from './handlers.js';
import { resumeLostExecutions } from './resume-on-start.js';
import { transactionBarrier } from './transaction-barrier.js';
import { localCursorKey } from './cursor-key.js';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from './defaults.js';
import { dynamoDbPath, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { startGateway, withHealthFallback, type Gateway, type GatewayHandlers, type GatewayOptions, type ProxyHandler } from './gateway.js';
import { createLocalNetworkAdapter, ensureAccountResourcesFile } from './network-adapter.js';
import { LOOPBACK, PortInUseError, freePort, portInUse } from './ports.js';
import { ensureBucket, ensureTable } from './resources.js';
import { startS3Local } from './s3-local.js';
import { startLocalStepFunctions, type LocalHandlers, type LocalStepFunctions } from './stepfunctions/index.js';
import { LocalWorkQueue, type SqsHandler } from './work-queue.js';
import { startLocalEventBus, type LocalEvent } from './event-bus.js';
import type { TableStream } from './table-stream.js';

/**
 * The local platform (`npm start`): DynamoDB Local, s3rver, the table and bucket, the local
 * Step Functions runtime and the gateway, in one process, with the same handler
 * code as deployed. One platform per process: the handlers read the process environment.
 */

export { DEFAULT_DATA_DIR, DEFAULT_PORT, PortInUseError };
export const LOCAL_TABLE_NAME = 'icp-recordal';
export const LOCAL_BUCKET_NAME = 'icp-recordal-attachments';

export interface LocalPlatformOptions {
  /** Gateway port on 127.0.0.1; 0 picks a free one. Default 3000. */
  port?: number;
  /** Where data is kept between runs (DynamoDB files, objects, account resources). Default `.recordal`. */
  dataDir?: string;
  /** Keep nothing: DynamoDB in memory, objects and account resources in a temporary folder. */
  inMemory?: boolean;
  /** Handlers to bind instead of lambdas/<fn>/handler.ts (tests bind their own). */
  handlers?: Partial<Record<FunctionName, unknown>>;
  /** Start the local Step Functions runtime (default true; tests of the API alone skip it). */
  stepFunctions?: boolean;
  /** Retry delay scale of the Step Functions runtime (tests: 0). */
  retryDelayScale?: number;
  onRequest?: GatewayOptions['onRequest'];
  onHandlerError?: GatewayOptions['onHandlerError'];
  /**
   * A DynamoDB Local already starting (bin/local.ts spawns the JVM before loading the rest, so
   * the two overlap). It must use this platform's storage: `dynamoDbPath(dataDir)` or in memory.
   * The platform stops it.
   */
  dynamodbLocal?: Promise<DynamoDbLocal>;
  /**
   * Use a DynamoDB Local and an s3rver that already run (the test run's shared ones) instead
   * of starting them; give unique `tableName` / `bucketName` then. The platform leaves them running.
   */
  services?: { dynamodb: string; s3: string };
  /** Default `icp-recordal`. */
  tableName?: string;
  /** Default `icp-recordal-attachments`. */
  bucketName?: string;
  /** Progress and warnings, one line each (bin/local.ts prints them). */
  log?: (line: string) => void;
  /** Each event published from the table's stream (they are also appended to `<data folder>/events.jsonl`). */
  onEvent?: (event: LocalEvent) => void;
}

export interface LocalPlatform {
  /** `http://127.0.0.1:<port>`: the API's base URL. */
  url: string;
  port: number;
  /** The data folder, or undefined in memory. */
  dataDir: string | undefined;
  accountResourcesFile: string;
  tableName: string;
  bucketName: string;
  endpoints: LocalEndpoints;
  /** The environment the handlers run with (already applied to this process). */
  environment: Readonly<Record<string, string>>;
  /** The identities to sign with (docs/design/api.md). */
  identities: readonly LocalIdentity[];
  /** Whether the Step Functions runtime runs (false when not wanted or it failed to start). */
  stepFunctionsRunning: boolean;
  /** The running Step Functions runtime, for callers that read executions (the bench: transitions, waiting callbacks). */
  stepFunctionsRuntime: LocalStepFunctions | undefined;
  /** The drift check's queue (deployed: SQS); `drained()` says when a check has finished. */
  driftQueue: LocalWorkQueue;
  /** The poller publishing the table stream's status changes. */
  tableStream: TableStream;
  stop(): Promise<void>;
}

/** Starts every part of the local platform and resolves once every route answers. */
export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  const log = options.log ?? (() => undefined);
  const port = options.port ?? DEFAULT_PORT;
  // Fail before the JVM starts: a busy port is the commonest mistake.
  if (port !== 0 && (await portInUse(port))) {
    void options.dynamodbLocal?.then((started) => started.stop(), () => undefined);
    throw new PortInUseError(port);
  }

  const inMemory = options.inMemory ?? false;
  const dataDir = inMemory ? undefined : resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const scratchDir = inMemory ? mkdtempSync(join(tmpdir(), 'recordal-')) : undefined;
  const root = (dataDir ?? scratchDir) as string;
  mkdirSync(root, { recursive: true });

  // The handlers read process.env; what the platform sets there is put back on stop, so a
  // test worker that runs several platforms (or none after this one) sees its own values.
  const environmentBefore = { ...process.env };
  const touchedVariables = new Set<string>();
  const restoreEnvironment = (): void => {
    for (const name of touchedVariables) {
      const before = environmentBefore[name];
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
  };
  const stops: (() => Promise<void>)[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    for (const stopPart of stops.reverse()) {
      try {
        await stopPart();
      } catch (error) {
        log(`while stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (scratchDir !== undefined) rmSync(scratchDir, { recursive: true, force: true });
    restoreEnvironment();
    resetClients();
  };

  // A part that finishes starting after a failure elsewhere has begun the stop is stopped at once.
  const stopLater = (stopPart: () => Promise<void>): void => {
    if (stopped) void stopPart();
    else stops.push(stopPart);
  };

  try {
    const services = options.services;
    const startDynamoDb = async (): Promise<{ endpoint: string }> => {
      if (services !== undefined) return { endpoint: services.dynamodb };
      const started = await (options.dynamodbLocal ?? startDynamoDbLocal(inMemory ? {} : { dbPath: dynamoDbPath(root) }));
      stopLater(() => started.stop());
      if (!started.loopbackOnly) log('DynamoDB Local listens on every interface: install a JDK (javac, e.g. openjdk-17-jdk-headless) to bind it to 127.0.0.1');
      return started;
    };
    const startS3 = async (): Promise<{ endpoint: string }> => {
      if (services !== undefined) return { endpoint: services.s3 };
      const started = await startS3Local({ directory: join(root, 's3') });
      stopLater(() => started.stop());
      return started;
    };
    const [dynamodb, s3] = await Promise.all([startDynamoDb(), startS3()]);
    const tableName = options.tableName ?? LOCAL_TABLE_NAME;
    const bucketName = options.bucketName ?? LOCAL_BUCKET_NAME;
    const dynamodbClient = localDynamoDbClient(dynamodb.endpoint);
    stops.push(async () => dynamodbClient.destroy());
    const s3Client = localS3Client(s3.endpoint);
    try {
      await Promise.all([ensureTable(dynamodbClient, tableName), ensureBucket(s3Client, bucketName)]);
    } finally {
      s3Client.destroy();
    }
    // What DynamoDB Local has answered is on disk before any caller sees the answer
    // (transaction-barrier.ts); only a DynamoDB Local of this platform's data folder keeps anything.
    if (services === undefined && !inMemory) {
      const detachBarrier = attachMiddleware('dynamodb', transactionBarrier(dynamodbClient, tableName));
      stops.push(async () => detachBarrier());
    }
    const accountResourcesFile = join(root, 'account-resources.json');
    await ensureAccountResourcesFile(accountResourcesFile);

    const wantStepFunctions = options.stepFunctions ?? true;
    const sfnPort = wantStepFunctions ? await freePort() : undefined;
    const endpoints: LocalEndpoints = {
      dynamodb: dynamodb.endpoint,
      s3: s3.endpoint,
      ...(sfnPort === undefined ? {} : { sfn: `http://${LOOPBACK}:${sfnPort}` }),
    };
    // Set before any handler module loads: some read their configuration at import.
    for (const name of [...FOREIGN_AWS_VARIABLES, ...Object.keys(localAwsEnvironment(endpoints)), 'AWS_ENDPOINT_URL_SFN']) touchedVariables.add(name);
    applyLocalAwsEnvironment(endpoints);
    // Events and notices are logged instead of published (no EVENT_BUS_NAME / topic ARNs);
    // metrics are EMF log lines on stdout, printed only at a log level of INFO or below.
    const logLevel = process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN';
    const environment: Record<string, string> = {
      ...functionEnvironment({
        TABLE_NAME: tableName,
        BUCKET_NAME: bucketName,
        REVIEWER_PRINCIPAL_ARNS: LOCAL_REVIEWER_PRINCIPAL_ARNS.join(','),
        POWERTOOLS_LOG_LEVEL: logLevel,
        // Deployed, the key is read from Secrets Manager; locally it is generated into the data folder.
        CURSOR_SECRET: localCursorKey(root),
      }),
      POWERTOOLS_METRICS_DISABLED: String(!['DEBUG', 'INFO', 'TRACE'].includes(logLevel.toUpperCase())),
    };
    for (const name of [...Object.keys(environment), 'STATE_MACHINE_ARN']) touchedVariables.add(name);
    Object.assign(process.env, environment);
    // Clients made earlier in this process (by a platform started before) point elsewhere.
    resetClients();
    // The local composition root: the adapters every handler of this process uses, chosen once.
    const restoreAdapters = installAdapters({ network: createLocalNetworkAdapter(accountResourcesFile), notices: logNotices });
    stops.push(async () => restoreAdapters());

    const handlers = await loadHandlers(options.handlers ?? {});
    const bus = { endpoint: dynamodb.endpoint, tableName, folder: root, log, ...(options.onEvent !== undefined && { onEvent: options.onEvent }) };
    const tableStream = await startLocalEventBus(bus);
    stops.push(() => tableStream.stop());
    let stateMachine: LocalStepFunctions | undefined;
    if (wantStepFunctions) {
      try {
        stateMachine = await startLocalStepFunctions({
          definitionPath: LIFECYCLE_ASL_PATH,
          handlers: handlers as LocalHandlers,
          ...(sfnPort === undefined ? {} : { port: sfnPort }),
          ...(options.retryDelayScale === undefined ? {} : { retryDelayScale: options.retryDelayScale }),
        });
        const running = stateMachine;
        stops.push(() => running.stop());
        process.env.STATE_MACHINE_ARN = stateMachine.stateMachineArn;
        environment.STATE_MACHINE_ARN = stateMachine.stateMachineArn;
      } catch (error) {
        // The API still serves everything but the lifecycle; say why rather than not starting.
        log(`Step Functions runtime not started: ${error instanceof Error ? error.message : String(error)}`);
        delete process.env.AWS_ENDPOINT_URL_SFN;
        delete endpoints.sfn;
      }
    }
    if (stateMachine !== undefined && dataDir !== undefined) await resumeLostExecutions(accountResourcesFile, log);

    // The drift queue (deployed: SQS feeding the drift-check function), in process.
    const driftQueue = new LocalWorkQueue({ name: 'drift-check', handler: handlers.driftCheck as SqsHandler, log });
    const restoreDriftQueue = installAdapters({ driftQueue: async (messages) => driftQueue.send(messages.map((message) => JSON.stringify(message))) });
    stops.push(async () => {
      driftQueue.stop();
      restoreDriftQueue();
    });

    const gatewayHandlers: GatewayHandlers = {
      apiCustomer: withHealthFallback(handlers.apiCustomer as ProxyHandler | undefined),
      apiReview: (handlers.apiReview as ProxyHandler | undefined) ?? withHealthFallback(undefined),
    };
    const gateway: Gateway = await startGateway({
      handlers: gatewayHandlers,
      port,
      ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
      ...(options.onHandlerError === undefined ? {} : { onHandlerError: options.onHandlerError }),
    }).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EADDRINUSE' ? new PortInUseError(port) : error;
    });
    stops.push(() => gateway.stop());

    return {
      url: gateway.url,
      port: gateway.port,
      dataDir,
      accountResourcesFile,
      tableName,
      bucketName,
      endpoints,
      environment: { ...environment, ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('AWS_')) as [string, string][]) },
      identities: LOCAL_IDENTITIES,
      stepFunctionsRunning: stateMachine !== undefined,
      stepFunctionsRuntime: stateMachine,
      driftQueue,
      tableStream,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
