import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Filing } from '../../../lib/client/index.js';
import { newFilingDocument } from '../../../tools/demo/fixtures.js';
import { prepareFiling, waitForStatus } from '../../../tools/demo/steps.js';
import { CRASH_WAIT, useCrashPlatform } from './scenario.js';

jest.setTimeout(600_000);

/**
 * docs/durability.md "Crash points", the customer's side: SIGKILL of the whole platform right
 * after an accepted action (202), and in the middle of a burst of idempotent creates; after the
 * restart on the same data folder the action has its effect once, and every Idempotency-Key
 * owns exactly one filing.
 */
const scenario = useCrashPlatform();

describe('kill -9 right after a customer action, restarted on the same data folder', () => {
  it('a submit goes on to AWAITING_VERIFICATION, once', async () => {
    const customer = scenario.customer();
    const filing = await prepareFiling(customer);
    await customer.submit(filing.filingId);
    await scenario.restart();
    await waitForStatus(scenario.customer(), filing.filingId, 'AWAITING_VERIFICATION', CRASH_WAIT);
    expect(await scenario.publishedCount(filing.filingId, 'SUBMITTED')).toBe(1);
  });

  it('a verification report goes on to PRELIMINARY_REVIEW, once', async () => {
    const filing = await scenario.toAwaitingVerification();
    await scenario.customer().reportVerification(filing.filingId);
    await scenario.restart();
    await waitForStatus(scenario.customer(), filing.filingId, 'PRELIMINARY_REVIEW', CRASH_WAIT);
    expect(await scenario.publishedCount(filing.filingId, 'PRELIMINARY_REVIEW')).toBe(1);
  });

  it('an SMS verification report goes on to CA_REVIEW, once', async () => {
    const filing = await scenario.toAwaitingSms();
    await scenario.customer().reportSmsVerification(filing.filingId);
    await scenario.restart();
    await waitForStatus(scenario.customer(), filing.filingId, 'CA_REVIEW', CRASH_WAIT);
    expect(await scenario.publishedCount(filing.filingId, 'CA_REVIEW')).toBe(1);
  });

  it('a withdrawal stays WITHDRAWN and its task is gone from the reviewer queue', async () => {
    const filing = await scenario.toPreliminaryReview();
    const answered = await scenario.customer().withdraw(filing.filingId);
    expect(answered.status).toBe('WITHDRAWN');
    await scenario.restart();
    expect((await scenario.customer().getFiling(filing.filingId)).status).toBe('WITHDRAWN');
    expect((await scenario.customer().events(filing.filingId)).filter((event) => event.to === 'WITHDRAWN')).toHaveLength(1);
    const tasks = await scenario.reviewer().http.get<{ items: { filingId: string }[] }>('/v1/review/tasks?limit=100');
    expect(tasks.body.items.filter((task) => task.filingId === filing.filingId)).toEqual([]);
    // The workflow does not bring it back after a while either.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await scenario.customer().getFiling(filing.filingId)).status).toBe('WITHDRAWN');
  });
});

describe('kill -9 in the middle of a burst of idempotent creates', () => {
  it('leaves every Idempotency-Key with exactly one filing once the unanswered keys are sent again', async () => {
    const customer = scenario.customer();
    const requests = Array.from({ length: 16 }, () => ({ key: randomUUID(), document: newFilingDocument() }));
    const post = (request: (typeof requests)[number]) =>
      scenario.customer().http.post<Filing>('/v1/filings', request.document, { headers: { 'idempotency-key': request.key } });
    const burst = requests.map((request) => post(request));
    // Killed once the first answers are in: some creates done, some under way, some not begun.
    await Promise.race(burst.map((answer) => answer.catch(() => undefined)));
    await scenario.platform.kill();
    const first = await Promise.allSettled(burst);
    const answeredBefore = new Map<string, string>();
    first.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled' && outcome.value.status === 201) answeredBefore.set(requests[i]!.key, outcome.value.body.filingId);
    });
    await scenario.platform.start();

    // Every key sent again with its body; a key still marked in progress answers 409 until that expires.
    const owners = new Map<string, string>();
    for (const request of requests) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const answer = await post(request);
        if (answer.status === 201) {
          owners.set(request.key, answer.body.filingId);
          break;
        }
        expect(answer.status).toBe(409);
        if (Date.now() > deadline) throw new Error(`key ${request.key} still answers 409 after a minute`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    for (const [key, filingId] of answeredBefore) expect(owners.get(key)).toBe(filingId);
    expect(new Set(owners.values()).size).toBe(requests.length);
    const names = new Set(requests.map((request) => (request.document.app as { name: string }).name));
    const listed = await customer.http.get<{ items: (Filing & { app?: { name: string } })[] }>('/v1/filings?limit=100');
    const created = listed.body.items.filter((item) => names.has(item.app?.name ?? ''));
    expect(created.map((item) => item.filingId).sort()).toEqual([...owners.values()].sort());
  });
});
