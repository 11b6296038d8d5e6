import { readFileSync, writeFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import type { RecordalClient } from '../../lib/client/index.js';
import { CUSTOMER_A, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { installAdapters } from '../../lambdas/shared/adapters/composition.js';
import { runDemo } from '../../tools/demo/demo.js';
import { driveToApproved, uploadRequiredAttachments } from '../../tools/demo/steps.js';
import { clientOf, startTestPlatform } from '../support/platform.js';

jest.setTimeout(90_000);

/**
 * docs/design/api.md "Drift check", over HTTP on the local platform: an approved filing whose
 * Elastic IP is released from the account resources file shows `drift` after a check, to the
 * customer and the reviewer, with one event and one reviewers' notice; restoring it clears it;
 * a cancelled filing is no longer checked. The tests run in order.
 */
describe('the drift check', () => {
  let platform: LocalPlatform;
  let customer: RecordalClient;
  let reviewer: RecordalClient;
  let filingId: string;
  const events: { type: string; detail: Record<string, unknown> }[] = [];
  const notices: { audience: string; message: string }[] = [];
  let restoreAdapters: (() => void) | undefined;

  beforeAll(async () => {
    // Events as the platform publishes them: from the table's stream, after each committed write.
    platform = await startTestPlatform({ onEvent: ({ detailType, detail }) => void events.push({ type: detailType, detail: detail as Record<string, unknown> }) });
    customer = clientOf(platform, CUSTOMER_A);
    reviewer = clientOf(platform, REVIEWER);
    restoreAdapters = installAdapters({
      notices: async (audience, _subject, message) => {
        notices.push({ audience, message });
      },
    });
    const demo = await runDemo({ baseUrl: platform.url, accountResourcesFile: platform.accountResourcesFile, log: () => undefined });
    filingId = demo.filing.filingId;
  });
  afterAll(async () => {
    restoreAdapters?.();
    await platform?.stop();
  });

  const driftEvents = async () => {
    await platform.tableStream.caughtUp();
    return events.filter((e) => e.type.startsWith('Filing Drift'));
  };
  const driftNotices = () => notices.filter((n) => n.audience === 'reviewers' && n.message.includes('DRIFT_DETECTED'));

  /** Edits customer A's Elastic IPs in the account resources file. */
  function editElasticIps(change: (ips: string[]) => string[]): void {
    const file = JSON.parse(readFileSync(platform.accountResourcesFile, 'utf8')) as { accounts: Record<string, { elasticIps: string[] }> };
    const account = file.accounts[CUSTOMER_A.accountId]!;
    account.elasticIps = change(account.elasticIps);
    writeFileSync(platform.accountResourcesFile, JSON.stringify(file, null, 2));
  }

  /** POST /v1/review/drift-checks, then wait until the check has gone through every shard. */
  async function runCheck(): Promise<void> {
    const started = await reviewer.http.post<{ checkId: string }>('/v1/review/drift-checks');
    expect(started.status).toBe(202);
    expect(started.body.checkId).toEqual(expect.any(String));
    await platform.driftQueue.drained();
  }

  const customerView = () => customer.getFiling(filingId);
  const reviewerView = () => reviewer.getReviewFiling(filingId);
  const driftList = async () => {
    const page = await reviewer.listDrift();
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  };

  it('finds nothing on a freshly approved filing', async () => {
    await runCheck();
    expect((await customerView()).drift).toBeNull();
    expect(await driftList()).toEqual({ items: [], nextCursor: null });
    expect(await driftEvents()).toEqual([]);
  });

  it('reports a released Elastic IP as IP_NOT_OWNED to the customer and the reviewer, once', async () => {
    editElasticIps((ips) => ips.filter((ip) => ip !== '52.83.10.10'));
    await runCheck();

    const seen = await customerView();
    expect(seen.status).toBe('APPROVED');
    expect(seen.drift).toEqual({ checkedAt: expect.any(String), problems: [expect.objectContaining({ code: 'IP_NOT_OWNED', path: 'access.ips.0' })] });
    expect(seen.drift!.problems[0]!.messageZh).toMatch(/弹性IP/);
    expect((await reviewerView()).drift).toEqual(seen.drift);
    expect((await driftList()).items).toEqual([{ filingId, accountId: CUSTOMER_A.accountId, checkedAt: seen.drift!.checkedAt, problems: seen.drift!.problems }]);
    expect(await driftEvents()).toEqual([{ type: 'Filing Drift Detected', detail: expect.objectContaining({ filingId, problems: seen.drift!.problems }) }]);
    expect(driftNotices()).toHaveLength(1);
    expect((await customer.events(filingId)).map((e) => e.type)).toContain('DRIFT_DETECTED');

    // Checked again while still drifting: the findings are refreshed, nothing is announced twice.
    await runCheck();
    expect((await customerView()).drift!.checkedAt > seen.drift!.checkedAt).toBe(true);
    expect(await driftEvents()).toHaveLength(1);
    expect(driftNotices()).toHaveLength(1);
  });

  it('clears the drift once the IP is back', async () => {
    editElasticIps((ips) => [...ips, '52.83.10.10']);
    await runCheck();
    expect((await customerView()).drift).toBeNull();
    expect((await reviewerView()).drift).toBeNull();
    expect((await driftList()).items).toEqual([]);
    expect((await driftEvents()).map((e) => e.type)).toEqual(['Filing Drift Detected', 'Filing Drift Cleared']);
  });

  it('does not check or list a cancelled filing (CANCEL_APP), whose ports are closed', async () => {
    editElasticIps((ips) => ips.filter((ip) => ip !== '52.83.10.10'));
    await runCheck();
    expect((await driftList()).items.map((item) => item.filingId)).toEqual([filingId]);

    const created = await customer.createFiling({ type: 'CANCEL_APP', targetFilingId: filingId, reason: 'The APP is no longer offered.' });
    await uploadRequiredAttachments(customer, created.filingId);
    await driveToApproved({ customer, reviewer }, created.filingId, { timeoutMs: 30_000 });
    const cancelled = await customerView();
    expect(cancelled).toMatchObject({ status: 'CANCELLED', drift: null, ports: expect.objectContaining({ open: false }) });
    expect((await driftList()).items).toEqual([]);

    const before = (await driftEvents()).length;
    await runCheck();
    expect((await customerView()).drift).toBeNull();
    expect(await driftEvents()).toHaveLength(before);
  });
});
