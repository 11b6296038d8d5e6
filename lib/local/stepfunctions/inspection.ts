/**
 * The read-only SFN operations a person inspects executions with (`aws stepfunctions
 * list-state-machines`, `describe-state-machine`, `list-executions`, `get-execution-history`),
 * in the shapes of the SFN API, paged with `maxResults` / `nextToken` as the AWS CLI pages them.
 */
import * as z from 'zod';
import { SfnApiError } from './errors.js';
import type { Executions } from './executions.js';

/** The one state machine of the local runtime. */
export interface LocalStateMachine {
  stateMachineArn: string;
  name: string;
  /** The ASL text. */
  definition: string;
  creationDate: Date;
}

const arn = z.string().min(1).max(2048);
const maxResults = z.number().int().min(0).max(1000).optional();
const nextToken = z.string().max(1024).optional();
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

export const inspectionRequests = {
  ListStateMachines: z.object({ maxResults, nextToken }),
  DescribeStateMachine: z.object({ stateMachineArn: arn }),
  ListExecutions: z.object({ stateMachineArn: arn, statusFilter: z.enum(STATUSES).optional(), maxResults, nextToken }),
  GetExecutionHistory: z.object({ executionArn: arn, maxResults, nextToken, reverseOrder: z.boolean().optional(), includeExecutionData: z.boolean().optional() }),
};

type Requests = typeof inspectionRequests;
type Operations = { [K in keyof Requests]: (request: z.infer<Requests[K]>) => object };

/** One page of `items` (AWS's default page size is 100; 0 means the default). */
function page<T>(items: readonly T[], request: { maxResults?: number | undefined; nextToken?: string | undefined }): { page: T[]; nextToken?: string } {
  const start = request.nextToken === undefined ? 0 : Number(request.nextToken);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new SfnApiError('InvalidToken', `Invalid Token: '${request.nextToken}'`);
  const size = request.maxResults || 100;
  const end = start + size;
  return { page: items.slice(start, end), ...(end < items.length && { nextToken: String(end) }) };
}

const epochSeconds = (date: Date): number => date.getTime() / 1000;

export function inspectionOperations(executions: Executions, machine: LocalStateMachine): Operations {
  const requireMachine = (stateMachineArn: string): void => {
    if (stateMachineArn !== machine.stateMachineArn) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
  };
  return {
    ListStateMachines: (request) => {
      const { page: machines, nextToken: next } = page([machine], request);
      return {
        stateMachines: machines.map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: 'STANDARD', creationDate: epochSeconds(m.creationDate) })),
        ...(next && { nextToken: next }),
      };
    },
    DescribeStateMachine: (request) => {
      requireMachine(request.stateMachineArn);
      return {
        stateMachineArn: machine.stateMachineArn,
        name: machine.name,
        status: 'ACTIVE',
        definition: machine.definition,
        roleArn: machine.stateMachineArn.replace(/:states:[^:]+:(\d{12}):stateMachine:.*$/, ':iam::$1:role/local-state-machine'),
        type: 'STANDARD',
        creationDate: epochSeconds(machine.creationDate),
      };
    },
    ListExecutions: (request) => {
      requireMachine(request.stateMachineArn);
      const { page: listed, nextToken: next } = page(executions.list(request.statusFilter), request);
      return {
        executions: listed.map((e) => ({
          executionArn: e.executionArn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: epochSeconds(e.startDate),
          ...(e.stopDate && { stopDate: epochSeconds(e.stopDate) }),
        })),
        ...(next && { nextToken: next }),
      };
    },
    GetExecutionHistory: (request) => {
      const events = executions.history(request.executionArn);
      if (request.reverseOrder) events.reverse();
      const { page: listed, nextToken: next } = page(events, request);
      return { events: listed, ...(next && { nextToken: next }) };
    },
  };
}
