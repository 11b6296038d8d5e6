import { jest } from '@jest/globals';
import { AsyncLocalStorage } from 'node:async_hooks';
import { attachMiddleware, resetClients, sfn } from '../../lambdas/shared/adapters/clients.js';
import { installAdapters } from '../../lambdas/shared/adapters/composition.js';
import type { NetworkAdapter } from '../../lambdas/shared/adapters/network/index.js';
import { claimTask, getFiling, getTaskForDecision, listEvents } from '../../lambdas/shared/store/index.js';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import fixture from '../fixtures/filing-new.json' with { type: 'json' };
import { randomUscc, runTag } from '../../tools/demo/fixtures.js';
import { settledInvariants } from '../support/invariants.js';
import { HANDLERS, NO_TIMEOUTS, REVIEWER, approveThrough, eventually, answerStage, startHarness, submitFiling, waitForEnd, waitForStatus, withdraw, type Harness } from './support/harness.js';

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

type StepKey = keyof typeof HANDLERS;
// Faults reach only the workflow's own calls, not the test's set-up and answers; a step may be
// armed to crash once after it has done its work (the runtime binds these wrappers at start).
const inStep = new AsyncLocalStorage<string>();
const crashes = new Map<StepKey, { errorName: string; count: number }>();
for (const key of Object.keys(HANDLERS) as StepKey[]) {
  const original = HANDLERS[key] as (event: unknown, context: unknown) => Promise<unknown>;
  (HANDLERS as Record<string, unknown>)[key] = (event: unknown, context: unknown) =>
    inStep.run(key, async () => {
      const answer = await original(event, context);
      const crash = crashes.get(key);
      if (crash !== undefined && crash.count === 0) {
        crash.count += 1;
        throw Object.assign(new Error(`${key} crashed after its write (injected)`), { name: crash.errorName });
      }
      return answer;
    });
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
  installAdapters({ callbackTimeouts: NO_TIMEOUTS });
});
afterEach(async () => {
  for (const detach of detachers.splice(0)) detach();
  installAdapters({ network: harness.network, callbackTimeouts: undefined });
  resetClients();
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
  const local = harness.network;
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
  installAdapters({ network: adapter });
}

const onceEach = (names: Record<string, string>) => {
  const failed = new Set<string>();
  return (call: string): string | undefined => {
    if (!(call in names) || failed.has(call)) return undefined;
    failed.add(call);
    return names[call];
  };
};

/** The example filing for an entity and APP of its own (one application per entity at a time). */
const newDocument = (): Record<string, unknown> => {
  const document = structuredClone(fixture);
  document.entity.certificateNumber = randomUscc();
  document.app.name = `${fixture.app.name}${runTag()}`;
  return document as unknown as Record<string, unknown>;
};

async function approvedEndToEnd(beforeAnswers: (filingId: string) => Promise<void> = async () => undefined): Promise<{ filingId: string; revision: number }> {
  const filing = await submitFiling(newDocument());
  await beforeAnswers(filing.filingId);
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
    /** The next call of `key` runs in full (its writes land), then throws `errorName` instead of answering. */
    const withCrash = (key: StepKey, errorName: string): { crashed: () => number } => {
      const crash = { errorName, count: 0 };
      crashes.set(key, crash);
      return { crashed: () => crash.count };
    };
    afterEach(() => crashes.clear());

    test.each([
      ['checkResources', 'Lambda.ServiceException'],
      ['awaitCallback', 'Lambda.ServiceException'],
      ['submitToAdministration', 'Lambda.ServiceException'],
      ['applyDecision', 'Lambda.ServiceException'],
      ['updatePorts', 'Lambda.ServiceException'],
    ] as const)('%s crashes once (%s, retried): approved, no change applied or audited twice', async (key, errorName) => {
      const crash = withCrash(key, errorName);
      // A retried callback state hands out a new token and task: the first attempt's task is
      // closed (a reviewer answering it gets 409), so answer once the retry has stored its own.
      const afterRetry = async (filingId: string): Promise<void> => {
        if (key !== 'awaitCallback') return;
        await eventually(async () => (crash.crashed() === 1 ? true : undefined), 'the crash');
        await eventually(async () => {
          const record = await getFiling(filingId);
          const task = record?.openTaskId === undefined ? null : await getTaskForDecision(record.openTaskId);
          return task?.state === 'OPEN' ? true : undefined;
        }, 'the retried task');
      };
      const filing = await approvedEndToEnd(afterRetry);
      expect(crash.crashed()).toBe(1);
      expect(await getFiling(filing.filingId)).toMatchObject({ status: 'APPROVED', recordNumber: RECORD_NUMBER, ports: { open: true } });
      expect(await statusTrail(filing.filingId)).toEqual(FULL_TRAIL);
    });

    test.each([['checkAttachments'], ['awaitCallback']] as const)('%s dies (Runtime.ExitError, not retried): the filing ends RETURNED with SYSTEM_ERROR, never stuck', async (key) => {
      const crash = withCrash(key, 'Runtime.ExitError');
      const filing = await submitFiling(newDocument());
      const returned = await waitForStatus(filing.filingId, 'RETURNED', 30_000);
      expect(crash.crashed()).toBe(1);
      expect(returned.reasons.map((reason) => reason.code)).toEqual(['SYSTEM_ERROR']);
      expect((await waitForEnd(harness, filing)).status).not.toBe('RUNNING');
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
