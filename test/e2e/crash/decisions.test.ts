import { jest } from '@jest/globals';
import { randomRecordNumber } from '../../../tools/demo/fixtures.js';
import { decide, waitForStatus } from '../../../tools/demo/steps.js';
import { CRASH_WAIT, useCrashPlatform } from './scenario.js';

jest.setTimeout(600_000);

/**
 * docs/durability.md "Crash points", the reviewer's side: the platform is killed with SIGKILL
 * right after a decision was accepted (202), or while a filing waits, and started again on the
 * same data folder; the filing ends where the decision says, with its reasons or record number,
 * and each status change is published once.
 */
const scenario = useCrashPlatform();
const reasons = [{ path: 'app.name', code: 'NAME_MISLEADING', message: 'The name is misleading.' }];

describe('kill -9 right after a reviewer decision, restarted on the same data folder', () => {
  it('a preliminary REJECT ends RETURNED with its reasons, never approved, and stays so over a second restart', async () => {
    const filing = await scenario.toPreliminaryReview();
    await decide(scenario.reviewer(), 'PRELIMINARY_REVIEW', filing.filingId, { decision: 'REJECT', reasons }, CRASH_WAIT);
    await scenario.restart();
    const after = await waitForStatus(scenario.customer(), filing.filingId, ['RETURNED', 'AWAITING_SMS_VERIFICATION'], CRASH_WAIT);
    expect(after.status).toBe('RETURNED');
    expect(after.reasons.map((r) => r.code)).toEqual(['NAME_MISLEADING']);
    await scenario.restart();
    expect((await scenario.customer().getFiling(filing.filingId)).status).toBe('RETURNED');
    expect(await scenario.publishedCount(filing.filingId, 'RETURNED')).toBe(1);
  });

  it('a preliminary APPROVE goes on to the SMS verification, once', async () => {
    const filing = await scenario.toPreliminaryReview();
    await decide(scenario.reviewer(), 'PRELIMINARY_REVIEW', filing.filingId, { decision: 'APPROVE', reasons: [] }, CRASH_WAIT);
    await scenario.restart();
    const after = await waitForStatus(scenario.customer(), filing.filingId, ['AWAITING_SMS_VERIFICATION', 'RETURNED'], CRASH_WAIT);
    expect(after.status).toBe('AWAITING_SMS_VERIFICATION');
    expect(await scenario.publishedCount(filing.filingId, 'AWAITING_SMS_VERIFICATION')).toBe(1);
  });

  it('a CA approval with a record number ends APPROVED with that number', async () => {
    const filing = await scenario.toCaReview();
    const recordNumber = randomRecordNumber();
    await decide(scenario.reviewer(), 'CA_DECISION', filing.filingId, { decision: 'APPROVE', reasons: [], recordNumber }, CRASH_WAIT);
    await scenario.restart();
    const after = await waitForStatus(scenario.customer(), filing.filingId, ['APPROVED', 'RETURNED'], CRASH_WAIT);
    expect(after).toMatchObject({ status: 'APPROVED', recordNumber });
    expect(await scenario.publishedCount(filing.filingId, 'APPROVED')).toBe(1);
  });

  it('a CA REJECT ends RETURNED with its reasons and no record number', async () => {
    const filing = await scenario.toCaReview();
    await decide(scenario.reviewer(), 'CA_DECISION', filing.filingId, { decision: 'REJECT', reasons }, CRASH_WAIT);
    await scenario.restart();
    const after = await waitForStatus(scenario.customer(), filing.filingId, ['RETURNED', 'APPROVED'], CRASH_WAIT);
    expect(after).toMatchObject({ status: 'RETURNED', recordNumber: null });
    expect(after.reasons.map((r) => r.code)).toEqual(['NAME_MISLEADING']);
  });
});

describe('kill -9 while a filing waits, restarted on the same data folder', () => {
  it.each([
    ['AWAITING_VERIFICATION', () => scenario.toAwaitingVerification()],
    ['PRELIMINARY_REVIEW', () => scenario.toPreliminaryReview()],
    ['AWAITING_SMS_VERIFICATION', () => scenario.toAwaitingSms()],
    ['CA_REVIEW', () => scenario.toCaReview()],
  ] as const)('a filing idle in %s keeps waiting there and goes on when answered', async (status, reach) => {
    const filing = await reach();
    await scenario.restart();
    expect((await scenario.customer().getFiling(filing.filingId)).status).toBe(status);
    const customer = scenario.customer();
    const reviewer = scenario.reviewer();
    if (status === 'AWAITING_VERIFICATION') await customer.reportVerification(filing.filingId);
    if (status === 'AWAITING_SMS_VERIFICATION') await customer.reportSmsVerification(filing.filingId);
    if (status === 'PRELIMINARY_REVIEW') await decide(reviewer, 'PRELIMINARY_REVIEW', filing.filingId, { decision: 'APPROVE', reasons: [] }, CRASH_WAIT);
    if (status === 'CA_REVIEW') await decide(reviewer, 'CA_DECISION', filing.filingId, { decision: 'APPROVE', reasons: [], recordNumber: randomRecordNumber() }, CRASH_WAIT);
    const next = { AWAITING_VERIFICATION: 'PRELIMINARY_REVIEW', PRELIMINARY_REVIEW: 'AWAITING_SMS_VERIFICATION', AWAITING_SMS_VERIFICATION: 'CA_REVIEW', CA_REVIEW: 'APPROVED' } as const;
    await waitForStatus(customer, filing.filingId, next[status], CRASH_WAIT);
  });
});
