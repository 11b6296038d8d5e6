import type { Context } from 'aws-lambda';
import type { FunctionName } from '../../../lambdas/catalog.js';

/**
 * A Lambda handler as the local runtime calls it: `(event, context)`, sync or async.
 * `never` for the event lets any handler's own event type be passed in.
 */
export type LocalLambdaHandler = (event: never, context: Context) => unknown;

/** The handlers bound to the Task states, by catalog key (`${<key>Arn}` in the ASL). */
export type LocalHandlers = Partial<Record<FunctionName, LocalLambdaHandler>>;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A callback Task (`.waitForTaskToken`) that waits for SendTaskSuccess / SendTaskFailure. */
export interface WaitingTask {
  stateName: string;
  /** The handler the token was handed to (catalog key); absent for a non-Lambda integration. */
  functionName?: FunctionName;
  startedAt: Date;
  /** When `TimeoutSeconds`/`TimeoutSecondsPath` makes it fail with `States.Timeout`. */
  timeoutAt?: Date;
}

/** What the runtime knows of one execution (all of it lives in memory). */
export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  /** `<filingId>-r<revision>` by the platform's convention. */
  name: string;
  status: ExecutionStatus;
  input: unknown;
  startDate: Date;
  stopDate?: Date;
  output?: unknown;
  error?: string;
  cause?: string;
  /** The state the execution is in (RUNNING only). */
  currentState?: string;
  /** The callback it is waiting on, if any (RUNNING only). */
  waitingTask?: WaitingTask;
  /** State transitions so far, as Step Functions bills them: states entered plus retries. */
  stateTransitions: number;
}

export interface LocalStepFunctionsOptions {
  /** The ASL file (JSONPath), e.g. `state-machines/recordal-lifecycle.asl.json`. */
  definitionPath: string;
  /** Handlers for every `${<key>Arn}` the definition references. */
  handlers: LocalHandlers;
  /** Loopback port of the SFN endpoint; 0 or absent picks a free one. */
  port?: number;
  /**
   * Multiplies every Retry delay (`IntervalSeconds`, `MaxDelaySeconds`; backoff and jitter kept).
   * 1 (default) is real time; tests pass 0 or a small fraction.
   */
  retryDelayScale?: number;
  /**
   * Multiplies every Task state's `TimeoutSeconds[Path]` and `HeartbeatSeconds[Path]` (not the
   * execution's). 1 (default) is real time; workflow tests pass a small factor (1e-6 turns a
   * 7-day verification deadline into 0.6 s).
   */
  taskTimeoutScale?: number;
  /** Called once when an execution ends (SUCCEEDED, FAILED, TIMED_OUT or ABORTED). */
  onExecutionEnd?: (execution: ExecutionSummary) => void | Promise<void>;
  /** Default: the file name without `.asl.json`. */
  stateMachineName?: string;
  /**
   * `DefinitionSubstitutions` beyond those the runtime provides: `${<catalogKey>Arn}` for every
   * catalog function, `${partition}` (aws-cn), `${region}` (cn-northwest-1), `${accountId}`.
   */
  substitutions?: Record<string, string>;
  /**
   * Local implementations of optimised integrations other than Lambda, by key
   * (`sns:publish` for `arn:aws-cn:states:::sns:publish`): parameters in, result out.
   */
  serviceIntegrations?: Record<string, (parameters: unknown) => unknown>;
  /** Account id in the ARNs. Default `999999999999` (the local platform account of docs/design/api.md). */
  accountId?: string;
}

export interface LocalStepFunctions {
  /** `http://127.0.0.1:<port>`: set it as `AWS_ENDPOINT_URL_SFN` for the handlers. */
  endpoint: string;
  /** `arn:aws-cn:states:cn-northwest-1:<account>:stateMachine:<name>`: set it as `STATE_MACHINE_ARN`. */
  stateMachineArn: string;
  /** Every execution since start, newest first; pass a status to filter (e.g. RUNNING). `input`/`output` are shared: do not change them. */
  listExecutions(status?: ExecutionStatus): ExecutionSummary[];
  /** One execution by ARN, or undefined. */
  getExecution(executionArn: string): ExecutionSummary | undefined;
  /** Closes the endpoint and aborts every running execution (without calling onExecutionEnd). */
  stop(): Promise<void>;
}
