import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../../lib/local/stepfunctions/index.js';

/**
 * The real AWS CLI inspects the local runtime's executions through its SFN endpoint: the four
 * read-only operations a person uses, with the CLI's own paging (maxResults / nextToken).
 */
const DEFINITION = join(import.meta.dirname, 'fixtures', 'inspect-machine.asl.json');
const run = promisify(execFile);

let sfn: LocalStepFunctions;

/** `aws stepfunctions <args>` against the local endpoint, with throw-away credentials and no config files. */
async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('aws', ['stepfunctions', ...args, '--endpoint-url', sfn.endpoint, '--region', 'cn-northwest-1', '--output', 'json'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function ended(executionArn: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; sfn.getExecution(executionArn)?.status === 'RUNNING'; ) {
    if (Date.now() > deadline) throw new Error(`${executionArn} did not end`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  sfn = await startLocalStepFunctions({
    definitionPath: DEFINITION,
    retryDelayScale: 0,
    handlers: {
      checkResources: async (event: { filingId: string }) => {
        if (event.filingId === 'F-BAD') throw Object.assign(new Error('no such role'), { name: 'Recordal.FilingReturned' });
        return { filingId: event.filingId, checked: true };
      },
    },
  });
}, 60_000);
afterAll(async () => sfn?.stop());

describe('the AWS CLI against the local Step Functions endpoint', () => {
  let good: string;
  let bad: string;

  beforeAll(async () => {
    good = String((await aws('start-execution', '--state-machine-arn', sfn.stateMachineArn, '--name', 'F-GOOD-r1', '--input', '{"filingId":"F-GOOD"}')).executionArn);
    bad = String((await aws('start-execution', '--state-machine-arn', sfn.stateMachineArn, '--name', 'F-BAD-r1', '--input', '{"filingId":"F-BAD"}')).executionArn);
    await Promise.all([ended(good), ended(bad)]);
  }, 60_000);

  test('list-state-machines and describe-state-machine show the one machine and its definition', async () => {
    const listed = await aws('list-state-machines');
    expect(listed.stateMachines).toEqual([expect.objectContaining({ stateMachineArn: sfn.stateMachineArn, name: 'inspect-machine', type: 'STANDARD' })]);
    const described = await aws('describe-state-machine', '--state-machine-arn', sfn.stateMachineArn);
    expect(described).toMatchObject({ stateMachineArn: sfn.stateMachineArn, status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(String(described.definition))).toMatchObject({ StartAt: 'CheckResources' });
  }, 60_000);

  test('list-executions lists newest first, filters by status, and pages', async () => {
    const all = (await aws('list-executions', '--state-machine-arn', sfn.stateMachineArn)).executions as { name: string; status: string }[];
    expect(all.map((e) => [e.name, e.status])).toEqual([
      ['F-BAD-r1', 'FAILED'],
      ['F-GOOD-r1', 'SUCCEEDED'],
    ]);
    const failed = (await aws('list-executions', '--state-machine-arn', sfn.stateMachineArn, '--status-filter', 'FAILED')).executions as { name: string }[];
    expect(failed.map((e) => e.name)).toEqual(['F-BAD-r1']);
    // The CLI follows nextToken itself: pages of one still give every execution.
    const paged = (await aws('list-executions', '--state-machine-arn', sfn.stateMachineArn, '--page-size', '1')).executions as unknown[];
    expect(paged).toHaveLength(2);
    const first = await aws('list-executions', '--state-machine-arn', sfn.stateMachineArn, '--max-items', '1');
    expect(first.executions).toHaveLength(1);
    expect(first.NextToken).toEqual(expect.any(String));
  }, 60_000);

  test('get-execution-history tells the states entered and exited and how the execution ended', async () => {
    const history = (await aws('get-execution-history', '--execution-arn', good)).events as { type: string; id: number; previousEventId: number }[];
    expect(history.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskStateExited', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);
    expect(history.map((e) => [e.id, e.previousEventId])).toEqual(history.map((_, i) => [i + 1, i]));
    const failed = (await aws('get-execution-history', '--execution-arn', bad, '--reverse-order')).events as Record<string, unknown>[];
    // The cause is the Lambda error payload, as on AWS.
    expect(failed[0]).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'Recordal.FilingReturned', cause: expect.stringContaining('no such role') } });
    expect(failed.map((e) => e.type)).toContain('TaskFailed');
  }, 60_000);

  test('an unknown execution is the SFN error the CLI reports', async () => {
    await expect(aws('get-execution-history', '--execution-arn', `${good}-nope`)).rejects.toThrow(/ExecutionDoesNotExist/);
  }, 60_000);
});
