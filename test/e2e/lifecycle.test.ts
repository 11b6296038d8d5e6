import { jest } from '@jest/globals';
import { CUSTOMER_A, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import type { Filing, RecordalClient } from '../../lib/client/index.js';
import { openPorts, securityGroupIngress } from '../../tools/demo/account-resources.js';
import { DEMO_SECURITY_GROUP, runDemo, type DemoOutcome } from '../../tools/demo/demo.js';
import { driveToApproved, uploadRequiredAttachments } from '../../tools/demo/steps.js';
import { clientOf, startTestPlatform } from '../support/platform.js';

jest.setTimeout(90_000);

/**
 * The demo's lifecycle over HTTP with SigV4 on the in-memory local platform, then the two
 * applications about the approved filing: a CHANGE_IP and a CANCEL_APP (docs/design/lifecycle.md).
 * The tests run in order: each starts from what the previous one left.
 */
describe('a NEW filing to APPROVED, then CHANGE_IP and CANCEL_APP of it', () => {
  let platform: LocalPlatform;
  let customer: RecordalClient;
  let reviewer: RecordalClient;
  let demo: DemoOutcome | undefined;
  let changeIp: Filing | undefined;

  beforeAll(async () => {
    platform = await startTestPlatform();
    customer = clientOf(platform, CUSTOMER_A);
    reviewer = clientOf(platform, REVIEWER);
  });
  afterAll(() => platform?.stop());

  const ports = () => openPorts(platform.accountResourcesFile, CUSTOMER_A.accountId, DEMO_SECURITY_GROUP);

  /** The approved NEW filing of the first test (the others need it). */
  function approved(): DemoOutcome {
    if (demo === undefined) throw new Error('the demo lifecycle did not reach APPROVED (see the first test)');
    return demo;
  }

  it('runs the demo: every status in order, the record number stored, ports 80/443/8080 opened to anywhere', async () => {
    expect(ports()).toEqual([]);
    const lines: string[] = [];
    demo = await runDemo({ baseUrl: platform.url, accountResourcesFile: platform.accountResourcesFile, log: (line) => lines.push(line) });

    expect(demo.statuses).toEqual(['DRAFT', 'SUBMITTED', 'AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'AWAITING_SMS_VERIFICATION', 'CA_REVIEW', 'APPROVED']);
    expect(demo.filing).toMatchObject({ status: 'APPROVED', type: 'NEW', recordNumber: demo.recordNumber, revision: 1 });
    expect(demo.filing.ports).toMatchObject({ open: true, securityGroupIds: [DEMO_SECURITY_GROUP] });
    expect(demo.ports).toEqual([80, 443, 8080]);
    // Inbound from anywhere, as docs/design/lifecycle.md step 9 asks.
    const ingress = securityGroupIngress(platform.accountResourcesFile, CUSTOMER_A.accountId, DEMO_SECURITY_GROUP);
    for (const port of [80, 443, 8080]) expect(ingress).toContainEqual(expect.objectContaining({ protocol: 'tcp', port, cidr: '0.0.0.0/0' }));
    // The demo printed each status as it changed, and the ports at the end.
    expect(lines.filter((line) => line.startsWith('status: '))).toEqual(demo.statuses.map((status) => `status: ${status}`));
    expect(lines.at(-1)).toContain('80, 443, 8080');

    // The audit trail has the whole story, with who moved it on.
    const events = await customer.events(demo.filing.filingId);
    const changes = events.filter((event) => event.to !== null && event.to !== event.from).map((event) => event.to);
    expect(changes).toEqual(demo.statuses);
  });

  it('applies an approved CHANGE_IP to the filing: its IPs replaced, record number and ports kept', async () => {
    const target = approved().filing;
    const created = await customer.createFiling({ type: 'CHANGE_IP', targetFilingId: target.filingId, access: { ips: ['52.83.10.11'] } });
    expect(created).toMatchObject({ type: 'CHANGE_IP', status: 'DRAFT', targetFilingId: target.filingId });
    await uploadRequiredAttachments(customer, created.filingId);

    // Once the Communications Administration has the application, it can no longer be withdrawn.
    const withdrawAnswers = new Map<string, number>();
    changeIp = await driveToApproved({ customer, reviewer }, created.filingId, {
      timeoutMs: 30_000,
      onAction: async (_action, filing) => {
        if (filing?.status === 'AWAITING_SMS_VERIFICATION' || filing?.status === 'CA_REVIEW') {
          withdrawAnswers.set(filing.status, (await customer.http.post(`/v1/filings/${created.filingId}/withdraw`)).status);
        }
      },
    });
    expect(changeIp).toMatchObject({ status: 'APPROVED', type: 'CHANGE_IP' });
    expect(Object.fromEntries(withdrawAnswers)).toEqual({ AWAITING_SMS_VERIFICATION: 409, CA_REVIEW: 409 });

    const after = await customer.getFiling(target.filingId);
    expect(after).toMatchObject({ status: 'APPROVED', recordNumber: target.recordNumber });
    expect(after.access?.ips).toEqual(['52.83.10.11']);
    expect(ports()).toEqual([80, 443, 8080]);
  });

  it('cancels the filing with an approved CANCEL_APP: target CANCELLED, ports closed', async () => {
    if (changeIp === undefined) throw new Error('the CHANGE_IP application did not reach APPROVED (see the test before)');
    const target = approved().filing;
    const created = await customer.createFiling({ type: 'CANCEL_APP', targetFilingId: target.filingId, reason: 'The APP is no longer offered.' });
    expect(created).toMatchObject({ type: 'CANCEL_APP', status: 'DRAFT' });
    await uploadRequiredAttachments(customer, created.filingId);

    const cancellation = await driveToApproved({ customer, reviewer }, created.filingId, { timeoutMs: 30_000 });
    expect(cancellation).toMatchObject({ status: 'APPROVED', type: 'CANCEL_APP' });

    const after = await customer.getFiling(target.filingId);
    expect(after.status).toBe('CANCELLED');
    expect(after.ports).toMatchObject({ open: false });
    expect(ports()).toEqual([]);
    expect(securityGroupIngress(platform.accountResourcesFile, CUSTOMER_A.accountId, DEMO_SECURITY_GROUP)).toEqual([]);
  });
});
