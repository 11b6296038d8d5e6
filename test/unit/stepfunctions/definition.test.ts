import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunctionName } from '../../../lambdas/catalog.js';
import {
  DefinitionError,
  ENVELOPE,
  MAX_TIMER_SECONDS,
  PLACEHOLDER,
  loadDefinition,
  type JsonObject,
} from '../../../lib/local/stepfunctions/definition.js';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'local-sfn-definition-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const ALL: FunctionName[] = ['checkResources', 'awaitCallback', 'transition'];

function load(definition: object, options: { retryDelayScale?: number; available?: FunctionName[] } = {}) {
  const definitionPath = join(folder, `machine-${Math.random().toString(36).slice(2)}.asl.json`);
  writeFileSync(definitionPath, JSON.stringify(definition));
  return loadDefinition({
    definitionPath,
    accountId: '999999999999',
    retryDelayScale: options.retryDelayScale ?? 1,
    availableFunctions: new Set(options.available ?? ALL),
  });
}

function problemsOf(definition: object, options?: { available?: FunctionName[] }): readonly string[] {
  try {
    load(definition, options);
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  throw new Error('the definition loaded');
}

const callbackState = {
  Type: 'Task',
  Resource: 'arn:${partition}:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: '${awaitCallbackArn}', Payload: { 'taskToken.$': '$$.Task.Token', 'filingId.$': '$.filingId', 'at.$': '$$.State.EnteredTime' } },
  TimeoutSecondsPath: '$.timeoutSeconds.REVIEW',
  HeartbeatSeconds: 600,
  Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' }],
  Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Done' }],
  Next: 'Done',
};

describe('loadDefinition', () => {
  it('substitutes the catalog ARNs and ${partition}, and binds each Task state to its function', () => {
    const loaded = load({
      TimeoutSeconds: 86400,
      StartAt: 'Check',
      States: {
        Check: { Type: 'Task', Resource: '${checkResourcesArn}', TimeoutSeconds: 120, Next: 'Review' },
        Review: callbackState,
        Done: { Type: 'Succeed' },
      },
    });
    expect(loaded.stateMachineName).toMatch(/^machine-/);
    expect(loaded.executionTimeoutSeconds).toBe(86400);
    expect((loaded.runnable as unknown as JsonObject).TimeoutSeconds).toBeUndefined();
    expect(loaded.bindings.get('Check')).toEqual({
      stateName: 'Check',
      kind: 'lambda-function',
      waitForTaskToken: false,
      functionName: 'checkResources',
      timeoutSeconds: 120,
      heartbeatSeconds: undefined,
    });
    expect(loaded.bindings.get('Review')).toMatchObject({
      kind: 'lambda-invoke',
      waitForTaskToken: true,
      functionName: 'awaitCallback',
      heartbeatSeconds: 600,
    });
    expect(loaded.runnable.States.Check).toMatchObject({ Resource: 'arn:aws-cn:lambda:cn-northwest-1:999999999999:function:check-resources' });
  });

  it('rewrites a callback state: envelope Parameters, token placeholder, own timers, scaled retries, heartbeat timeouts caught as timeouts', () => {
    const loaded = load(
      { StartAt: 'Review', States: { Review: callbackState, Done: { Type: 'Succeed' } } },
      { retryDelayScale: 0.5 },
    );
    const review = loaded.runnable.States.Review as unknown as JsonObject;
    expect(review.Resource).toBe('arn:aws-cn:states:::lambda:invoke.waitForTaskToken');
    expect(review.Parameters).toEqual({
      [ENVELOPE.parameters]: {
        FunctionName: 'arn:aws-cn:lambda:cn-northwest-1:999999999999:function:await-callback',
        Payload: { taskToken: PLACEHOLDER.taskToken, 'filingId.$': '$.filingId', at: PLACEHOLDER.stateEnteredTime },
      },
      [`${ENVELOPE.timeoutSeconds}.$`]: '$.timeoutSeconds.REVIEW',
    });
    expect(review.TimeoutSeconds).toBe(MAX_TIMER_SECONDS);
    expect(review.TimeoutSecondsPath).toBeUndefined();
    expect(review.HeartbeatSeconds).toBeUndefined();
    expect(review.Retry).toEqual([
      { ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxDelaySeconds: 30, JitterStrategy: 'FULL' },
    ]);
    expect(review.Catch).toEqual([{ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], Next: 'Done' }]);
  });

  it('passes the effective input as the envelope parameters when a Task has no Parameters, and names $$.State.Name', () => {
    const loaded = load({
      StartAt: 'Return',
      States: {
        Return: { Type: 'Task', Resource: '${transitionArn}', ResultSelector: { 'state.$': '$$.State.Name' }, End: true },
      },
    });
    const state = loaded.runnable.States.Return as unknown as JsonObject;
    expect(state.Parameters).toEqual({ [`${ENVELOPE.parameters}.$`]: '$' });
    expect(state.ResultSelector).toEqual({ state: 'Return' });
  });

  it('reports everything that cannot run locally at once', () => {
    const problems = problemsOf(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Task', Resource: '${nopeArn}', Next: 'B' },
          B: { Type: 'Task', Resource: 'arn:aws-cn:states:::sqs:sendMessage', Parameters: { QueueUrl: 'q' }, Next: 'C' },
          C: { Type: 'Task', Resource: '${updatePortsArn}', Next: 'D' },
          D: { Type: 'Task', Resource: '${transitionArn}', Parameters: { 'token.$': '$$.Task.Token', 'n.$': '$$.State.RetryCount' }, End: true },
        },
      },
    );
    expect(problems).toEqual(['no value for the substitution ${nopeArn}']);

    const laterProblems = problemsOf({
      StartAt: 'B',
      States: {
        B: { Type: 'Task', Resource: 'arn:aws-cn:states:::sqs:sendMessage', Parameters: { QueueUrl: 'q' }, Next: 'C' },
        C: { Type: 'Task', Resource: '${updatePortsArn}', Next: 'D' },
        D: { Type: 'Task', Resource: '${transitionArn}', Parameters: { 'token.$': '$$.Task.Token', 'n.$': '$$.State.RetryCount' }, End: true },
      },
    });
    expect(laterProblems).toEqual([
      'B: the integration sqs:sendMessage has no local implementation (pass serviceIntegrations)',
      'C: no handler given for updatePorts',
      'D: token.$ = $$.Task.Token is not available in the local runtime',
      'D: n.$ = $$.State.RetryCount is not available in the local runtime',
    ]);
  });

  it('refuses a definition the ASL validator rejects', () => {
    expect(problemsOf({ StartAt: 'Missing', States: { A: { Type: 'Succeed' } } })).toHaveLength(1);
  });
});
