/**
 * The executions of the one local state machine, in memory: start (idempotent by name),
 * stop, describe, and their bookkeeping (status, current state, waiting callback, state
 * transitions counted from the library's event log).
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ExecutionError, StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import { executionArn as executionArnOf } from './arns.js';
import type { Json } from './definition.js';
import { SfnApiError } from './errors.js';
import { executionHistory, type HistoryEvent, type LibraryEvent } from './history.js';
import { taskStateHandlers, type TaskInvokerDependencies } from './task-invoker.js';
import { setLongTimeout } from './timers.js';
import type { ExecutionStatus, ExecutionSummary, LocalStepFunctionsOptions } from './types.js';

interface ExecutionRecord extends ExecutionSummary {
  /** The library's events so far (GetExecutionHistory). */
  log: LibraryEvent[];
  abort?: () => void;
  cancelTimeout?: () => void;
  /** Settles when the library's event log has been read to its end. */
  eventsRead?: Promise<void>;
}

export interface ExecutionsDependencies extends TaskInvokerDependencies {
  stateMachineArn: string;
  onExecutionEnd?: LocalStepFunctionsOptions['onExecutionEnd'];
}

/** What Step Functions forbids in an execution name (besides being 1 to 80 characters). */
const FORBIDDEN_IN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

export class Executions {
  private readonly byArn = new Map<string, ExecutionRecord>();
  private readonly machine: StateMachine;
  private shuttingDown = false;

  constructor(private readonly dependencies: ExecutionsDependencies) {
    this.machine = new StateMachine(dependencies.loaded.runnable, { validationOptions: { noValidate: true } });
  }

  start(request: { stateMachineArn: string; name?: string; input?: string }): { executionArn: string; startDate: Date } {
    const { loaded, stateMachineArn, accountId } = this.dependencies;
    if (request.stateMachineArn !== stateMachineArn) {
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    }
    const name = request.name ?? randomUUID();
    if (name.length < 1 || name.length > 80 || FORBIDDEN_IN_NAME.test(name)) {
      throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    }
    const input = parseJson(request.input ?? '{}', 'InvalidExecutionInput');
    const executionArn = executionArnOf(accountId, loaded.stateMachineName, name);
    const existing = this.byArn.get(executionArn);
    if (existing) {
      // As on AWS: the same name and input while it runs is the same execution; otherwise refused.
      if (existing.status === 'RUNNING' && isDeepStrictEqual(existing.input, input)) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }

    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      status: 'RUNNING',
      input,
      startDate: new Date(),
      stateTransitions: 0,
      log: [],
    };
    this.byArn.set(executionArn, record);
    const runOptions: RunOptions = {
      overrides: {
        taskResourceLocalHandlers: taskStateHandlers(this.dependencies, {
          executionArn,
          isRunning: () => record.status === 'RUNNING',
          setWaitingTask: (task) => {
            record.waitingTask = task;
          },
        }),
      },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: executionArn, Name: name, StartTime: record.startDate.toISOString() },
        StateMachine: { Id: stateMachineArn, Name: loaded.stateMachineName },
      },
    };
    const run = this.machine.run(input as never, runOptions);
    record.abort = run.abort;
    record.eventsRead = (async () => {
      for await (const event of run.eventLogs) {
        record.log.push(event);
        // Billed transitions: every state entered (branch and iteration states included), every retry.
        if (event.type === 'StateEntered') {
          record.stateTransitions += 1;
          if (record.status === 'RUNNING') record.currentState = event.state.name;
        } else if (event.type === 'StateRetried') record.stateTransitions += 1;
      }
    })();
    if (loaded.executionTimeoutSeconds !== undefined) {
      record.cancelTimeout = setLongTimeout(
        () => this.finish(record, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution ran longer than its TimeoutSeconds' }),
        loaded.executionTimeoutSeconds * 1000,
      );
    }
    run.result.then(
      (output) => this.finish(record, 'SUCCEEDED', { output }),
      (error: unknown) => {
        const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : (error as Error);
        this.finish(record, 'FAILED', { error: failure.name, cause: failure.message });
      },
    );
    return { executionArn, startDate: record.startDate };
  }

  stop(request: { executionArn: string; error?: string; cause?: string }): { stopDate: Date } {
    const record = this.record(request.executionArn);
    if (record.status === 'RUNNING') this.finish(record, 'ABORTED', { error: request.error, cause: request.cause });
    return { stopDate: record.stopDate! };
  }

  describe(executionArn: string): ExecutionSummary {
    return snapshot(this.record(executionArn));
  }

  /** The execution's events, oldest first (`ExecutionDoesNotExist` for an unknown ARN). */
  history(executionArn: string): HistoryEvent[] {
    const record = this.record(executionArn);
    return executionHistory(snapshot(record), record.log);
  }

  get(executionArn: string): ExecutionSummary | undefined {
    const record = this.byArn.get(executionArn);
    return record && snapshot(record);
  }

  list(status?: ExecutionStatus): ExecutionSummary[] {
    // The map keeps start order: reversed, newest first.
    return [...this.byArn.values()]
      .filter((record) => status === undefined || record.status === status)
      .reverse()
      .map(snapshot);
  }

  /** Aborts every running execution, without onExecutionEnd. */
  shutdown(): void {
    this.shuttingDown = true;
    for (const record of this.byArn.values()) {
      if (record.status === 'RUNNING') this.finish(record, 'ABORTED', { cause: 'the local runtime stopped' });
    }
  }

  private record(executionArn: string): ExecutionRecord {
    const record = this.byArn.get(executionArn);
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  private finish(
    record: ExecutionRecord,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    result: { output?: unknown; error?: string; cause?: string },
  ): void {
    if (record.status !== 'RUNNING') return;
    Object.assign(record, { status, stopDate: new Date(), currentState: undefined, waitingTask: undefined }, result);
    record.cancelTimeout?.();
    if (status === 'ABORTED' || status === 'TIMED_OUT') record.abort?.();
    // Pending callbacks of a stopped execution end (a later answer gets TaskTimedOut).
    this.dependencies.tokens.closeExecution(record.executionArn);
    const { onExecutionEnd } = this.dependencies;
    if (!onExecutionEnd || this.shuttingDown) return;
    void (record.eventsRead ?? Promise.resolve())
      .then(() => onExecutionEnd(snapshot(record)))
      .catch((error: unknown) => console.error(`onExecutionEnd failed for ${record.executionArn}:`, error));
  }
}

/**
 * A copy of the summary (cheap: callers poll it). `input` and `output` are shared, not copied:
 * they are JSON values the runtime never changes.
 */
function snapshot(record: ExecutionRecord): ExecutionSummary {
  const { abort: _abort, cancelTimeout: _cancelTimeout, eventsRead: _eventsRead, log: _log, ...summary } = record;
  return { ...summary, ...(summary.waitingTask && { waitingTask: { ...summary.waitingTask } }) };
}

export function parseJson(text: string, errorType: 'InvalidExecutionInput' | 'InvalidOutput'): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new SfnApiError(errorType, `${errorType === 'InvalidOutput' ? 'Invalid Output' : 'Invalid State Machine Execution Input'}: '${text.slice(0, 100)}' is not JSON`);
  }
}
