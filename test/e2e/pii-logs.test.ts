import { jest } from '@jest/globals';
import '../support/debug-logs.js';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { exampleAccountProfile, exampleFiling, newFilingDocument, randomRecordNumber } from '../../tools/demo/fixtures.js';
import { driveToApproved, prepareFiling, waitForStatus, waitForTask } from '../../tools/demo/steps.js';
import { captureOutput, type CapturedOutput } from '../support/captured-output.js';
import { settledInvariants } from '../support/invariants.js';
import { clientOf, startTestPlatform } from '../support/platform.js';

/**
 * PII (ID numbers, mobiles, emails, USCCs) never appears unmasked in logs: every byte the
 * process writes to stdout and stderr, and every console call, is captured at DEBUG level
 * while the platform registers an account, runs a filing from draft to APPROVED through a
 * rejection, and refuses requests that carry the same PII (a taken email, an invalid ID
 * number, a body that is not JSON); then the capture is searched for the fixture's values.
 */
jest.setTimeout(120_000);

const fixture = exampleFiling() as {
  entity: { certificateNumber: string };
  entityPrincipal: { idNumber: string; mobile: string; emergencyMobile: string; email: string };
  app: { principal: { idNumber: string; mobile: string; emergencyMobile: string; email: string } };
};
const PII: string[] = [
  ...[fixture.entityPrincipal, fixture.app.principal].flatMap((person) => [person.idNumber, person.mobile, person.emergencyMobile, person.email]),
  fixture.entity.certificateNumber,
];

describe('logs of a whole e2e run', () => {
  let platform: LocalPlatform;
  let output: CapturedOutput | undefined;
  const captured: string[] = [];
  const levelBefore = process.env.POWERTOOLS_LOG_LEVEL;

  beforeAll(async () => {
    // The most verbose level, set before the handlers (and their loggers) load.
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    output = captureOutput();
    platform = await startTestPlatform({
      log: (line) => captured.push(line),
      onRequest: (entry) => captured.push(JSON.stringify(entry)),
      onHandlerError: (error) => captured.push(error instanceof Error ? `${error.message}\n${error.stack}` : String(error)),
    });
  });
  afterAll(async () => {
    await platform?.stop();
    output?.restore();
    if (levelBefore === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
    else process.env.POWERTOOLS_LOG_LEVEL = levelBefore;
  });

  it('never shows an ID number, mobile or email unmasked', async () => {
    const customer = clientOf(platform, CUSTOMER_A);
    const other = clientOf(platform, CUSTOMER_B);
    const reviewer = clientOf(platform, REVIEWER);
    await customer.putAccount(exampleAccountProfile());
    // Customer B tries A's email and mobile: 409, logged as a refusal.
    const taken = await other.http.put('/v1/account', { ...exampleAccountProfile(), verificationIp: '161.189.5.5', accessRoleArn: 'arn:aws-cn:iam::222222222222:role/IcpRecordalAccess', companyName: '另一家公司' });
    expect(taken.status).toBe(409);
    // Refusals that carry PII in the request.
    const badId = newFilingDocument();
    (badId.entityPrincipal as { idNumber: string }).idNumber = `${fixture.entityPrincipal.idNumber.slice(0, 17)}0`;
    expect((await customer.http.post('/v1/filings', badId)).status).toBe(422);
    expect((await customer.http.post('/v1/filings', undefined, { body: `{"entityPrincipal":{"email":"${fixture.entityPrincipal.email}",`, headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await customer.http.get(`/v1/filings?cursor=${fixture.entityPrincipal.mobile}&status=${fixture.entityPrincipal.email}`)).status).toBe(400);
    // PII in a path (an access line of the gateway and of the function).
    expect((await customer.http.get(`/v1/filings/${fixture.entityPrincipal.idNumber}`)).status).toBe(404);
    expect((await customer.http.get(`/v1/filings/${fixture.entity.certificateNumber}`)).status).toBe(404);

    // A filing returned once by the reviewer, then resubmitted and approved.
    const document = newFilingDocument();
    PII.push((document.entity as { certificateNumber: string }).certificateNumber);
    const filing = await prepareFiling(customer, document);
    await customer.submit(filing.filingId);
    await waitForStatus(customer, filing.filingId, 'AWAITING_VERIFICATION');
    await customer.reportVerification(filing.filingId);
    const task = await waitForTask(reviewer, 'PRELIMINARY_REVIEW', filing.filingId);
    // A reviewer's free text carrying an ID number, a mobile and an email (logged with the status event).
    const person = fixture.entityPrincipal;
    const message = `The principal ID photo is unreadable: ${person.idNumber}; call ${person.mobile} or write to ${person.email}.`;
    expect((await reviewer.http.post(`/v1/review/tasks/${task.taskId}/decision`, { decision: 'REJECT', reasons: [{ code: 'MATERIALS_UNCLEAR', message }] })).status).toBe(202);
    const returned = await waitForStatus(customer, filing.filingId, 'RETURNED');
    const patched = await customer.http.patch(`/v1/filings/${filing.filingId}`, { entityPrincipal: { emergencyMobile: fixture.entityPrincipal.emergencyMobile } }, { headers: { 'if-match': `"${returned.version}"` } });
    expect(patched.status).toBe(200);
    await driveToApproved({ customer, reviewer }, filing.filingId, { recordNumber: randomRecordNumber() });
    expect((await reviewer.http.get(`/v1/review/filings/${filing.filingId}`)).status).toBe(200);

    const log = [...(output?.lines ?? []), ...captured].join('\n');
    // The capture is real: the run's own log lines are in it (status changes, access lines).
    expect(log).toContain('Filing Status Changed');
    expect(log).toContain(filing.filingId);
    const leaked = PII.filter((value) => log.includes(value));
    expect(leaked).toEqual([]);
    // Masked forms are what may appear instead.
    expect(log).not.toMatch(/\b\d{6}(19|20)\d{2}[01]\d[0-3]\d\d{3}[\dX]\b/);
    expect(await settledInvariants(platform)).toEqual([]);
  });
});
