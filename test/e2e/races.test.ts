import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../../lambdas/shared/adapters/clients.js';
import { CUSTOMER_A, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import type { Filing, RecordalClient, ReviewDecision } from '../../lib/client/index.js';
import { exampleAccountProfile, newFilingDocument } from '../../tools/demo/fixtures.js';
import { openTaskOf, prepareFiling, waitForStatus, waitForTask } from '../../tools/demo/steps.js';
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
    await customer.putAccount(exampleAccountProfile());
  });
  afterAll(() => platform?.stop());

  it('lets exactly one of 50 concurrent decisions on one task win (202); the 49 others answer 409', async () => {
    const { filingId } = await prepareFiling(customer);
    await customer.submit(filingId);
    await waitForStatus(customer, filingId, 'AWAITING_VERIFICATION');
    await customer.reportVerification(filingId);
    await waitForStatus(customer, filingId, 'PRELIMINARY_REVIEW');
    const task = await waitForTask(reviewer, 'PRELIMINARY_REVIEW', filingId);

    // Half approve, half reject: whichever wins, the filing must follow that one decision.
    const decisions: ReviewDecision[] = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? { decision: 'APPROVE', reasons: [] } : { decision: 'REJECT', reasons: [{ code: 'MATERIALS_UNCLEAR', message: `Reviewer ${i}: the ID photo is unreadable.` }] },
    );
    const answers = await Promise.all(decisions.map((decision) => reviewer.http.post(`/v1/review/tasks/${task.taskId}/decision`, decision)));

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
    const outOfReview = (await customer.events(filingId)).filter((event) => event.from === 'PRELIMINARY_REVIEW' && event.to !== 'PRELIMINARY_REVIEW');
    expect(outOfReview).toHaveLength(1);
  });

  it('answers an Idempotency-Key replay with the same filing, and creates one item', async () => {
    const document = newFilingDocument();
    const appName = (document.app as { name: string }).name;
    const key = randomUUID();
    const create = () => customer.http.post<Filing>('/v1/filings', document, { headers: { 'idempotency-key': key } });

    const first = await create();
    expect(first.status).toBe(201);
    const replays = [await create(), await create()];
    for (const replay of replays) {
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
    }

    const listed = await customer.http.get<{ items: (Filing & { app?: { name: string } })[] }>('/v1/filings?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.items.filter((item) => item.app?.name === appName).map((item) => item.filingId)).toEqual([first.body.filingId]);

    // Another key is another request: a second draft.
    const other = await customer.http.post<Filing>('/v1/filings', document, { headers: { 'idempotency-key': randomUUID() } });
    expect(other.status).toBe(201);
    expect(other.body.filingId).not.toBe(first.body.filingId);
  });

  /**
   * What a kill -9 between the draft's write and the idempotency record's completion leaves: the
   * filing, and a record still IN_PROGRESS whose time has run out (Powertools runs the request
   * again). The key still makes one filing (docs/durability.md "Idempotent creates").
   */
  async function crashLeftRecordsInProgress(): Promise<number> {
    const { Items = [] } = await dynamoDoc().send(
      new ScanCommand({ TableName: platform.tableName, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': 'IDEMPOTENCY#' } }),
    );
    for (const item of Items) {
      await dynamoDoc().send(
        new UpdateCommand({
          TableName: platform.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET #status = :inProgress, in_progress_expiration = :past REMOVE #data',
          ExpressionAttributeNames: { '#status': 'status', '#data': 'data' },
          ExpressionAttributeValues: { ':inProgress': 'INPROGRESS', ':past': Date.now() - 1_000 },
        }),
      );
    }
    return Items.length;
  }

  it('makes one filing per Idempotency-Key even when the replay runs again after a crash; another body answers 409', async () => {
    const document = newFilingDocument();
    const key = randomUUID();
    const first = await customer.http.post<Filing>('/v1/filings', document, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(await crashLeftRecordsInProgress()).toBeGreaterThan(0);

    const replay = await customer.http.post<Filing>('/v1/filings', document, { headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(201);
    expect(replay.body.filingId).toBe(first.body.filingId);
    const appName = (document.app as { name: string }).name;
    const listed = await customer.http.get<{ items: (Filing & { app?: { name: string } })[] }>('/v1/filings?limit=100');
    expect(listed.body.items.filter((item) => item.app?.name === appName)).toHaveLength(1);

    await crashLeftRecordsInProgress();
    const changed = await customer.http.post('/v1/filings', { ...document, app: { ...(document.app as object), name: `${appName}乙` } }, { headers: { 'idempotency-key': key } });
    expect(changed.status).toBe(409);
    expect(JSON.stringify(changed.body)).toContain('IDEMPOTENCY_KEY_REUSED');
  });
});
