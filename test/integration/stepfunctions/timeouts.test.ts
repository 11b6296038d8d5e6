import { join } from 'node:path';
import { SFNClient, SendTaskHeartbeatCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalStepFunctions, type ExecutionSummary, type LocalStepFunctions } from '../../../lib/local/stepfunctions/index.js';

/** Heartbeats and the execution-level timeout, on a machine of their own (fixtures/). */
const tokens = new Map<string, string>();
const ended = new Map<string, ExecutionSummary>();
let sfn: LocalStepFunctions;
let client: SFNClient;

beforeAll(async () => {
  sfn = await startLocalStepFunctions({
    definitionPath: join(import.meta.dirname, 'fixtures', 'heartbeat-machine.asl.json'),
    handlers: {
      awaitCallback: (event: { filingId: string; taskToken: string }) => {
        tokens.set(event.filingId, event.taskToken);
      },
    },
    onExecutionEnd: (execution) => {
      ended.set(execution.name, execution);
    },
  });
  client = new SFNClient({
    endpoint: sfn.endpoint,
    region: 'cn-northwest-1',
    credentials: { accessKeyId: 'AKIALOCALREVIEWER001', secretAccessKey: 'local-secret-reviewer' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await sfn.stop();
});

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 6000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(filingId: string, heartbeatSeconds: number): Promise<string> {
  const { executionArn } = await client.send(
    new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: `${filingId}-r1`, input: JSON.stringify({ filingId, heartbeatSeconds }) }),
  );
  await waitFor(() => tokens.get(filingId), `the token of ${filingId}`);
  return executionArn!;
}

it('keeps a callback open while heartbeats arrive, then fails it with States.HeartbeatTimeout, which States.Timeout catches', async () => {
  await start('F-HEARTBEAT', 1);
  const token = tokens.get('F-HEARTBEAT')!;
  for (let beat = 0; beat < 3; beat += 1) {
    await sleep(400);
    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
  }
  expect(ended.has('F-HEARTBEAT-r1')).toBe(false);

  const execution = await waitFor(() => ended.get('F-HEARTBEAT-r1'), 'the heartbeat timeout');
  expect(execution.status).toBe('SUCCEEDED');
  expect(execution.output).toMatchObject({ status: 'EXPIRED', error: { Error: 'States.HeartbeatTimeout' } });
  await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
});

it('ends an execution that runs past the definition TimeoutSeconds as TIMED_OUT and closes its token', async () => {
  const executionArn = await start('F-EXECUTION-TIMEOUT', 60);
  const execution = await waitFor(() => ended.get('F-EXECUTION-TIMEOUT-r1'), 'the execution timeout');
  expect(execution).toMatchObject({ executionArn, status: 'TIMED_OUT', error: 'States.Timeout' });
  await expect(
    client.send(new SendTaskSuccessCommand({ taskToken: tokens.get('F-EXECUTION-TIMEOUT')!, output: '{}' })),
  ).rejects.toMatchObject({ name: 'TaskTimedOut' });
});

describe('taskTimeoutScale', () => {
  let scaledRuntime: LocalStepFunctions;
  let scaledClient: SFNClient;
  const reviewTokens = new Map<string, string>();

  beforeAll(async () => {
    scaledRuntime = await startLocalStepFunctions({
      definitionPath: join(import.meta.dirname, 'fixtures', 'review-machine.asl.json'),
      taskTimeoutScale: 0.001,
      handlers: {
        checkResources: () => ({ attempts: 1 }),
        awaitCallback: (event: { filingId: string; taskToken: string }) => {
          reviewTokens.set(event.filingId, event.taskToken);
        },
        applyDecision: () => ({}),
      },
      onExecutionEnd: (execution) => {
        ended.set(execution.name, execution);
      },
    });
    scaledClient = new SFNClient({
      endpoint: scaledRuntime.endpoint,
      region: 'cn-northwest-1',
      credentials: { accessKeyId: 'AKIALOCALREVIEWER001', secretAccessKey: 'local-secret-reviewer' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    scaledClient.destroy();
    await scaledRuntime.stop();
  });

  it('shortens callback timeouts by the factor', async () => {
    const startedAt = Date.now();
    await scaledClient.send(
      new StartExecutionCommand({
        stateMachineArn: scaledRuntime.stateMachineArn,
        name: 'F-SCALED-r1',
        input: JSON.stringify({ filingId: 'F-SCALED', reviewTimeoutSeconds: 1000 }),
      }),
    );
    await waitFor(() => reviewTokens.get('F-SCALED'), 'the review token');
    const waiting = scaledRuntime.listExecutions('RUNNING')[0]!.waitingTask!;
    expect(waiting.timeoutAt!.getTime() - waiting.startedAt.getTime()).toBe(1000);

    const execution = await waitFor(() => ended.get('F-SCALED-r1'), 'the scaled timeout');
    expect(execution.output).toMatchObject({ status: 'EXPIRED', error: { Error: 'States.Timeout' } });
    expect(Date.now() - startedAt).toBeLessThan(5000);
  });
});
