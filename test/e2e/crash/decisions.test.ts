import { jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Filing } from '../../../lib/client/index.js';
import { CUSTOMER_A, REVIEWER } from '../../../lib/local/credentials.js';
import { clientFor } from '../../../tools/demo/demo.js';
import { exampleAccountProfile, randomRecordNumber } from '../../../tools/demo/fixtures.js';
import { decide, prepareFiling, waitForStatus } from '../../../tools/demo/steps.js';
import { LocalProcess } from './local-process.js';

jest.setTimeout(600_000);

/**
 * docs/durability.md "Crash points": the local platform is killed with SIGKILL (whole process
 * group) right after an accepted action or decision, or while idle in a waiting state, and
 * started again on the same data folder; every filing ends where it should, nothing lost or doubled.
 */
let platform: LocalProcess;
let dataDir: string;
const actors = () => ({ customer: clientFor(platform.url, CUSTOMER_A), reviewer: clientFor(platform.url, REVIEWER) });
const wait = { timeoutMs: 60_000, intervalMs: 100 };

async function restart(): Promise<void> {
  await platform.kill();
  await platform.start();
}

async function toPreliminaryReview(): Promise<Filing> {
  const { customer } = actors();
  const filing = await prepareFiling(customer);
  await customer.submit(filing.filingId);
  await waitForStatus(customer, filing.filingId, 'AWAITING_VERIFICATION', wait);
  await customer.reportVerification(filing.filingId);
  return waitForStatus(customer, filing.filingId, 'PRELIMINARY_REVIEW', wait);
}

async function toCaReview(): Promise<Filing> {
  const { customer, reviewer } = actors();
  const filing = await toPreliminaryReview();
  await decide(reviewer, 'PRELIMINARY_REVIEW', filing.filingId, { decision: 'APPROVE', reasons: [] }, wait);
  await waitForStatus(customer, filing.filingId, 'AWAITING_SMS_VERIFICATION', wait);
  await customer.reportSmsVerification(filing.filingId);
  return waitForStatus(customer, filing.filingId, 'CA_REVIEW', wait);
}

const statusEvents = (filingId: string) =>
  platform.events().filter((e) => (e.detail as { filingId?: string }).filingId === filingId).map((e) => (e.detail as { to: string }).to);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'recordal-crash-'));
  platform = await LocalProcess.create(dataDir);
  await platform.start();
  await actors().customer.putAccount(exampleAccountProfile());
});

afterAll(async () => {
  await platform?.kill();
  await rm(dataDir, { recursive: true, force: true });
});

describe('kill -9 of the local platform, restarted on the same data folder', () => {
  it('a preliminary REJECT accepted just before the crash ends RETURNED with its reasons, never approved', async () => {
    const { customer, reviewer } = actors();
    const filing = await toPreliminaryReview();
    const reasons = [{ path: 'app.name', code: 'NAME_MISLEADING', message: 'The name is misleading.' }];
    await decide(reviewer, 'PRELIMINARY_REVIEW', filing.filingId, { decision: 'REJECT', reasons }, wait);
    await restart();
    const after = await waitForStatus(customer, filing.filingId, ['RETURNED', 'AWAITING_SMS_VERIFICATION'], wait);
    expect(after.status).toBe('RETURNED');
    expect(after.reasons.map((r) => r.code)).toEqual(['NAME_MISLEADING']);
    await platform.kill();
    await platform.start();
    expect((await customer.getFiling(filing.filingId)).status).toBe('RETURNED');
    expect(statusEvents(filing.filingId).filter((to) => to === 'RETURNED')).toHaveLength(1);
  });

  it('a CA approval with a record number accepted just before the crash ends APPROVED with that number', async () => {
    const { customer, reviewer } = actors();
    const filing = await toCaReview();
    const recordNumber = randomRecordNumber();
    await decide(reviewer, 'CA_DECISION', filing.filingId, { decision: 'APPROVE', reasons: [], recordNumber }, wait);
    await restart();
    const after = await waitForStatus(customer, filing.filingId, ['APPROVED', 'RETURNED'], wait);
    expect(after).toMatchObject({ status: 'APPROVED', recordNumber });
    expect(statusEvents(filing.filingId)).toContain('APPROVED');
  });

  it('a filing idle in a waiting state keeps waiting after the crash and goes on when answered', async () => {
    const { customer, reviewer } = actors();
    const filing = await toPreliminaryReview();
    await restart();
    const waiting = await customer.getFiling(filing.filingId);
    expect(waiting.status).toBe('PRELIMINARY_REVIEW');
    await decide(reviewer, 'PRELIMINARY_REVIEW', filing.filingId, { decision: 'APPROVE', reasons: [] }, wait);
    await waitForStatus(customer, filing.filingId, 'AWAITING_SMS_VERIFICATION', wait);
  });
});
