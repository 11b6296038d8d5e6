import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { startLocalStepFunctions, type ExecutionSummary, type LocalStepFunctions } from '../../../lib/local/stepfunctions/index.js';

/**
 * The local runtime over the real SDK client: a test machine (fixtures/) whose Task states
 * are bound to the handlers below; each test uses its own filing id.
 */
const DEFINITION = join(import.meta.dirname, 'fixtures', 'review-machine.asl.json');

/** checkResources throws ThrottlingException this many times for a filing, then succeeds. */
const throttles = new Map<string, number>();
const checkCalls = new Map<string, Array<{ filingId: string; executionName: string }>>();
/** Every token awaitCallback was handed, per filing (one per attempt). */
const callbackEvents = new Map<string, Array<{ taskToken: string; stage: string; enteredAt: string }>>();
const applyEvents = new Map<string, { filingId: string; stateName: string; executionId: string }>();
const ended = new Map<string, ExecutionSummary>();

function record<T>(map: Map<string, T[]>, key: string, value: T): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

let sfn: LocalStepFunctions;
let client: SFNClient;

beforeAll(async () => {
  sfn = await startLocalStepFunctions({
    definitionPath: DEFINITION,
    retryDelayScale: 0,
    handlers: {
      checkResources: async (event: { filingId: string; executionName: string }) => {
        record(checkCalls, event.filingId, event);
        const left = throttles.get(event.filingId) ?? 0;
        if (left > 0) {
          throttles.set(event.filingId, left - 1);
          const error = new Error('Rate exceeded');
          error.name = 'ThrottlingException';
          throw error;
        }
        return { attempts: checkCalls.get(event.filingId)!.length };
      },
      awaitCallback: async (event: { filingId: string; taskToken: string; stage: string; enteredAt: string }) => {
        record(callbackEvents, event.filingId, event);
        if (event.filingId === 'F-ANSWERED-BY-HANDLER') {
          // As a handler would: its own client, configured by AWS_ENDPOINT_URL_SFN alone.
          const own = new SFNClient({ region: 'cn-northwest-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
          await own.send(new SendTaskSuccessCommand({ taskToken: event.taskToken, output: '{"decision":"APPROVE"}' }));
          own.destroy();
        }
      },
      applyDecision: async (event: { filingId: string; stateName: string; executionId: string }) => {
        applyEvents.set(event.filingId, event);
        return { applied: true };
      },
    },
    onExecutionEnd: (execution) => {
      ended.set(execution.name, execution);
    },
  });
  // The handlers reach the runtime the way deployed code is configured: the SDK's endpoint env override.
  process.env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
  client = new SFNClient({
    region: 'cn-northwest-1',
    credentials: { accessKeyId: 'AKIALOCALREVIEWER001', secretAccessKey: 'local-secret-reviewer' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  delete process.env.AWS_ENDPOINT_URL_SFN;
  await sfn.stop();
});

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function inputOf(filingId: string, reviewTimeoutSeconds = 60): string {
  return JSON.stringify({ filingId, reviewTimeoutSeconds });
}

async function start(filingId: string, reviewTimeoutSeconds = 60): Promise<string> {
  const { executionArn } = await client.send(
    new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: `${filingId}-r1`, input: inputOf(filingId, reviewTimeoutSeconds) }),
  );
  return executionArn!;
}

const tokenOf = (filingId: string, attempt = 0): Promise<string> =>
  waitFor(() => callbackEvents.get(filingId)?.[attempt]?.taskToken, `the task token of ${filingId}`);
const endOf = (filingId: string): Promise<ExecutionSummary> => waitFor(() => ended.get(`${filingId}-r1`), `the end of ${filingId}`);

async function failureOf(request: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await request;
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode };
  }
  throw new Error('the request succeeded');
}

describe('callback tasks', () => {
  it('issues a token to the handler, waits, and continues with the SendTaskSuccess output through the Choice', async () => {
    const executionArn = await start('F-SUCCESS');
    const token = await tokenOf('F-SUCCESS');

    const running = sfn.listExecutions('RUNNING').find((execution) => execution.executionArn === executionArn);
    expect(running).toMatchObject({ name: 'F-SUCCESS-r1', currentState: 'PreliminaryReview' });
    expect(running?.waitingTask).toMatchObject({ stateName: 'PreliminaryReview', functionName: 'awaitCallback' });
    expect(running!.waitingTask!.timeoutAt!.getTime() - running!.waitingTask!.startedAt.getTime()).toBe(60_000);
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'APPROVE' }) }));
    const execution = await endOf('F-SUCCESS');

    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toEqual({
      filingId: 'F-SUCCESS',
      reviewTimeoutSeconds: 60,
      check: { attempts: 1 },
      review: { decision: 'APPROVE' },
      applied: { applied: true },
    });
    // Context object: $$.Execution.Name, $$.Execution.Id, $$.State.Name, $$.State.EnteredTime.
    expect(checkCalls.get('F-SUCCESS')).toEqual([{ filingId: 'F-SUCCESS', executionName: 'F-SUCCESS-r1' }]);
    expect(applyEvents.get('F-SUCCESS')).toEqual({ filingId: 'F-SUCCESS', stateName: 'ApplyDecision', executionId: executionArn });
    const [callback] = callbackEvents.get('F-SUCCESS')!;
    expect(callback).toMatchObject({ stage: 'PRELIMINARY_REVIEW' });
    expect(Number.isNaN(Date.parse(callback!.enteredAt))).toBe(false);
    expect(execution.stateTransitions).toBe(4);

    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'F-SUCCESS-r1', stateMachineArn: sfn.stateMachineArn });
    expect(JSON.parse(described.output!)).toEqual(execution.output);
    expect(described.stopDate).toBeInstanceOf(Date);
  });

  it('accepts an answer sent by the handler itself before it returns', async () => {
    await start('F-ANSWERED-BY-HANDLER');
    const execution = await endOf('F-ANSWERED-BY-HANDLER');
    expect(execution.output).toMatchObject({ review: { decision: 'APPROVE' }, applied: { applied: true } });
  });

  it('takes the Choice default for another decision', async () => {
    await start('F-NOT-APPROVED');
    await client.send(new SendTaskSuccessCommand({ taskToken: await tokenOf('F-NOT-APPROVED'), output: '{"decision":"REJECT"}' }));
    const execution = await endOf('F-NOT-APPROVED');
    expect(execution.output).toMatchObject({ status: 'RETURNED', review: { decision: 'REJECT' } });
    expect(applyEvents.has('F-NOT-APPROVED')).toBe(false);
  });

  it('fails the state with the SendTaskFailure error name, which Catch routes', async () => {
    await start('F-REJECTED');
    await client.send(
      new SendTaskFailureCommand({ taskToken: await tokenOf('F-REJECTED'), error: 'REVIEW_REJECTED', cause: 'the licence is missing' }),
    );
    const execution = await endOf('F-REJECTED');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({ status: 'RETURNED', error: { Error: 'REVIEW_REJECTED', Cause: 'the licence is missing' } });
    expect(applyEvents.has('F-REJECTED')).toBe(false);
  });

  it('lets States.TaskFailed catch any other failure name', async () => {
    await start('F-OTHER-FAILURE');
    await client.send(new SendTaskFailureCommand({ taskToken: await tokenOf('F-OTHER-FAILURE'), error: 'Boom', cause: 'unexpected' }));
    const execution = await endOf('F-OTHER-FAILURE');
    expect(execution).toMatchObject({ status: 'FAILED', error: 'SYSTEM_ERROR', cause: 'a task failed after its retries' });
  });

  it('times out with States.Timeout after TimeoutSecondsPath (not caught by States.TaskFailed), and closes the token', async () => {
    const startedAt = Date.now();
    await start('F-TIMEOUT', 1);
    const token = await tokenOf('F-TIMEOUT');
    const execution = await endOf('F-TIMEOUT');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(execution.output).toMatchObject({ status: 'EXPIRED', error: { Error: 'States.Timeout' } });

    expect(await failureOf(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).toEqual({
      name: 'TaskTimedOut',
      status: 400,
    });
    expect((await failureOf(client.send(new SendTaskHeartbeatCommand({ taskToken: token })))).name).toBe('TaskTimedOut');
  });

  it('answers TaskDoesNotExist for a token it never issued', async () => {
    const taskToken = 'AAAAKgAAAAIAAAAAAAAAAfAKEtoken';
    for (const command of [
      new SendTaskSuccessCommand({ taskToken, output: '{}' }),
      new SendTaskFailureCommand({ taskToken, error: 'X' }),
      new SendTaskHeartbeatCommand({ taskToken }),
    ]) {
      expect(await failureOf(client.send(command as SendTaskSuccessCommand))).toEqual({ name: 'TaskDoesNotExist', status: 400 });
    }
  });

  it('answers TaskTimedOut to a second answer of one token, which does not change the outcome', async () => {
    await start('F-TWICE');
    const token = await tokenOf('F-TWICE');
    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"APPROVE"}' }));

    expect((await failureOf(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"REJECT"}' })))).name).toBe(
      'TaskTimedOut',
    );
    expect((await failureOf(client.send(new SendTaskFailureCommand({ taskToken: token, error: 'REVIEW_REJECTED' })))).name).toBe(
      'TaskTimedOut',
    );
    expect((await endOf('F-TWICE')).output).toMatchObject({ review: { decision: 'APPROVE' }, applied: { applied: true } });
  });

  it('refuses an output that is not JSON with InvalidOutput and keeps the task open', async () => {
    await start('F-BAD-OUTPUT');
    const token = await tokenOf('F-BAD-OUTPUT');
    expect((await failureOf(client.send(new SendTaskSuccessCommand({ taskToken: token, output: 'approve' })))).name).toBe('InvalidOutput');
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"APPROVE"}' }));
    expect((await endOf('F-BAD-OUTPUT')).status).toBe('SUCCEEDED');
  });
});

describe('StopExecution', () => {
  it('aborts an execution waiting on a callback: ABORTED, the token closed, nothing after it runs', async () => {
    const executionArn = await start('F-WITHDRAWN');
    const token = await tokenOf('F-WITHDRAWN');

    const { stopDate } = await client.send(new StopExecutionCommand({ executionArn, error: 'WITHDRAWN', cause: 'withdrawn by the customer' }));
    expect(stopDate).toBeInstanceOf(Date);

    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'WITHDRAWN', cause: 'withdrawn by the customer' });
    expect(described.output).toBeUndefined();
    expect((await endOf('F-WITHDRAWN')).status).toBe('ABORTED');
    expect(sfn.listExecutions('RUNNING').map((execution) => execution.executionArn)).not.toContain(executionArn);

    expect((await failureOf(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"APPROVE"}' })))).name).toBe(
      'TaskTimedOut',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(applyEvents.has('F-WITHDRAWN')).toBe(false);
    expect(sfn.getExecution(executionArn)?.status).toBe('ABORTED');
  });

  it('answers ExecutionDoesNotExist for an unknown execution', async () => {
    const executionArn = sfn.stateMachineArn.replace(':stateMachine:', ':execution:') + ':nobody-r1';
    expect(await failureOf(client.send(new StopExecutionCommand({ executionArn })))).toEqual({ name: 'ExecutionDoesNotExist', status: 400 });
    expect((await failureOf(client.send(new DescribeExecutionCommand({ executionArn })))).name).toBe('ExecutionDoesNotExist');
  });
});

describe('StartExecution', () => {
  it('is idempotent for the same name and input while running, and refuses another input or a closed name', async () => {
    const first = await client.send(
      new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: 'F-IDEMPOTENT-r1', input: inputOf('F-IDEMPOTENT') }),
    );
    await tokenOf('F-IDEMPOTENT');
    const again = await client.send(
      new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: 'F-IDEMPOTENT-r1', input: inputOf('F-IDEMPOTENT') }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    expect(first.executionArn).toBe(
      'arn:aws-cn:states:cn-northwest-1:999999999999:execution:review-machine:F-IDEMPOTENT-r1',
    );
    expect(checkCalls.get('F-IDEMPOTENT')).toHaveLength(1);

    const otherInput = client.send(
      new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: 'F-IDEMPOTENT-r1', input: inputOf('F-IDEMPOTENT', 30) }),
    );
    expect(await failureOf(otherInput)).toEqual({ name: 'ExecutionAlreadyExists', status: 400 });

    await client.send(new SendTaskSuccessCommand({ taskToken: await tokenOf('F-IDEMPOTENT'), output: '{"decision":"APPROVE"}' }));
    await endOf('F-IDEMPOTENT');
    const closedName = client.send(
      new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: 'F-IDEMPOTENT-r1', input: inputOf('F-IDEMPOTENT') }),
    );
    expect((await failureOf(closedName)).name).toBe('ExecutionAlreadyExists');
    expect(checkCalls.get('F-IDEMPOTENT')).toHaveLength(1);
  });

  it('refuses an unknown state machine, an input that is not JSON and an invalid name', async () => {
    const unknownMachine = client.send(
      new StartExecutionCommand({ stateMachineArn: `${sfn.stateMachineArn}-other`, name: 'F-X-r1', input: '{}' }),
    );
    expect((await failureOf(unknownMachine)).name).toBe('StateMachineDoesNotExist');
    const badInput = client.send(new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: 'F-Y-r1', input: '{filingId' }));
    expect((await failureOf(badInput)).name).toBe('InvalidExecutionInput');
    const badName = client.send(new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: 'F Z/r1', input: '{}' }));
    expect((await failureOf(badName)).name).toBe('InvalidName');
    expect(sfn.listExecutions().map((execution) => execution.name)).not.toEqual(expect.arrayContaining(['F-X-r1', 'F-Y-r1']));
  });
});

describe('Retry', () => {
  it('retries a handler that throws a throttling error twice, then continues; retries count as transitions', async () => {
    throttles.set('F-THROTTLED', 2);
    await start('F-THROTTLED');
    await client.send(new SendTaskSuccessCommand({ taskToken: await tokenOf('F-THROTTLED'), output: '{"decision":"APPROVE"}' }));
    const execution = await endOf('F-THROTTLED');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({ check: { attempts: 3 } });
    expect(checkCalls.get('F-THROTTLED')).toHaveLength(3);
    expect(execution.stateTransitions).toBe(6);
  });

  it('gives up after MaxAttempts and lets Catch route the last error', async () => {
    throttles.set('F-ALWAYS-THROTTLED', 100);
    await start('F-ALWAYS-THROTTLED');
    const execution = await endOf('F-ALWAYS-THROTTLED');
    expect(checkCalls.get('F-ALWAYS-THROTTLED')).toHaveLength(4);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'SYSTEM_ERROR' });
    expect(callbackEvents.has('F-ALWAYS-THROTTLED')).toBe(false);
  });
});
