import { jest } from '@jest/globals';
import { catalogFunctionOf } from '../../../lib/local/stepfunctions/arns.js';
import { TaskTokens } from '../../../lib/local/stepfunctions/task-tokens.js';
import { setLongTimeout } from '../../../lib/local/stepfunctions/timers.js';

const EXECUTION = 'arn:aws-cn:states:cn-northwest-1:999999999999:execution:m:F-r1';

describe('TaskTokens', () => {
  afterEach(() => jest.useRealTimers());

  it('settles on the first answer; a later answer is TaskTimedOut, an unknown token TaskDoesNotExist', async () => {
    const tokens = new TaskTokens();
    const { token, outcome } = tokens.issue(EXECUTION, 'Review');
    expect(token).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    tokens.succeed(token, { decision: 'APPROVE' });
    await expect(outcome).resolves.toEqual({ kind: 'success', output: { decision: 'APPROVE' } });
    expect(() => tokens.fail(token, 'X', 'y')).toThrow(expect.objectContaining({ type: 'TaskTimedOut' }));
    expect(() => tokens.heartbeat(token)).toThrow(expect.objectContaining({ type: 'TaskTimedOut' }));
    expect(() => tokens.succeed('never-issued', {})).toThrow(expect.objectContaining({ type: 'TaskDoesNotExist' }));
  });

  it('times a task out when no heartbeat arrives within heartbeatSeconds, and each heartbeat restarts the clock', async () => {
    jest.useFakeTimers();
    const tokens = new TaskTokens();
    const { token, outcome } = tokens.issue(EXECUTION, 'Review', 10);
    let settled: unknown;
    void outcome.then((value) => (settled = value));
    jest.advanceTimersByTime(9_000);
    tokens.heartbeat(token);
    jest.advanceTimersByTime(9_000);
    await Promise.resolve();
    expect(settled).toBeUndefined();
    jest.advanceTimersByTime(1_000);
    await expect(outcome).resolves.toEqual({ kind: 'heartbeat-timeout' });
    expect(() => tokens.succeed(token, {})).toThrow(expect.objectContaining({ type: 'TaskTimedOut' }));
  });

  it('closes the open tokens of one execution only', async () => {
    const tokens = new TaskTokens();
    const stopped = tokens.issue(EXECUTION, 'Review');
    const other = tokens.issue(`${EXECUTION}-other`, 'Review');
    tokens.closeExecution(EXECUTION);
    await expect(stopped.outcome).resolves.toEqual({ kind: 'closed' });
    tokens.succeed(other.token, 1);
    await expect(other.outcome).resolves.toEqual({ kind: 'success', output: 1 });
  });
});

describe('setLongTimeout', () => {
  afterEach(() => jest.useRealTimers());

  it('waits the whole delay beyond the 2^31-1 ms of setTimeout, and can be cancelled', () => {
    jest.useFakeTimers();
    const fired = jest.fn();
    const thirtyDays = 30 * 24 * 3600 * 1000;
    setLongTimeout(fired, thirtyDays);
    jest.advanceTimersByTime(thirtyDays - 1);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);

    const cancelled = jest.fn();
    setLongTimeout(cancelled, 1000)();
    jest.advanceTimersByTime(2000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});

describe('catalogFunctionOf', () => {
  it.each([
    ['arn:aws-cn:lambda:cn-northwest-1:999999999999:function:await-callback', 'awaitCallback'],
    ['arn:aws-cn:lambda:cn-northwest-1:999999999999:function:await-callback:$LATEST', 'awaitCallback'],
    ['999999999999:function:check-resources', 'checkResources'],
    ['transition', 'transition'],
    ['arn:aws-cn:lambda:cn-northwest-1:999999999999:function:unknown', undefined],
  ])('%s → %s', (reference, expected) => {
    expect(catalogFunctionOf(reference)).toBe(expected);
  });
});
