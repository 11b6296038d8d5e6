import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { CUSTOMER_A, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import {
  eventsOf,
  exampleAccountProfile,
  newFilingDocument,
  prepareFiling,
  openTaskOf,
  registerAccount,
  reportCallback,
  sendDecision,
  submitFiling,
  waitForStatus,
  waitForTask,
  type Decision,
  type FilingView,
} from '../../lib/client/scenario.js';
import type { RecordalClient } from '../../lib/client/signed-client.js';
import { clientOf, startTestPlatform } from '../support/platform.js';

jest.setTimeout(90_000);

describe('concurrent and repeated requests', () => {
  let platform: LocalPlatform;
  let customer: RecordalClient;
  let reviewer: RecordalClient;

  beforeAll(async () => {
    platform = await startTestPlatform();
    customer = clientOf(platform, CUSTOMER_A);
    reviewer = clientOf(platform, REVIEWER);
    await registerAccount(customer, exampleAccountProfile());
  });
  afterAll(() => platform?.stop());

  it('lets exactly one of 50 concurrent decisions on one task win (202); the 49 others answer 409', async () => {
    const { filingId } = await prepareFiling(customer);
    await submitFiling(customer, filingId);
    await waitForStatus(customer, filingId, 'AWAITING_VERIFICATION');
    await reportCallback(customer, filingId, 'verification');
    await waitForStatus(customer, filingId, 'PRELIMINARY_REVIEW');
    const task = await waitForTask(reviewer, 'PRELIMINARY_REVIEW', filingId);

    // Half approve, half reject: whichever wins, the filing must follow that one decision.
    const decisions: Decision[] = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? { decision: 'APPROVE', reasons: [] } : { decision: 'REJECT', reasons: [{ code: 'MATERIALS_UNCLEAR', message: `Reviewer ${i}: the ID photo is unreadable.` }] },
    );
    const answers = await Promise.all(decisions.map((decision) => sendDecision(reviewer, task.taskId, decision)));

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.body).toEqual({ error: expect.objectContaining({ code: 'CONFLICT', requestId: expect.any(String) }) });
    }
    const winner = decisions[statuses.indexOf(202)]!;
    expect(answers[statuses.indexOf(202)]!.body).toMatchObject({ taskId: task.taskId, filingId, stage: 'PRELIMINARY_REVIEW', decision: winner.decision });

    const after = await waitForStatus(customer, filingId, winner.decision === 'APPROVE' ? 'AWAITING_SMS_VERIFICATION' : 'RETURNED');
    if (winner.decision === 'REJECT') expect(after.reasons.map((reason) => reason.code)).toEqual(['MATERIALS_UNCLEAR']);
    // The task is closed, and the audit trail shows one way out of the preliminary review.
    expect(await openTaskOf(reviewer, 'PRELIMINARY_REVIEW', filingId)).toBeUndefined();
    const outOfReview = (await eventsOf(customer, filingId)).filter((event) => event.from === 'PRELIMINARY_REVIEW' && event.to !== 'PRELIMINARY_REVIEW');
    expect(outOfReview).toHaveLength(1);
  });

  it('answers an Idempotency-Key replay with the same filing, and creates one item', async () => {
    const document = newFilingDocument();
    const appName = (document.app as { name: string }).name;
    const key = randomUUID();
    const create = () => customer.post<FilingView>('/v1/filings', document, { headers: { 'idempotency-key': key } });

    const first = await create();
    expect(first.status).toBe(201);
    const replays = [await create(), await create()];
    for (const replay of replays) {
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
    }

    const listed = await customer.get<{ items: (FilingView & { app?: { name: string } })[] }>('/v1/filings?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.items.filter((item) => item.app?.name === appName).map((item) => item.filingId)).toEqual([first.body.filingId]);

    // Another key is another request: a second draft.
    const other = await customer.post<FilingView>('/v1/filings', document, { headers: { 'idempotency-key': randomUUID() } });
    expect(other.status).toBe(201);
    expect(other.body.filingId).not.toBe(first.body.filingId);
  });
});
