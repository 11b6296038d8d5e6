import './quiet-logs.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handler as customer } from '../../../lambdas/api-customer/handler.js';
import { handler as review } from '../../../lambdas/api-review/handler.js';
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../../lambdas/shared/domain/identifiers.js';
import { sampleAttachment } from '../../../lib/local/samples/attachments.js';
import { IDENTITIES, call, detailCodes, eventually, postForm, startApiEnvironment, type ApiEnvironment } from './support.js';

const EXAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'filing-new.json'), 'utf8')) as Record<string, unknown>;
const reviewer = { as: IDENTITIES.reviewer };

let env: ApiEnvironment;

beforeAll(async () => {
  env = await startApiEnvironment('api-review');
  const registered = await call(customer, 'PUT', '/v1/account', {
    body: {
      companyName: '宁夏云帆科技有限公司',
      email: 'review-ops@yunfan-travel.cn',
      mobile: '13995000019',
      verificationIp: '52.83.10.11',
      accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess',
      acceptPrivacyPolicy: true,
    },
  });
  expect(registered.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await env?.stop();
});

/**
 * A valid Ningxia USCC per test (GB 32100 with its embedded GB 11714 organisation code): one
 * application of an entity at a time may be under review (ENTITY_BUSY).
 */
function usccFor(serial: number): string {
  const organisation = String(10_000_000 + serial);
  const first17 = `91640100${organisation}${organizationCodeCheckCharacter(organisation)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

/** A filing of customer A submitted and verified: waiting in PRELIMINARY_REVIEW with an open task. */
async function filingInPreliminaryReview(appName: string, certificateNumber?: string): Promise<{ filingId: string; taskId: string; executionArn: string }> {
  const entity = { ...(EXAMPLE.entity as object), ...(certificateNumber !== undefined && { certificateNumber }) };
  const created = await call(customer, 'POST', '/v1/filings', { body: { ...EXAMPLE, entity, app: { ...(EXAMPLE.app as object), name: appName } } });
  expect(created.status).toBe(201);
  const filingId = created.body.filingId as string;
  const requirements = await call(customer, 'GET', `/v1/filings/${filingId}/requirements`);
  for (const { kind } of (requirements.body.items as Array<{ kind: string; required: boolean }>).filter((r) => r.required)) {
    const sample = sampleAttachment(kind);
    const presigned = await call(customer, 'POST', `/v1/filings/${filingId}/attachments`, { body: { kind, contentType: sample.contentType, fileName: sample.fileName } });
    const { url, fields } = presigned.body as { url: string; fields: Record<string, string> };
    expect((await postForm(url, fields, sample.bytes, sample.contentType, sample.fileName)).status).toBeLessThan(300);
  }
  const submitted = await call(customer, 'POST', `/v1/filings/${filingId}/submit`);
  expect([submitted.status, detailCodes(submitted)]).toEqual([202, []]);
  await eventually(() => call(customer, 'GET', `/v1/filings/${filingId}`), (a) => a.body.status === 'AWAITING_VERIFICATION');
  expect((await call(customer, 'POST', `/v1/filings/${filingId}/verification`)).status).toBe(202);
  await eventually(() => call(customer, 'GET', `/v1/filings/${filingId}`), (a) => a.body.status === 'PRELIMINARY_REVIEW');
  const tasks = await call(review, 'GET', '/v1/review/tasks', { ...reviewer, query: { stage: 'PRELIMINARY_REVIEW', limit: '100' } });
  expect(tasks.status).toBe(200);
  const task = (tasks.body.items as Array<{ taskId: string; filingId: string }>).find((t) => t.filingId === filingId);
  expect(task).toBeDefined();
  const executionArn = env.sfn.listExecutions().find((e) => e.name === `${filingId}-r1`)!.executionArn;
  return { filingId, taskId: task!.taskId, executionArn };
}

describe('reviewer routes', () => {
  it('are 403 for customers, known route or not', async () => {
    for (const [method, path] of [
      ['GET', '/v1/review/tasks'],
      ['GET', '/v1/review/filings/x'],
      ['POST', '/v1/review/tasks/x/decision'],
      ['GET', '/v1/review/nothing'],
    ] as const) {
      const answer = await call(review, method, path, { body: method === 'POST' ? { decision: 'APPROVE' } : undefined });
      expect([path, answer.status, (answer.body.error as { code: string }).code]).toEqual([path, 403, 'FORBIDDEN']);
    }
  });

  it('list open tasks (no token), show any filing with presigned GET URLs, answer 404 for unknown ids and 400 for a bad stage', async () => {
    const { filingId, taskId } = await filingInPreliminaryReview('云帆审核甲', usccFor(1));
    const tasks = await call(review, 'GET', '/v1/review/tasks', reviewer);
    const task = (tasks.body.items as Array<Record<string, unknown>>).find((t) => t.taskId === taskId)!;
    expect(Object.keys(task).sort()).toEqual(['accountId', 'createdAt', 'deadline', 'filingId', 'overdue', 'stage', 'taskId']);
    expect(task).toMatchObject({ stage: 'PRELIMINARY_REVIEW', filingId, accountId: '111111111111', overdue: false });
    expect(tasks.raw).not.toMatch(/token/i);

    const filing = await call(review, 'GET', `/v1/review/filings/${filingId}`, reviewer);
    expect(filing.status).toBe(200);
    expect(filing.body.status).toBe('PRELIMINARY_REVIEW');
    const attachments = filing.body.attachments as Array<{ kind: string; url: string }>;
    expect(attachments.length).toBeGreaterThanOrEqual(7);
    const download = await fetch(attachments[0]!.url);
    expect(download.status).toBe(200);

    expect((await call(review, 'GET', '/v1/review/filings/no-such-filing', reviewer)).status).toBe(404);
    expect((await call(review, 'POST', '/v1/review/tasks/no-such-task/decision', { ...reviewer, body: { decision: 'APPROVE' } })).status).toBe(404);
    expect((await call(review, 'GET', '/v1/review/tasks', { ...reviewer, query: { stage: 'VERIFICATION' } })).status).toBe(400);
  }, 60_000);

  it('decide exactly once: of 50 concurrent decisions one is 202 and 49 are 409; the workflow gets the approval', async () => {
    const { filingId, taskId, executionArn } = await filingInPreliminaryReview('云帆审核乙', usccFor(2));
    const invalid = await call(review, 'POST', `/v1/review/tasks/${taskId}/decision`, { ...reviewer, body: { decision: 'REJECT', reasons: [] } });
    expect(invalid.status).toBe(422);
    expect(detailCodes(invalid)).toEqual(['FIELD_REQUIRED']);
    const unknownField = await call(review, 'POST', `/v1/review/tasks/${taskId}/decision`, { ...reviewer, body: { decision: 'APPROVE', token: 'x' } });
    expect(detailCodes(unknownField)).toEqual(['UNKNOWN_FIELD']);

    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call(review, 'POST', `/v1/review/tasks/${taskId}/decision`, { ...reviewer, body: { decision: 'APPROVE' } })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(answers.find((a) => a.status === 202)!.body).toEqual({ taskId, filingId, stage: 'PRELIMINARY_REVIEW', decision: 'APPROVE' });
    const execution = await eventually(async () => env.sfn.getExecution(executionArn), (e) => e?.status === 'SUCCEEDED');
    expect((execution!.output as { review: { decision: string } }).review.decision).toBe('APPROVE');
    const after = await call(review, 'GET', '/v1/review/tasks', reviewer);
    expect((after.body.items as Array<{ taskId: string }>).some((t) => t.taskId === taskId)).toBe(false);
  }, 60_000);

  it('reject with reasons through SendTaskFailure', async () => {
    const { taskId, executionArn } = await filingInPreliminaryReview('云帆审核丙', usccFor(3));
    const reasons = [{ code: 'APP_ICON_BLURRY', message: 'The icon is blurry.', messageZh: '图标不清晰。', path: 'attachments.APP_ICON' }];
    const answer = await call(review, 'POST', `/v1/review/tasks/${taskId}/decision`, { ...reviewer, body: { decision: 'REJECT', reasons } });
    expect(answer.status).toBe(202);
    const execution = await eventually(async () => env.sfn.getExecution(executionArn), (e) => e?.status === 'SUCCEEDED');
    const output = execution!.output as { status: string; error: { Error: string; Cause: string } };
    expect(output.status).toBe('RETURNED');
    expect(output.error.Error).toBe('Recordal.Rejected');
    expect(JSON.parse(output.error.Cause)).toEqual({ reasons });
  }, 60_000);

  it('refuses a decision on a withdrawn filing with 409', async () => {
    const { filingId, taskId } = await filingInPreliminaryReview('云帆审核丁', usccFor(4));
    expect((await call(customer, 'POST', `/v1/filings/${filingId}/withdraw`)).status).toBe(202);
    const answer = await call(review, 'POST', `/v1/review/tasks/${taskId}/decision`, { ...reviewer, body: { decision: 'APPROVE' } });
    expect(answer.status).toBe(409);
  }, 60_000);
});
