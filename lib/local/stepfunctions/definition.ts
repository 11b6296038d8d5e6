/**
 * Loads the ASL file as Step Functions would see it after CDK's `DefinitionSubstitutions`,
 * validates it with aws-local-stepfunctions' own validator, then rewrites it IN MEMORY (the
 * file is never changed) where the library differs from Step Functions:
 *
 * - Task tokens (`$$.Task.Token`) and `$$.State.*` do not exist in the library's context
 *   object: the Parameters reference becomes a placeholder that the task invoker fills in.
 * - The library evaluates `TimeoutSecondsPath` against the input AFTER `Parameters` (Step
 *   Functions reads the state input), defaults a Task's timeout to 60 s (Step Functions: none
 *   for callbacks), has no heartbeats, and arms timers with `setTimeout`, which fires at once
 *   for more than 2^31-1 ms (24.8 days, shorter than a CA review). So every Task state is given
 *   an envelope Parameters `{parameters, timeoutSeconds, heartbeatSeconds}` (evaluated by the
 *   library against the state input), the library's own Task timer is set to its maximum, and
 *   the task invoker enforces timeouts and heartbeats itself. The execution-level
 *   `TimeoutSeconds` is likewise enforced by the runtime.
 * - Retry delays are multiplied by `retryDelayScale` (backoff and full jitter preserved).
 * - A heartbeat timeout is `States.HeartbeatTimeout`, which Step Functions also matches with
 *   `States.Timeout`: retriers and catchers naming `States.Timeout` are given both names.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { FUNCTIONS, type FunctionName } from '../../../lambdas/catalog.js';
import { LOCAL_PARTITION, LOCAL_REGION, catalogFunctionOf, localFunctionArn } from './arns.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Longest timer `setTimeout` honours, in whole seconds (2^31-1 ms). */
export const MAX_TIMER_SECONDS = 2_147_483;

/** Keys of the envelope every rewritten Task state receives as its (processed) input. */
export const ENVELOPE = {
  parameters: 'parameters',
  timeoutSeconds: 'timeoutSeconds',
  heartbeatSeconds: 'heartbeatSeconds',
} as const;

/** Values the task invoker replaces when it calls a Task's resource. */
export const PLACEHOLDER = {
  taskToken: '\u0000local-sfn:$$.Task.Token',
  stateEnteredTime: '\u0000local-sfn:$$.State.EnteredTime',
} as const;

export type TaskKind =
  /** `Resource` is the function ARN: the handler gets the effective input, the result is its answer. */
  | 'lambda-function'
  /** `arn:<p>:states:::lambda:invoke[.waitForTaskToken]`: `Parameters.FunctionName` + `Payload`. */
  | 'lambda-invoke'
  /** Another optimised integration (`arn:<p>:states:::sns:publish` …), served by `serviceIntegrations`. */
  | 'service';

export interface TaskBinding {
  stateName: string;
  kind: TaskKind;
  /** `.waitForTaskToken`: the state ends on SendTaskSuccess / SendTaskFailure. */
  waitForTaskToken: boolean;
  /** The catalog function when it is known at load time (absent for `FunctionName.$`). */
  functionName?: FunctionName;
  /** For `service`: the integration key, e.g. `sns:publish`. */
  integration?: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

export interface LoadedDefinition {
  stateMachineName: string;
  /** The definition as the library executes it (rewritten; not validated again). */
  runnable: StateMachineDefinition;
  /** Every Task state by name (names are unique across branches, as ASL requires). */
  bindings: Map<string, TaskBinding>;
  /** The execution-level `TimeoutSeconds`, enforced by the runtime. */
  executionTimeoutSeconds?: number;
}

export interface LoadOptions {
  definitionPath: string;
  accountId: string;
  retryDelayScale: number;
  /**
   * Substitutions beyond the built-in ones: `${<catalogKey>Arn}` for every catalog function,
   * `${partition}` (aws-cn), `${region}` (cn-northwest-1), `${accountId}`.
   */
  substitutions?: Record<string, string>;
  /** Integration keys (`sns:publish` …) the caller can serve. */
  serviceIntegrations?: readonly string[];
  /** Only these functions may be referenced: the handlers the caller passed. */
  availableFunctions: ReadonlySet<FunctionName>;
  /** Default: the file name without `.asl.json`. */
  stateMachineName?: string;
}

export class DefinitionError extends Error {
  constructor(definitionPath: string, public readonly problems: readonly string[]) {
    super(`${definitionPath} cannot run locally:\n- ${problems.join('\n- ')}`);
    this.name = 'DefinitionError';
  }
}

export function stateMachineNameOf(definitionPath: string): string {
  return basename(definitionPath).replace(/\.asl\.json$|\.json$/, '');
}

export function loadDefinition(options: LoadOptions): LoadedDefinition {
  const problems: string[] = [];
  const raw: unknown = JSON.parse(readFileSync(options.definitionPath, 'utf8'));
  const substitutions = new Map<string, string>([
    ['partition', LOCAL_PARTITION],
    ['region', LOCAL_REGION],
    ['accountId', options.accountId],
  ]);
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    substitutions.set(`${name}Arn`, localFunctionArn(options.accountId, name));
  }
  for (const [key, value] of Object.entries(options.substitutions ?? {})) substitutions.set(key, value);
  const substituted = substitute(raw as Json, substitutions, problems) as JsonObject;
  if (problems.length > 0) throw new DefinitionError(options.definitionPath, problems);

  try {
    // The library's validator (asl-validator, ARNs and paths checked) on the definition as written.
    new StateMachine(substituted as unknown as StateMachineDefinition);
  } catch (error) {
    throw new DefinitionError(options.definitionPath, [(error as Error).message]);
  }

  const bindings = new Map<string, TaskBinding>();
  const runnable = structuredClone(substituted);
  const executionTimeoutSeconds = typeof runnable.TimeoutSeconds === 'number' ? runnable.TimeoutSeconds : undefined;
  delete runnable.TimeoutSeconds;
  rewriteStates(runnable, { ...options, bindings, problems });
  if (problems.length > 0) throw new DefinitionError(options.definitionPath, problems);
  return {
    stateMachineName: options.stateMachineName ?? stateMachineNameOf(options.definitionPath),
    runnable: runnable as unknown as StateMachineDefinition,
    bindings,
    executionTimeoutSeconds,
  };
}

function substitute(value: Json, substitutions: Map<string, string>, problems: string[]): Json {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
      const replacement = substitutions.get(key);
      if (replacement === undefined) problems.push(`no value for the substitution ${whole}`);
      return replacement ?? whole;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, substitutions, problems));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, substitutions, problems)]));
  }
  return value;
}

interface RewriteContext extends LoadOptions {
  bindings: Map<string, TaskBinding>;
  problems: string[];
}

function rewriteStates(machine: JsonObject, context: RewriteContext): void {
  const states = machine.States as Record<string, JsonObject>;
  for (const [stateName, state] of Object.entries(states)) {
    for (const branch of (state.Branches as JsonObject[] | undefined) ?? []) rewriteStates(branch, context);
    for (const key of ['Iterator', 'ItemProcessor'] as const) {
      if (state[key]) rewriteStates(state[key] as JsonObject, context);
    }
    if (state.Type === 'Task') rewriteTask(stateName, state, context);
    else rewriteContextReferences(stateName, state, false, context.problems);
    if (state.Type === 'Wait' && typeof state.Seconds === 'number' && state.Seconds > MAX_TIMER_SECONDS) {
      context.problems.push(`${stateName}: a Wait longer than ${MAX_TIMER_SECONDS} s is beyond the local timers`);
    }
    for (const retrier of (state.Retry as JsonObject[] | undefined) ?? []) {
      scaleRetrier(retrier, context.retryDelayScale);
      matchHeartbeatAsTimeout(retrier);
    }
    for (const catcher of (state.Catch as JsonObject[] | undefined) ?? []) matchHeartbeatAsTimeout(catcher);
  }
}

function rewriteTask(stateName: string, state: JsonObject, context: RewriteContext): void {
  const { problems } = context;
  const binding = bindingOf(stateName, state, context);
  if (!binding) return;
  if (context.bindings.has(stateName)) {
    problems.push(`${stateName}: two Task states share this name; the local runtime binds handlers by state name`);
  }
  context.bindings.set(stateName, binding);

  rewriteContextReferences(stateName, state, binding.waitForTaskToken, problems);
  const envelope: JsonObject = {};
  if (state.Parameters !== undefined) envelope[ENVELOPE.parameters] = state.Parameters;
  else envelope[`${ENVELOPE.parameters}.$`] = '$';
  if (typeof state.TimeoutSecondsPath === 'string') envelope[`${ENVELOPE.timeoutSeconds}.$`] = state.TimeoutSecondsPath;
  if (typeof state.HeartbeatSecondsPath === 'string') envelope[`${ENVELOPE.heartbeatSeconds}.$`] = state.HeartbeatSecondsPath;
  state.Parameters = envelope;
  delete state.TimeoutSecondsPath;
  delete state.HeartbeatSeconds;
  delete state.HeartbeatSecondsPath;
  state.TimeoutSeconds = MAX_TIMER_SECONDS;
}

function bindingOf(stateName: string, state: JsonObject, context: RewriteContext): TaskBinding | undefined {
  const { problems } = context;
  const resource = String(state.Resource);
  const timing = {
    timeoutSeconds: typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined,
    heartbeatSeconds: typeof state.HeartbeatSeconds === 'number' ? state.HeartbeatSeconds : undefined,
  };
  const checkFunction = (functionName: FunctionName | undefined, reference: string): FunctionName | undefined => {
    if (!functionName) problems.push(`${stateName}: ${reference} is not a function of lambdas/catalog.ts`);
    else if (!context.availableFunctions.has(functionName)) problems.push(`${stateName}: no handler given for ${functionName}`);
    return functionName;
  };

  const integration = /^arn:[^:]+:states:::(.+?)(\.waitForTaskToken)?$/.exec(resource);
  if (integration) {
    const waitForTaskToken = integration[2] !== undefined;
    const service = integration[1]!;
    if (service === 'lambda:invoke') {
      const parameters = (state.Parameters ?? {}) as JsonObject;
      const reference = parameters.FunctionName;
      const functionName = typeof reference === 'string' ? checkFunction(catalogFunctionOf(reference), reference) : undefined;
      if (typeof reference !== 'string' && typeof parameters['FunctionName.$'] !== 'string') {
        problems.push(`${stateName}: lambda:invoke without Parameters.FunctionName`);
      }
      return { stateName, kind: 'lambda-invoke', waitForTaskToken, functionName, ...timing };
    }
    if (!context.serviceIntegrations?.includes(service)) {
      problems.push(`${stateName}: the integration ${service} has no local implementation (pass serviceIntegrations)`);
      return undefined;
    }
    return { stateName, kind: 'service', waitForTaskToken, integration: service, ...timing };
  }
  if (/^arn:[^:]+:lambda:/.test(resource)) {
    const functionName = checkFunction(catalogFunctionOf(resource), resource);
    return { stateName, kind: 'lambda-function', waitForTaskToken: false, functionName, ...timing };
  }
  problems.push(`${stateName}: the resource ${resource} has no local implementation`);
  return undefined;
}

/**
 * Context-object references the library cannot resolve: in a Task's Parameters, `$$.Task.Token`
 * (callback states) and `$$.State.EnteredTime` become placeholders; `$$.State.Name` becomes the
 * name itself; anything else of `$$.State` / `$$.Task` is reported.
 */
function rewriteContextReferences(stateName: string, state: JsonObject, callback: boolean, problems: string[]): void {
  const rewrite = (value: Json, inTaskParameters: boolean): Json => {
    if (Array.isArray(value)) return value.map((item) => rewrite(item, inTaskParameters));
    if (value === null || typeof value !== 'object') return value;
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.endsWith('.$') && typeof item === 'string') {
        const plainKey = key.slice(0, -2);
        if (item === '$$.State.Name') result[plainKey] = stateName;
        else if (inTaskParameters && item === '$$.State.EnteredTime') result[plainKey] = PLACEHOLDER.stateEnteredTime;
        else if (inTaskParameters && callback && item === '$$.Task.Token') result[plainKey] = PLACEHOLDER.taskToken;
        else if (/\$\$\.(State|Task)\b/.test(item)) {
          problems.push(`${stateName}: ${key} = ${item} is not available in the local runtime`);
          result[key] = item;
        } else result[key] = item;
      } else result[key] = rewrite(item, inTaskParameters);
    }
    return result;
  };
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector'] as const) {
    if (state[field] !== undefined) state[field] = rewrite(state[field], field === 'Parameters' && state.Type === 'Task');
  }
}

function scaleRetrier(retrier: JsonObject, scale: number): void {
  if (scale === 1) return;
  retrier.IntervalSeconds = (typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1) * scale;
  if (typeof retrier.MaxDelaySeconds === 'number') retrier.MaxDelaySeconds = retrier.MaxDelaySeconds * scale;
}

function matchHeartbeatAsTimeout(rule: JsonObject): void {
  const errors = rule.ErrorEquals as string[];
  if (errors.includes('States.Timeout') && !errors.includes('States.HeartbeatTimeout')) {
    rule.ErrorEquals = [...errors, 'States.HeartbeatTimeout'];
  }
}
