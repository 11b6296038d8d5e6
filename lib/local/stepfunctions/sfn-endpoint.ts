/**
 * The SFN API on loopback, as the real `@aws-sdk/client-sfn` speaks it (awsJson1_0):
 * `POST /`, `X-Amz-Target: AWSStepFunctions.<Operation>`, JSON in and out, timestamps as
 * epoch seconds, errors as HTTP 400 `{"__type": "<Code>", "message": …}`. Signatures are
 * not checked (the local platform's identities are checked at its API gateway).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { SfnApiError } from './errors.js';
import { parseJson, type Executions } from './executions.js';
import { inspectionOperations, inspectionRequests, type LocalStateMachine } from './inspection.js';
import type { TaskTokens } from './task-tokens.js';
import type { ExecutionSummary } from './types.js';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

const token = z.string().min(1).max(2048);
const arn = z.string().min(1).max(2048);
const requests = {
  StartExecution: z.object({ stateMachineArn: arn, name: z.string().optional(), input: z.string().max(262144).optional() }),
  StopExecution: z.object({ executionArn: arn, error: z.string().max(256).optional(), cause: z.string().max(32768).optional() }),
  DescribeExecution: z.object({ executionArn: arn }),
  SendTaskSuccess: z.object({ taskToken: token, output: z.string().max(262144) }),
  SendTaskFailure: z.object({ taskToken: token, error: z.string().max(256).optional(), cause: z.string().max(32768).optional() }),
  SendTaskHeartbeat: z.object({ taskToken: token }),
  ...inspectionRequests,
};
type Operation = keyof typeof requests;

export interface SfnEndpoint {
  endpoint: string;
  close(): Promise<void>;
}

export async function startSfnEndpoint(executions: Executions, tokens: TaskTokens, machine: LocalStateMachine, port = 0): Promise<SfnEndpoint> {
  const operations: { [K in Operation]: (request: z.infer<(typeof requests)[K]>) => object } = {
    ...inspectionOperations(executions, machine),
    StartExecution: (request) => {
      const { executionArn, startDate } = executions.start(request);
      return { executionArn, startDate: epochSeconds(startDate) };
    },
    StopExecution: (request) => ({ stopDate: epochSeconds(executions.stop(request).stopDate) }),
    DescribeExecution: (request) => describeOutput(executions.describe(request.executionArn)),
    SendTaskSuccess: (request) => {
      tokens.succeed(request.taskToken, parseJson(request.output, 'InvalidOutput'));
      return {};
    },
    SendTaskFailure: (request) => {
      tokens.fail(request.taskToken, request.error ?? '', request.cause ?? '');
      return {};
    },
    SendTaskHeartbeat: (request) => {
      tokens.heartbeat(request.taskToken);
      return {};
    },
  };

  const server: Server = createServer((request, response) => {
    void handle(request, response, operations);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  operations: Record<Operation, (request: never) => object>,
): Promise<void> {
  try {
    const body = await readBody(request);
    const target = request.headers['x-amz-target'];
    const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    if (request.method !== 'POST' || !(operation in requests)) {
      throw new SfnApiError('UnknownOperationException', `Unknown operation ${String(target)}`);
    }
    let json: unknown;
    try {
      json = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      throw new SfnApiError('SerializationException', 'The request body is not JSON');
    }
    const parsed = requests[operation as Operation].safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      throw new SfnApiError('ValidationException', `${problems.length} validation error(s) detected: ${problems.join('; ')}`);
    }
    send(response, 200, operations[operation as Operation](parsed.data as never));
  } catch (error) {
    if (error instanceof SfnApiError) {
      send(response, 400, { __type: error.type, message: error.message }, error.type);
    } else {
      console.error('local SFN endpoint:', error);
      send(response, 500, { __type: 'InternalFailure', message: 'internal error of the local runtime' }, 'InternalFailure');
    }
  }
}

function describeOutput(execution: ExecutionSummary): object {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    ...(execution.stopDate && { stopDate: epochSeconds(execution.stopDate) }),
    input: JSON.stringify(execution.input),
    inputDetails: { included: true },
    ...(execution.status === 'SUCCEEDED' && { output: JSON.stringify(execution.output ?? null), outputDetails: { included: true } }),
    ...(execution.error !== undefined && { error: execution.error }),
    ...(execution.cause !== undefined && { cause: execution.cause }),
  };
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: object, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType && { 'x-amzn-errortype': errorType }),
  });
  response.end(text);
}
