import { AsyncLocalStorage } from 'node:async_hooks';
import { attachMiddleware, resetClients, sfn } from '../../lambdas/shared/adapters/clients';
import { ACCOUNT_RESOURCES_FILE_ENV, createLocalNetworkAdapter, setNetworkAdapter, type NetworkAdapter } from '../../lambdas/shared/adapters/network';
import type { FilingStatus } from '../../lambdas/shared/domain/lifecycle';
import { claimTask, getFiling, getTaskForDecision, listEvents } from '../../lambdas/shared/store';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import fixture from '../fixtures/filing-new.json';
import { settledInvariants } from '../support/invariants';
import { HANDLERS, NO_TIMEOUTS, REVIEWER, approveThrough, answerStage, startHarness, submitFiling, waitForEnd, waitForStatus, withdraw, type Harness } from './support/harness';
import { setCallbackTimeoutPolicy } from '../../lambdas/shared/workflow/plan';

/**
 * Faults the throttling paths (lifecycle-throttled.test.ts) do not cover: 500s from DynamoDB,
 * S3, STS, EC2 and ELBv2 on first attempts, a service that keeps failing, a function that
 * crashes after its write and before its answer, and a reviewer decision after a withdraw.
 * Every filing ends in a status someone can act on, and the table's invariants hold after
 * every scenario (test/support/invariants.ts).
 */
jest.setTimeout(60_000);

const RECORD_NUMBER = '宁ICP备2024000002号-1A';
const SECURITY_GROUP = 'sg-0a1b2c3d4e5f60001';
/** Statuses a customer or a reviewer can act on once the workflow has settled. */
const ACTIONABLE: readonly FilingStatus[] = ['APPROVED', 'RETURNED', 'WITHDRAWN', 'CANCELLED', 'AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'AWAITING_SMS_VERIFICATION', 'CA_REVIEW'];

// Faults reach only the workflow's own calls, not the test's set-up and answers.
const inStep = new AsyncLocalStorage<string>();
for (const key of Object.keys(HANDLERS) as (keyof typeof HANDLERS)[]) {
  const original = HANDLERS[key] as (event: unknown, context: unknown) => Promise<unknown>;
  (HANDLERS as Record<string, unknown>)[key] = (event: unknown, context: unknown) => inStep.run(key, () => original(event, context));
}

/** An AWS 5xx as the SDK throws it. */
const serverError = (name: string, what: string): Error =>
  Object.assign(new Error(`We encountered an internal error. Please try again. (injected: ${what})`), { name, $fault: 'server', $metadata: { httpStatusCode: name === 'ServiceUnavailable' ? 503 : 500 } });

let harness: Harness;
let injected: string[] = [];
const detachers: (() => void)[] = [];

beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});
beforeEach(() => {
  injected = [];
  setCallbackTimeoutPolicy(NO_TIMEOUTS);
});
afterEach(async () => {
  for (const detach of detachers.splice(0)) detach();
  setNetworkAdapter(undefined);
  resetClients();
  setCallbackTimeoutPolicy(undefined);
  const broken = await settledInvariants({ dynamodbEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB!, tableName: process.env.TABLE_NAME!, executions: harness.runtime });
  expect(broken).toEqual([]);
});

/** Each distinct command of the service fails with a 500 on its first attempt (within a step). */
function firstAttemptServerErrors(service: 'dynamodb' | 's3', name: string): void {
  const failed = new Set<string>();
  detachers.push(
    attachMiddleware(
      service,
      (next, context) => async (args) => {
        const command = `${service}:${String((context as { commandName?: unknown }).commandName)}`;
        if (inStep.getStore() !== undefined && !failed.has(command)) {
          failed.add(command);
          injected.push(command);
          throw serverError(name, command);
        }
        return next(args);
      },
      { step: 'initialize', name: `faults-500-${service}` },
    ),
  );
  resetClients();
}

/** STS, EC2 and ELBv2 behind the network adapter: `fails(call)` says whether this attempt fails. */
function faultyNetwork(fails: (call: string) => string | undefined): void {
  const local = createLocalNetworkAdapter(process.env[ACCOUNT_RESOURCES_FILE_ENV]!);
  const maybeFail = (call: string): void => {
    const name = fails(call);
    if (name !== undefined) {
      injected.push(call);
      throw serverError(name, call);
    }
  };
  const adapter: NetworkAdapter = {
    describeAccount: async (access, ids) => {
      maybeFail('sts:AssumeRole');
      maybeFail('ec2:DescribeAddresses');
      maybeFail('elbv2:DescribeLoadBalancers');
      maybeFail('ec2:DescribeSecurityGroups');
      return local.describeAccount(access, ids);
    },
    openPorts: async (access, ids) => {
      maybeFail('sts:AssumeRole');
      maybeFail('ec2:AuthorizeSecurityGroupIngress');
      return local.openPorts(access, ids);
    },
    closePorts: async (access, ids) => {
      maybeFail('sts:AssumeRole');
      maybeFail('ec2:RevokeSecurityGroupIngress');
      return local.closePorts(access, ids);
    },
  };
  setNetworkAdapter(adapter);
}

const onceEach = (names: Record<string, string>) => {
  const failed = new Set<string>();
  return (call: string): string | undefined => {
    if (!(call in names) || failed.has(call)) return undefined;
    failed.add(call);
    return names[call];
  };
};

const newDocument = (): Record<string, unknown> => structuredClone(fixture) as unknown as Record<string, unknown>;

async function approvedEndToEnd(): Promise<{ filingId: string; revision: number }> {
  const filing = await submitFiling(newDocument());
  await approveThrough(filing, { verification: true, sms: true, recordNumber: RECORD_NUMBER });
  const execution = await waitForEnd(harness, filing);
  expect(execution.status).toBe('SUCCEEDED');
  return filing;
}

const statusTrail = async (filingId: string): Promise<(string | undefined)[]> =>
  (await listEvents(filingId)).filter((event) => event.type === 'STATUS_CHANGED').map((event) => event.to);

const FULL_TRAIL = ['SUBMITTED', 'AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'AWAITING_SMS_VERIFICATION', 'CA_REVIEW', 'APPROVED'];

describe('injected faults in the workflow', () => {
  test('500s from DynamoDB (InternalServerError) and S3 (InternalError) on first attempts: approved, each change audited once', async () => {
    firstAttemptServerErrors('dynamodb', 'InternalServerError');
    firstAttemptServerErrors('s3', 'InternalError');
    const filing = await approvedEndToEnd();
    expect(injected.filter((call) => call.startsWith('dynamodb:')).length).toBeGreaterThan(0);
    expect(injected.filter((call) => call.startsWith('s3:')).length).toBeGreaterThan(0);
    expect(await getFiling(filing.filingId)).toMatchObject({ status: 'APPROVED', recordNumber: RECORD_NUMBER, ports: { open: true } });
    expect(await statusTrail(filing.filingId)).toEqual(FULL_TRAIL);
  });

  test('500s and 503s from STS, EC2 and ELBv2 on first attempts: approved, ports opened once', async () => {
    faultyNetwork(
      onceEach({
        'sts:AssumeRole': 'InternalFailure',
        'ec2:DescribeAddresses': 'InternalError',
        'elbv2:DescribeLoadBalancers': 'ServiceUnavailable',
        'ec2:AuthorizeSecurityGroupIngress': 'InternalError',
      }),
    );
    const filing = await approvedEndToEnd();
    expect(new Set(injected)).toEqual(new Set(['sts:AssumeRole', 'ec2:DescribeAddresses', 'elbv2:DescribeLoadBalancers', 'ec2:AuthorizeSecurityGroupIngress']));
    expect(await getFiling(filing.filingId)).toMatchObject({ status: 'APPROVED', ports: { open: true, securityGroupIds: [SECURITY_GROUP] } });
    expect(await statusTrail(filing.filingId)).toEqual(FULL_TRAIL);
  });

  test('EC2 failing on every attempt: the filing is RETURNED with SYSTEM_ERROR (not stuck), its entity free again', async () => {
    faultyNetwork((call) => (call === 'ec2:DescribeAddresses' ? 'InternalError' : undefined));
    const filing = await submitFiling(newDocument());
    const returned = await waitForStatus(filing.filingId, 'RETURNED', 30_000);
    expect(returned.reasons.map((reason) => reason.code)).toEqual(['SYSTEM_ERROR']);
    expect(injected.length).toBeGreaterThan(1);
    await waitForEnd(harness, filing);
  });

  describe('a function that crashes after its write and before its answer', () => {
    /** The first call of `key` for this filing runs in full (its writes land), then throws `errorName`. */
    function crashOnceAfterWrite(key: keyof typeof HANDLERS, errorName: string): { crashed: () => number } {
      let crashes = 0;
      const original = HANDLERS[key] as (event: unknown, context: unknown) => Promise<unknown>;
      (HANDLERS as Record<string, unknown>)[key] = async (event: unknown, context: unknown) => {
        const answer = await original(event, context);
        if (crashes === 0) {
          crashes += 1;
          throw Object.assign(new Error(`${key} crashed after its write (injected)`), { name: errorName });
        }
        return answer;
      };
      detachers.push(() => {
        (HANDLERS as Record<string, unknown>)[key] = original;
      });
      return { crashed: () => crashes };
    }

    // The runtime binds the handlers when it starts: restart it with the crashing one.
    const withCrash = async (key: keyof typeof HANDLERS, errorName: string): Promise<{ crashed: () => number }> => {
      const crash = crashOnceAfterWrite(key, errorName);
      await harness.restartRuntime();
      return crash;
    };
    afterEach(async () => {
      await harness.restartRuntime();
    });

    test.each([
      ['transition', 'Lambda.ServiceException'],
      ['applyDecision', 'Lambda.ServiceException'],
      ['updatePorts', 'Lambda.ServiceException'],
    ] as const)('%s crashes once (%s, retried): approved, no change applied or audited twice', async (key, errorName) => {
      const crash = await withCrash(key, errorName);
      const filing = await approvedEndToEnd();
      expect(crash.crashed()).toBe(1);
      expect(await getFiling(filing.filingId)).toMatchObject({ status: 'APPROVED', recordNumber: RECORD_NUMBER, ports: { open: true } });
      expect(await statusTrail(filing.filingId)).toEqual(FULL_TRAIL);
    });

    test.each([['transition'], ['checkResources']] as const)('%s dies (Runtime.ExitError, not retried): the filing ends RETURNED with SYSTEM_ERROR or moves on, never stuck', async (key) => {
      const crash = await withCrash(key, 'Runtime.ExitError');
      const filing = await submitFiling(newDocument());
      const execution = await waitForEnd(harness, filing).catch(() => undefined);
      const record = await getFiling(filing.filingId);
      expect(crash.crashed()).toBe(1);
      if (execution !== undefined) {
        expect(record?.status).toBe('RETURNED');
        expect(record?.reasons.map((reason) => reason.code)).toEqual(['SYSTEM_ERROR']);
      } else {
        expect(ACTIONABLE).toContain(record?.status);
      }
    });
  });

  test('a reviewer decision after a withdraw changes nothing: WITHDRAWN stays, the task is closed', async () => {
    const filing = await submitFiling(newDocument());
    await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: { stage: 'VERIFICATION' } }, filing.accountId);
    const inReview = await waitForStatus(filing.filingId, 'PRELIMINARY_REVIEW');
    await withdraw(filing.filingId);
    await waitForEnd(harness, filing);
    // The stored task is closed: the review API's claim refuses it (its 409), and even its token
    // sent anyway is refused by Step Functions (the execution is stopped).
    await expect(claimTask(inReview.openTaskId!, REVIEWER)).rejects.toThrow();
    const task = await getTaskForDecision(inReview.openTaskId!);
    expect(task?.state).toBe('CANCELLED');
    await expect(sfn().send(new SendTaskSuccessCommand({ taskToken: task!.token, output: JSON.stringify({ decision: 'APPROVE' }) }))).rejects.toThrow();
    const after = await getFiling(filing.filingId);
    expect(after?.status).toBe('WITHDRAWN');
    expect(after?.openTaskId).toBeUndefined();
    expect(inReview.openTaskId).toBeDefined();
  });
});
