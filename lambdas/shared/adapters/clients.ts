import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InitializeHandlerOptions, InitializeMiddleware } from '@smithy/types';

/**
 * The AWS SDK clients every function shares: created lazily, once per process, always in
 * cn-northwest-1. Endpoints come from the SDK's standard overrides (`AWS_ENDPOINT_URL_DYNAMODB`,
 * `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_SFN`, …), which SDK v3 reads by itself.
 */
export { REGION } from '../region.js';
import { REGION } from '../region.js';

export type ServiceName = 'dynamodb' | 's3' | 'sfn' | 'eventbridge' | 'sns' | 'sqs' | 'sts';

// Any smithy client: only its middleware stack matters here.
interface WithMiddleware {
  middlewareStack: { add(middleware: InitializeMiddleware<object, object>, options: InitializeHandlerOptions): void };
}

interface Attached {
  service: ServiceName;
  middleware: InitializeMiddleware<object, object>;
  options: InitializeHandlerOptions;
}

const attached: Attached[] = [];
let counters = 0;
const created = new Map<ServiceName, WithMiddleware[]>();

function register<C extends WithMiddleware>(service: ServiceName, client: C): C {
  for (const a of attached) if (a.service === service) client.middlewareStack.add(a.middleware, a.options);
  created.set(service, [...(created.get(service) ?? []), client]);
  return client;
}

function once<T>(make: () => T): { get: () => T; reset: () => void } {
  let value: T | undefined;
  return {
    get: () => (value ??= make()),
    reset: () => {
      value = undefined;
    },
  };
}

// `@__PURE__`: a bundle keeps only the clients its function uses (the SDK packages are side-effect free).
const s3PathStyle = (): boolean => Boolean(process.env.AWS_ENDPOINT_URL_S3);

const dynamoClient = /* @__PURE__ */ once(() => register('dynamodb', new DynamoDBClient({ region: REGION })));
const documentClient = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(dynamoClient.get(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
const s3Client = /* @__PURE__ */ once(() =>
  register(
    's3',
    new S3Client({
      region: REGION,
      forcePathStyle: s3PathStyle(),
      // s3rver does not understand flexible checksums; S3 needs none for our calls.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  ),
);
// Presigned URLs must not carry a checksum of an empty body (docs/design/architecture.md, China facts).
const s3Presigner = /* @__PURE__ */ once(
  () =>
    new S3Client({
      region: REGION,
      forcePathStyle: s3PathStyle(),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
);
const sfnClient = /* @__PURE__ */ once(() => register('sfn', new SFNClient({ region: REGION })));
const eventBridgeClient = /* @__PURE__ */ once(() => register('eventbridge', new EventBridgeClient({ region: REGION })));
const snsClient = /* @__PURE__ */ once(() => register('sns', new SNSClient({ region: REGION })));
const stsClient = /* @__PURE__ */ once(() => register('sts', new STSClient({ region: REGION })));
const sqsClient = /* @__PURE__ */ once(() => register('sqs', new SQSClient({ region: REGION })));

/** The raw DynamoDB client (Powertools idempotency takes this one). */
export const dynamoDb = (): DynamoDBClient => dynamoClient.get();
/** The document client every store function uses. */
export const dynamoDoc = (): DynamoDBDocumentClient => documentClient.get();
export const s3 = (): S3Client => s3Client.get();
/** Only for presigning (POST policies and GET URLs). */
export const s3ForPresigning = (): S3Client => s3Presigner.get();
export const sfn = (): SFNClient => sfnClient.get();
export const eventBridge = (): EventBridgeClient => eventBridgeClient.get();
export const sns = (): SNSClient => snsClient.get();
export const sts = (): STSClient => stsClient.get();
export const sqs = (): SQSClient => sqsClient.get();

/**
 * Adds an SDK middleware to a service's client, now and to any client created later
 * (tests and the benchmark count store calls this way). Returns a function that stops
 * adding it to clients created afterwards; clients already built keep it (reset them).
 */
export function attachMiddleware(
  service: ServiceName,
  middleware: InitializeMiddleware<object, object>,
  options: InitializeHandlerOptions = { step: 'initialize' },
): () => void {
  const entry: Attached = { service, middleware, options };
  attached.push(entry);
  for (const client of created.get(service) ?? []) client.middlewareStack.add(middleware, options);
  return () => {
    const i = attached.indexOf(entry);
    if (i >= 0) attached.splice(i, 1);
  };
}

export interface CallCounter {
  /** Commands sent since the last reset. */
  readonly total: number;
  /** Per command name (`GetItemCommand`, `TransactWriteItemsCommand`, …). */
  readonly byCommand: Readonly<Record<string, number>>;
  reset(): void;
}

/** Counts the commands a service's clients send (one per `send`, retries not counted). */
export function countCalls(service: ServiceName): CallCounter {
  const byCommand: Record<string, number> = {};
  let total = 0;
  attachMiddleware(
    service,
    (next, context) => async (args) => {
      total += 1;
      const name = String((context as { commandName?: unknown }).commandName ?? 'unknown');
      byCommand[name] = (byCommand[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: `countCalls-${service}-${(counters += 1)}` },
  );
  return {
    get total() {
      return total;
    },
    get byCommand() {
      return { ...byCommand };
    },
    reset() {
      total = 0;
      for (const k of Object.keys(byCommand)) delete byCommand[k];
    },
  };
}

/** Forget every client (tests that change endpoint variables). Attached middleware stays. */
export function resetClients(): void {
  for (const c of [dynamoClient, documentClient, s3Client, s3Presigner, sfnClient, eventBridgeClient, snsClient, stsClient, sqsClient]) c.reset();
  created.clear();
}
