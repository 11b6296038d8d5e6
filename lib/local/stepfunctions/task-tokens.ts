import { randomBytes } from 'node:crypto';
import { SfnApiError } from './errors.js';
import { deferred, setLongTimeout } from './timers.js';

/** How a callback task ended; `output` is the parsed SendTaskSuccess output. */
export type TaskOutcome =
  | { kind: 'success'; output: unknown }
  | { kind: 'failure'; error: string; cause: string }
  | { kind: 'heartbeat-timeout' }
  | { kind: 'closed' };

interface OpenTask {
  executionArn: string;
  stateName: string;
  settle: (outcome: TaskOutcome) => void;
  heartbeatSeconds?: number;
  cancelHeartbeat?: () => void;
}

/**
 * The task tokens the runtime issues for `.waitForTaskToken` states. A token stays known after
 * its task closed, so a late or second answer gets `TaskTimedOut` as on AWS, and an unknown
 * one `TaskDoesNotExist`. Tokens are opaque random strings.
 */
export class TaskTokens {
  private readonly open = new Map<string, OpenTask>();
  private readonly closed = new Set<string>();

  /** Issues a token; `outcome` settles on the first answer, heartbeat timeout or close. */
  issue(executionArn: string, stateName: string, heartbeatSeconds?: number): { token: string; outcome: Promise<TaskOutcome> } {
    const token = randomBytes(96).toString('base64url');
    const { promise, resolve } = deferred<TaskOutcome>();
    const task: OpenTask = {
      executionArn,
      stateName,
      heartbeatSeconds,
      settle: (outcome) => {
        task.cancelHeartbeat?.();
        this.open.delete(token);
        this.closed.add(token);
        resolve(outcome);
      },
    };
    this.open.set(token, task);
    this.armHeartbeat(task);
    return { token, outcome: promise };
  }

  succeed(token: string, output: unknown): void {
    this.openTask(token).settle({ kind: 'success', output });
  }

  fail(token: string, error: string, cause: string): void {
    this.openTask(token).settle({ kind: 'failure', error, cause });
  }

  heartbeat(token: string): void {
    this.armHeartbeat(this.openTask(token));
  }

  /** Closes a token without an answer (timeout, stopped execution). */
  close(token: string): void {
    this.open.get(token)?.settle({ kind: 'closed' });
  }

  /** Closes every open token of an execution. */
  closeExecution(executionArn: string): void {
    for (const [token, task] of this.open) if (task.executionArn === executionArn) this.close(token);
  }

  closeAll(): void {
    for (const token of [...this.open.keys()]) this.close(token);
  }

  private openTask(token: string): OpenTask {
    const task = this.open.get(token);
    if (task) return task;
    if (this.closed.has(token)) {
      throw new SfnApiError('TaskTimedOut', 'Task Timed Out: the task of this token has already been closed');
    }
    throw new SfnApiError('TaskDoesNotExist', 'Task does not exist anymore or was never issued');
  }

  private armHeartbeat(task: OpenTask): void {
    if (task.heartbeatSeconds === undefined) return;
    task.cancelHeartbeat?.();
    task.cancelHeartbeat = setLongTimeout(() => task.settle({ kind: 'heartbeat-timeout' }), task.heartbeatSeconds * 1000);
  }
}
