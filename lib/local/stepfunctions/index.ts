/**
 * The local Step Functions runtime: the lifecycle ASL executed in-process by
 * aws-local-stepfunctions, its Task states bound to the same Lambda handlers, with task
 * tokens issued here and the SFN API (awsJson1_0) served on a loopback endpoint that the
 * handlers reach with `@aws-sdk/client-sfn` through `AWS_ENDPOINT_URL_SFN`.
 * What differs from the library, and how it is bridged: definition.ts and README.md here.
 */
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import type { FunctionName } from '../../../lambdas/catalog.js';
import { LOCAL_PLATFORM_ACCOUNT_ID } from '../lambda-context.js';
import { stateMachineArn as stateMachineArnOf } from './arns.js';
import { loadDefinition } from './definition.js';
import { TaskFailure } from './errors.js';
import { Executions } from './executions.js';
import { startSfnEndpoint } from './sfn-endpoint.js';
import { TaskTokens } from './task-tokens.js';
import type { LocalStepFunctions, LocalStepFunctionsOptions } from './types.js';

export type * from './types.js';
export { DefinitionError } from './definition.js';

export async function startLocalStepFunctions(options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> {
  const accountId = options.accountId ?? LOCAL_PLATFORM_ACCOUNT_ID;
  const serviceIntegrations = options.serviceIntegrations ?? {};
  const loaded = loadDefinition({
    definitionPath: options.definitionPath,
    accountId,
    retryDelayScale: options.retryDelayScale ?? 1,
    substitutions: options.substitutions,
    serviceIntegrations: Object.keys(serviceIntegrations),
    availableFunctions: new Set(
      Object.entries(options.handlers)
        .filter(([, handler]) => typeof handler === 'function')
        .map(([name]) => name as FunctionName),
    ),
    stateMachineName: options.stateMachineName,
  });
  const stateMachineArn = stateMachineArnOf(accountId, loaded.stateMachineName);
  const tokens = new TaskTokens();
  const executions = new Executions({
    loaded,
    handlers: options.handlers,
    serviceIntegrations,
    tokens,
    accountId,
    taskTimeoutScale: options.taskTimeoutScale ?? 1,
    stateMachineArn,
    timeoutError: await (libraryTimeoutErrorProbe ??= libraryTimeoutError()),
    onExecutionEnd: options.onExecutionEnd,
  });
  const machine = { stateMachineArn, name: loaded.stateMachineName, definition: readFileSync(options.definitionPath, 'utf8'), creationDate: new Date() };
  const server = await startSfnEndpoint(executions, tokens, machine, options.port ?? 0);
  return {
    endpoint: server.endpoint,
    stateMachineArn,
    listExecutions: (status) => executions.list(status),
    getExecution: (executionArn) => executions.get(executionArn),
    stop: async () => {
      executions.shutdown();
      tokens.closeAll();
      await server.close();
    },
  };
}

let libraryTimeoutErrorProbe: Promise<() => Error> | undefined;

/**
 * A factory of the library's own `States.Timeout` error. The library does not export its
 * class, and `States.TaskFailed` must not match a timeout; a 1 ms timeout of a probe machine
 * hands an instance over (`ExecutionError.cause`).
 */
async function libraryTimeoutError(): Promise<() => Error> {
  const probe = new StateMachine(
    {
      StartAt: 'Probe',
      States: { Probe: { Type: 'Task', Resource: 'arn:aws-cn:lambda:cn-northwest-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true } },
    },
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => undefined) } } });
  const failure = await run.result.then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.cause : undefined),
  );
  if (failure instanceof Error && failure.name === 'States.Timeout') {
    const TimeoutError = failure.constructor as new () => Error;
    return () => new TimeoutError();
  }
  return () => new TaskFailure('States.Timeout', 'States.Timeout');
}
