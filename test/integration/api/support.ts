import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../../lib/local/stepfunctions/index.js';
import { resetClients } from '../../../lambdas/shared/adapters/clients.js';
import { installAdapters } from '../../../lambdas/shared/adapters/composition.js';
import { createLocalNetworkAdapter, ensureAccountResourcesFile } from '../../../lib/local/network-adapter.js';
import { CALLBACK_STAGES, type CallbackStage } from '../../../lambdas/shared/domain/index.js';
import { getFiling, newTaskId, transitionFiling } from '../../../lambdas/shared/store/index.js';
import { IDENTITIES, REVIEWER_PRINCIPAL_ARNS, lambdaContext, proxyEvent, type EventOptions } from '../../support/proxy-event.js';
import { createTestBucket, createTestTable } from '../../support/services.js';

export { IDENTITIES };

export interface ApiEnvironment {
  sfn: LocalStepFunctions;
  stop(): Promise<void>;
}

/**
 * What the API handlers run against in these tests: a table and a bucket of their own on the
 * run's DynamoDB Local and s3rver, the local account resources file, and the local Step
 * Functions runtime executing a small test machine whose callback states store their task
 * the way the workflow does (status and task in one transition).
 */
export async function startApiEnvironment(prefix: string): Promise<ApiEnvironment> {
  const dataDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const resources = join(dataDir, 'account-resources.json');
  await ensureAccountResourcesFile(resources);
  const [table, bucket] = await Promise.all([createTestTable(prefix), createTestBucket(prefix)]);
  const sfn = await startLocalStepFunctions({
    definitionPath: join(import.meta.dirname, 'fixtures', 'api-machine.asl.json'),
    retryDelayScale: 0,
    handlers: {
      awaitCallback: async (event: { filingId: string; revision: number; stage: CallbackStage; taskToken: string }) => {
        const filing = await getFiling(event.filingId);
        if (filing === null) throw new Error(`no filing ${event.filingId}`);
        await transitionFiling({
          filingId: filing.filingId,
          from: [filing.status],
          to: CALLBACK_STAGES[event.stage],
          actor: 'workflow',
          task: {
            taskId: newTaskId(),
            token: event.taskToken,
            stage: event.stage,
            filingId: filing.filingId,
            accountId: filing.accountId,
            deadline: new Date(Date.now() + 86_400_000).toISOString(),
          },
        });
      },
    },
  });
  Object.assign(process.env, {
    TABLE_NAME: table,
    BUCKET_NAME: bucket,
    STATE_MACHINE_ARN: sfn.stateMachineArn,
    AWS_ENDPOINT_URL_SFN: sfn.endpoint,
    REVIEWER_PRINCIPAL_ARNS,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  resetClients();
  const restoreAdapters = installAdapters({ network: createLocalNetworkAdapter(resources) });
  return {
    sfn,
    stop: async () => {
      restoreAdapters();
      await sfn.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  raw: string;
}

/** Calls a handler with a proxy event, as API Gateway would, and parses the answer. */
export async function call(handler: Handler, method: string, path: string, options: EventOptions = {}): Promise<Answer> {
  const result = await handler(proxyEvent(method, path, options), lambdaContext());
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode, headers, body: result.body === '' ? {} : (JSON.parse(result.body) as Record<string, unknown>), raw: result.body };
}

/** The codes of an error answer's details. */
export function detailCodes(answer: Answer): string[] {
  const error = answer.body.error as { details: Array<{ code: string }> } | undefined;
  return (error?.details ?? []).map((d) => d.code);
}

/** Polls until `check` holds (the workflow moves on asynchronously). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads through a presigned POST as a browser would (multipart form, fields first). */
export async function postForm(url: string, fields: Record<string, string>, bytes: Uint8Array, contentType: string, fileName: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), fileName);
  return fetch(url, { method: 'POST', body: form });
}
