/**
 * An execution's history as `GetExecutionHistory` answers it (the shapes of the SFN API), built
 * from the library's event log: the execution's start, each state entered and exited (with its
 * type, e.g. `TaskStateEntered`), each failed Task, and how the execution ended.
 */
import type { StateMachine } from 'aws-local-stepfunctions';
import type { ExecutionSummary } from './types.js';

/** One entry of the library's event log (its type is not exported by name). */
export type LibraryEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncIterable<infer E> ? E : never;

export interface HistoryEvent {
  timestamp: number;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const seconds = (date: Date | number): number => (typeof date === 'number' ? date : date.getTime()) / 1000;

/** A state event as SFN names it (`TaskStateEntered`), with its details; undefined for what SFN does not show. */
function stateEvent(event: LibraryEvent): { type: string; details: Record<string, unknown> } | undefined {
  if (!('state' in event)) return undefined;
  const { name, type, input, output } = event.state;
  if (event.type === 'StateEntered') {
    return { type: `${type}StateEntered`, details: { stateEnteredEventDetails: { name, input: json(input), inputDetails: { truncated: false } } } };
  }
  if (event.type === 'StateExited') {
    return { type: `${type}StateExited`, details: { stateExitedEventDetails: { name, output: json(output), outputDetails: { truncated: false } } } };
  }
  if (event.type === 'StateFailed' && type === 'Task') {
    const cause = typeof event.Cause === 'string' ? event.Cause : json(event.Cause);
    return { type: 'TaskFailed', details: { taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: event.Error, cause } } };
  }
  return undefined;
}

function endEvent(execution: ExecutionSummary): { type: string; details: Record<string, unknown> } | undefined {
  const failure = { error: execution.error ?? '', cause: execution.cause ?? '' };
  switch (execution.status) {
    case 'SUCCEEDED':
      return { type: 'ExecutionSucceeded', details: { executionSucceededEventDetails: { output: json(execution.output), outputDetails: { truncated: false } } } };
    case 'FAILED':
      return { type: 'ExecutionFailed', details: { executionFailedEventDetails: failure } };
    case 'ABORTED':
      return { type: 'ExecutionAborted', details: { executionAbortedEventDetails: failure } };
    case 'TIMED_OUT':
      return { type: 'ExecutionTimedOut', details: { executionTimedOutEventDetails: failure } };
    default:
      return undefined;
  }
}

export function executionHistory(execution: ExecutionSummary, log: readonly LibraryEvent[]): HistoryEvent[] {
  const entries: { timestamp: number; type: string; details: Record<string, unknown> }[] = [
    {
      timestamp: seconds(execution.startDate),
      type: 'ExecutionStarted',
      details: { executionStartedEventDetails: { input: json(execution.input), inputDetails: { truncated: false } } },
    },
  ];
  for (const event of log) {
    const converted = stateEvent(event);
    if (converted) entries.push({ timestamp: seconds(event.timestamp), ...converted });
  }
  const end = endEvent(execution);
  if (end && execution.stopDate) entries.push({ timestamp: seconds(execution.stopDate), ...end });
  return entries.map((entry, index) => ({ timestamp: entry.timestamp, type: entry.type, id: index + 1, previousEventId: index, ...entry.details }));
}
