/**
 * What a Task state does locally: the function the library calls instead of the state's
 * `Resource` (its `taskResourceLocalHandlers`), one per Task state and execution. It reads the
 * envelope of definition.ts, issues the task token of a callback, calls the bound handler the
 * way Lambda would (JSON in and out, `errorType` as the error name), waits for the answer to
 * the token, and enforces the timeout and heartbeat.
 */
import type { RunOptions } from 'aws-local-stepfunctions';
import type { FunctionName } from '../../../lambdas/catalog.js';
import { lambdaContext } from '../lambda-context.js';
import { catalogFunctionOf, localFunctionName } from './arns.js';
import { ENVELOPE, PLACEHOLDER, type Json, type JsonObject, type LoadedDefinition, type TaskBinding } from './definition.js';
import { StatesRuntimeFailure, TaskFailure } from './errors.js';
import type { TaskOutcome, TaskTokens } from './task-tokens.js';
import { deferred, setLongTimeout } from './timers.js';
import type { LocalHandlers, WaitingTask } from './types.js';

/** Local implementations of optimised integrations other than Lambda, by key (`sns:publish`). */
export type ServiceIntegrations = Record<string, (parameters: unknown) => unknown>;

export interface TaskInvokerDependencies {
  loaded: LoadedDefinition;
  handlers: LocalHandlers;
  serviceIntegrations: ServiceIntegrations;
  tokens: TaskTokens;
  accountId: string;
  /** Multiplies every Task timeout and heartbeat (see LocalStepFunctionsOptions). */
  taskTimeoutScale: number;
  /** The library's own `States.Timeout` error (which `States.TaskFailed` does not match). */
  timeoutError: () => Error;
}

/** What the invoker needs of the execution it works for. */
export interface ExecutionPort {
  executionArn: string;
  isRunning(): boolean;
  setWaitingTask(task: WaitingTask | undefined): void;
}

/** The library's `taskResourceLocalHandlers`: one function per Task state name. */
export type TaskStateHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** Lambda's longest timeout: what `getRemainingTimeInMillis` counts down from. */
const LAMBDA_TIMEOUT_MS = 15 * 60 * 1000;

export function taskStateHandlers(dependencies: TaskInvokerDependencies, execution: ExecutionPort): TaskStateHandlers {
  const handlers: TaskStateHandlers = {};
  for (const binding of dependencies.loaded.bindings.values()) {
    handlers[binding.stateName] = (envelope) => runTask(dependencies, execution, binding, envelope as JsonObject);
  }
  return handlers;
}

async function runTask(
  dependencies: TaskInvokerDependencies,
  execution: ExecutionPort,
  binding: TaskBinding,
  envelope: JsonObject,
): Promise<Json> {
  if (!execution.isRunning()) throw new StatesRuntimeFailure('the execution was stopped');
  const scale = dependencies.taskTimeoutScale;
  const timeoutSeconds = scaled(binding.timeoutSeconds ?? secondsFromInput(envelope[ENVELOPE.timeoutSeconds], 'TimeoutSecondsPath'), scale);
  const heartbeatSeconds = scaled(
    binding.heartbeatSeconds ?? secondsFromInput(envelope[ENVELOPE.heartbeatSeconds], 'HeartbeatSecondsPath'),
    scale,
  );
  const startedAt = new Date();
  let parameters = replaceValue(envelope[ENVELOPE.parameters] ?? null, PLACEHOLDER.stateEnteredTime, startedAt.toISOString());

  const issued = binding.waitForTaskToken
    ? dependencies.tokens.issue(execution.executionArn, binding.stateName, heartbeatSeconds)
    : undefined;
  if (issued) parameters = replaceValue(parameters, PLACEHOLDER.taskToken, issued.token);

  const { promise: timedOut, reject: timeOut } = deferred<never>();
  const cancelTimeout =
    timeoutSeconds === undefined ? undefined : setLongTimeout(() => timeOut(dependencies.timeoutError()), timeoutSeconds * 1000);
  try {
    const work = async (): Promise<Json> => {
      const { value, functionName } = await callResource(dependencies, binding, parameters);
      if (!issued) return value;
      execution.setWaitingTask({
        stateName: binding.stateName,
        functionName,
        startedAt,
        timeoutAt: timeoutSeconds === undefined ? undefined : new Date(startedAt.getTime() + timeoutSeconds * 1000),
      });
      return outcomeResult(await issued.outcome, dependencies);
    };
    return await Promise.race([work(), timedOut]);
  } finally {
    cancelTimeout?.();
    if (issued) {
      dependencies.tokens.close(issued.token);
      execution.setWaitingTask(undefined);
    }
  }
}

interface CallResult {
  value: Json;
  functionName?: FunctionName;
}

async function callResource(
  dependencies: TaskInvokerDependencies,
  binding: TaskBinding,
  parameters: Json,
): Promise<CallResult> {
  const wrap = (value: Json, functionName?: FunctionName): CallResult => ({ value, functionName });
  switch (binding.kind) {
    case 'lambda-function': {
      const functionName = binding.functionName!;
      return wrap(await invokeLambda(dependencies, functionName, parameters), functionName);
    }
    case 'lambda-invoke': {
      const request = (parameters ?? {}) as JsonObject;
      const reference = String(request.FunctionName);
      const functionName = binding.functionName ?? catalogFunctionOf(reference);
      if (!functionName) {
        throw new TaskFailure('Lambda.ResourceNotFoundException', `Function not found: ${reference}`);
      }
      const payload = await invokeLambda(dependencies, functionName, request.Payload ?? {});
      // The shape of Lambda's Invoke answer, as `lambda:invoke` returns it.
      return wrap({ ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 }, functionName);
    }
    case 'service': {
      const integration = dependencies.serviceIntegrations[binding.integration!]!;
      try {
        return wrap(toJson(await integration(structuredClone(parameters))));
      } catch (error) {
        const failure = asError(error);
        throw new TaskFailure(failure.name, failure.message);
      }
    }
  }
}

async function invokeLambda(dependencies: TaskInvokerDependencies, functionName: FunctionName, payload: Json): Promise<Json> {
  const handler = dependencies.handlers[functionName];
  if (!handler) throw new TaskFailure('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
  const context = lambdaContext(localFunctionName(functionName), LAMBDA_TIMEOUT_MS);
  try {
    return toJson(await handler(structuredClone(payload) as never, context));
  } catch (error) {
    // Lambda reports an unhandled error as {errorType, errorMessage, trace}; Step Functions
    // names the failure after errorType and gives that document as the Cause.
    const failure = asError(error);
    const errorType = failure.name || 'Error';
    throw new TaskFailure(
      errorType,
      JSON.stringify({ errorType, errorMessage: failure.message, trace: failure.stack?.split('\n') ?? [] }),
    );
  }
}

function outcomeResult(outcome: TaskOutcome, dependencies: TaskInvokerDependencies): Json {
  switch (outcome.kind) {
    case 'success':
      return outcome.output as Json;
    case 'failure':
      throw new TaskFailure(outcome.error, outcome.cause);
    case 'heartbeat-timeout': {
      const error = dependencies.timeoutError();
      error.name = 'States.HeartbeatTimeout';
      throw error;
    }
    case 'closed':
      throw new StatesRuntimeFailure('the execution was stopped');
  }
}

function scaled(seconds: number | undefined, scale: number): number | undefined {
  return seconds === undefined ? undefined : seconds * scale;
}

function secondsFromInput(value: Json | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new StatesRuntimeFailure(`${field} must select a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function replaceValue(value: Json, placeholder: string, replacement: Json): Json {
  if (value === placeholder) return replacement;
  if (Array.isArray(value)) return value.map((item) => replaceValue(item, placeholder, replacement));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceValue(item, placeholder, replacement)]));
  }
  return value;
}

/** What crosses Lambda's boundary is JSON: no undefined, no class instances, no Dates. */
function toJson(value: unknown): Json {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(typeof error === 'string' ? error : JSON.stringify(error));
}
