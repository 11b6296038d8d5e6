import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { handler as apiCustomer } from '../../lambdas/api-customer/handler.js';
import type { AccountResourcesFile } from '../../lib/local/network-adapter.js';
import { CUSTOMER_A } from '../../lib/local/credentials.js';
import { lambdaContext } from '../../lib/local/lambda-context.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import type { Filing, RecordalClient } from '../../lib/client/index.js';
import { exampleAccountProfile, newFilingDocument } from '../../tools/demo/fixtures.js';
import { prepareFiling, waitForStatus } from '../../tools/demo/steps.js';
import { scanItems } from '../../tools/fuzz/snapshot.js';
import { clientOf, startTestPlatform } from '../support/platform.js';
import { proxyEvent } from '../support/proxy-event.js';
import { settledInvariants } from '../support/invariants.js';

/**
 * Races that test/e2e/races.test.ts (50 concurrent decisions, a sequential
 * Idempotency-Key replay) does not run: many requests at the same instant, each race ending
 * with exactly one winner and nothing written twice. After each, the table's invariants hold.
 */
jest.setTimeout(90_000);

describe('races over HTTP', () => {
  let platform: LocalPlatform;
  let customer: RecordalClient;

  beforeAll(async () => {
    platform = await startTestPlatform();
    customer = clientOf(platform, CUSTOMER_A);
    await customer.putAccount(exampleAccountProfile());
  });
  afterEach(async () => {
    expect(await settledInvariants(platform)).toEqual([]);
  });
  afterAll(() => platform?.stop());

  const filingsNamed = async (name: string): Promise<string[]> => {
    const items = await scanItems(platform);
    return items.filter((item) => item.sk?.S === 'FILING' && item.document?.M?.app?.M?.name?.S === name).map((item) => item.filingId!.S!);
  };

  it('100 concurrent creates with one Idempotency-Key make one filing; every 201 is that filing', async () => {
    const document = newFilingDocument();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => customer.http.post<Filing & { error?: { code: string; details: { code: string }[] } }>('/v1/filings', document, { headers: { 'idempotency-key': key } })),
    );
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    // The others arrived while the first was still running: 409 IDEMPOTENCY_IN_PROGRESS, never a second filing, never a 5xx.
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('CONFLICT');
    }
    expect(new Set(created.map((answer) => answer.body.filingId)).size).toBe(1);
    expect(await filingsNamed((document.app as { name: string }).name)).toEqual([created[0]!.body.filingId]);
    // And once it is done, the key answers the same filing again.
    const replay = await customer.http.post<Filing>('/v1/filings', document, { headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(201);
    expect(replay.body.filingId).toBe(created[0]!.body.filingId);
  });

  it('10 PATCHes with the same If-Match: one 200, nine 412, and the filing has the winner', async () => {
    const draft = await customer.createFiling(newFilingDocument());
    const names = Array.from({ length: 10 }, (_, i) => `并发修改${i}号${randomUUID().slice(0, 4)}`);
    const answers = await Promise.all(names.map((name) => customer.http.patch<Filing & { app: { name: string } }>(`/v1/filings/${draft.filingId}`, { app: { name } }, { headers: { 'if-match': `"${draft.version}"` } })));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(9).fill(412)]);
    const winner = answers.find((answer) => answer.status === 200)!;
    const current = await customer.http.get<Filing & { app: { name: string } }>(`/v1/filings/${draft.filingId}`);
    expect(current.body.version).toBe(draft.version + 1);
    expect(current.body.app.name).toBe(winner.body.app.name);
    expect(current.headers.etag).toBe(`"${draft.version + 1}"`);
  });

  it('two concurrent submits of one draft: one 202, one 409, one execution', async () => {
    const filing = await prepareFiling(customer, newFilingDocument());
    const answers = await Promise.all([customer.http.post(`/v1/filings/${filing.filingId}/submit`), customer.http.post(`/v1/filings/${filing.filingId}/submit`)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
    await waitForStatus(customer, filing.filingId, ['AWAITING_VERIFICATION', 'RETURNED']);
    const executions = platform.stepFunctionsRuntime!.listExecutions().filter((execution) => execution.name.startsWith(`${filing.filingId}-`));
    expect(executions.map((execution) => execution.name)).toEqual([`${filing.filingId}-r1`]);
  });

  describe('20 accounts registering the same email and mobile at once', () => {
    // The gateway knows three identities; twenty tenants are twenty accountIds in the proxy
    // event, sent to the customer API handler the gateway runs, against the platform's table
    // and its account resources file (each tenant gets an Elastic IP and an access role there).
    const accounts = Array.from({ length: 20 }, (_, i) => String(333333333300 + i));

    beforeAll(() => {
      const file = JSON.parse(readFileSync(platform.accountResourcesFile, 'utf8')) as AccountResourcesFile;
      accounts.forEach((accountId, i) => {
        file.accounts[accountId] = {
          accessRoleArns: [`arn:aws-cn:iam::${accountId}:role/IcpRecordalAccess`],
          elasticIps: [`52.83.99.${i + 1}`],
          loadBalancers: [],
          securityGroups: {},
        };
      });
      writeFileSync(platform.accountResourcesFile, JSON.stringify(file, null, 2));
    });

    const register = (accountId: string, i: number, contact: { email: string; mobile: string }): Promise<APIGatewayProxyResult> =>
      apiCustomer(
        proxyEvent('PUT', '/v1/account', {
          as: { accountId, userArn: `arn:aws-cn:iam::${accountId}:user/racer${i}` },
          body: {
            companyName: `宁夏并发科技${i}有限公司`,
            email: contact.email,
            mobile: contact.mobile,
            verificationIp: `52.83.99.${i + 1}`,
            accessRoleArn: `arn:aws-cn:iam::${accountId}:role/IcpRecordalAccess`,
            acceptPrivacyPolicy: true,
          },
        }),
        lambdaContext('api-customer'),
      );

    it.each([
      ['email', (i: number) => ({ email: 'shared@race.example.cn', mobile: `1399600${String(i).padStart(4, '0')}` }), 'EMAIL_TAKEN'],
      ['mobile', (i: number) => ({ email: `racer${i}@race-mobile.example.cn`, mobile: '13996009999' }), 'MOBILE_TAKEN'],
    ] as const)('one wins the %s; the 19 others answer 409 %s', async (_what, contactOf, code) => {
      const offset = code === 'EMAIL_TAKEN' ? 0 : 10;
      const racers = accounts.map((accountId, i) => ({ accountId, i: i + offset }));
      const answers = await Promise.all(racers.map(({ accountId, i }, index) => register(accountId, index, contactOf(i))));
      const statuses = answers.map((answer) => answer.statusCode);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      for (const answer of answers.filter((a) => a.statusCode === 409)) {
        expect(JSON.parse(answer.body).error.details.map((detail: { code: string }) => detail.code)).toContain(code);
      }
      // Exactly one profile holds it, and the uniqueness item's owner is that account.
      const items = await scanItems(platform);
      const winner = racers[statuses.indexOf(200)]!.accountId;
      const profiles = items.filter((item) => item.sk?.S === 'PROFILE' && accounts.includes(item.pk!.S!.replace('ACCOUNT#', '')));
      expect(profiles.map((item) => item.pk!.S)).toContain(`ACCOUNT#${winner}`);
      const kind = code === 'EMAIL_TAKEN' ? 'EMAIL' : 'MOBILE';
      const owners = items.filter((item) => item.pk?.S?.startsWith(`UNIQUE#${kind}#`) && accounts.includes(item.ownerId?.S ?? '')).map((item) => item.ownerId!.S);
      expect(owners.filter((owner) => owner === winner)).toHaveLength(1);
    });
  });
});
