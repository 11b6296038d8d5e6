import './quiet-logs.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../../../lambdas/shared/adapters/clients.js';
import { handler } from '../../../lambdas/api-customer/handler.js';
import { sampleAttachment } from '../../../lib/local/samples/attachments.js';
import { IDENTITIES, call, detailCodes, eventually, postForm, startApiEnvironment, type Answer, type ApiEnvironment } from './support.js';

const EXAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'filing-new.json'), 'utf8')) as Record<string, unknown>;
const PROFILE_A = {
  companyName: '宁夏云帆科技有限公司',
  email: 'ops@yunfan-travel.cn',
  mobile: '+8613995000009',
  verificationIp: '52.83.10.10',
  accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess',
  acceptPrivacyPolicy: true,
};

let env: ApiEnvironment;

beforeAll(async () => {
  env = await startApiEnvironment('api-customer');
  expect((await call(handler, 'PUT', '/v1/account', { body: PROFILE_A })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await env?.stop();
});

/** Every filing of an account, read from the table itself (what a rejected request must not change). */
async function storedFilingCount(accountId: string): Promise<number> {
  const result = await dynamoDoc().send(
    new QueryCommand({ TableName: process.env.TABLE_NAME, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}` }, Select: 'COUNT' }),
  );
  return result.Count ?? 0;
}

async function createDraft(body: Record<string, unknown> = EXAMPLE): Promise<Answer> {
  const created = await call(handler, 'POST', '/v1/filings', { body });
  expect(created.status).toBe(201);
  return created;
}

async function uploadEveryRequired(filingId: string): Promise<string[]> {
  const requirements = await call(handler, 'GET', `/v1/filings/${filingId}/requirements`);
  const kinds = (requirements.body.items as Array<{ kind: string; required: boolean }>).filter((r) => r.required).map((r) => r.kind);
  for (const kind of kinds) {
    const sample = sampleAttachment(kind);
    const presigned = await call(handler, 'POST', `/v1/filings/${filingId}/attachments`, { body: { kind, contentType: sample.contentType, fileName: sample.fileName } });
    expect(presigned.status).toBe(201);
    const { url, fields } = presigned.body as { url: string; fields: Record<string, string> };
    expect((await postForm(url, fields, sample.bytes, sample.contentType, sample.fileName)).status).toBeLessThan(300);
  }
  return kinds;
}

describe('account', () => {
  it('answers 404 before registration and the profile after it', async () => {
    const before = await call(handler, 'GET', '/v1/account', { as: IDENTITIES.customerB });
    expect(before.status).toBe(404);
    const mine = await call(handler, 'GET', '/v1/account');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ accountId: '111111111111', companyName: PROFILE_A.companyName, mobile: '13995000009' });
  });

  it('lists every broken rule of a profile in one 422 and stores nothing', async () => {
    const answer = await call(handler, 'PUT', '/v1/account', {
      as: IDENTITIES.customerB,
      body: { companyName: ' x', email: 'not-an-email', mobile: '12345', verificationIp: '10.0.0.1', accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess', acceptPrivacyPolicy: false },
    });
    expect(answer.status).toBe(422);
    expect(detailCodes(answer).sort()).toEqual(['ACCESS_ROLE_INVALID', 'EMAIL_INVALID', 'ENTITY_NAME_INVALID', 'FIELD_REQUIRED', 'IP_INVALID', 'MOBILE_INVALID']);
    expect((await call(handler, 'GET', '/v1/account', { as: IDENTITIES.customerB })).status).toBe(404);
  });

  it('checks verificationIp through the account access role (IP_NOT_OWNED)', async () => {
    const answer = await call(handler, 'PUT', '/v1/account', { body: { ...PROFILE_A, verificationIp: '1.2.3.4' } });
    expect(answer.status).toBe(422);
    expect(detailCodes(answer)).toEqual(['IP_NOT_OWNED']);
  });

  it('refuses unknown fields with UNKNOWN_FIELD', async () => {
    const answer = await call(handler, 'PUT', '/v1/account', { body: { ...PROFILE_A, isAdmin: true } });
    expect(answer.status).toBe(422);
    expect(detailCodes(answer)).toEqual(['UNKNOWN_FIELD']);
  });

  it('gives one e-mail to one account: 409 EMAIL_TAKEN', async () => {
    const answer = await call(handler, 'PUT', '/v1/account', {
      as: IDENTITIES.customerB,
      body: { ...PROFILE_A, mobile: '13995000077', verificationIp: '161.189.5.5', accessRoleArn: 'arn:aws-cn:iam::222222222222:role/IcpRecordalAccess' },
    });
    expect(answer.status).toBe(409);
    expect(detailCodes(answer)).toEqual(['EMAIL_TAKEN']);
  });
});

describe('eligibility', () => {
  it('answers whether recordal is needed', async () => {
    const answer = await call(handler, 'POST', '/v1/eligibility', { body: { appIsOffline: false, isMiniProgram: false, entityKind: 'ENTERPRISE', province: '640000' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ needed: true, supported: true });
  });
});

describe('drafts', () => {
  it('creates, reads with an ETag, lists newest first', async () => {
    const created = await createDraft();
    const filing = created.body as { filingId: string; status: string; version: number };
    expect(filing).toMatchObject({ status: 'DRAFT', version: 1, revision: 0, accountId: '111111111111', type: 'NEW', verificationMethod: 'ELECTRONIC' });
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/v1/filings/${filing.filingId}`);
    const read = await call(handler, 'GET', `/v1/filings/${filing.filingId}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect((read.body.requirements as Array<{ kind: string }>).map((r) => r.kind)).toEqual(expect.arrayContaining(['ENTITY_CERTIFICATE', 'APP_ICON', 'COMMITMENT_LETTER']));
    const second = await createDraft({ type: 'NEW' });
    const list = await call(handler, 'GET', '/v1/filings', { query: { limit: '1' } });
    expect(list.status).toBe(200);
    expect((list.body.items as Array<{ filingId: string }>).map((f) => f.filingId)).toEqual([(second.body as { filingId: string }).filingId]);
    expect(typeof list.body.nextCursor).toBe('string');
    const next = await call(handler, 'GET', '/v1/filings', { query: { limit: '1', cursor: list.body.nextCursor as string } });
    expect((next.body.items as Array<{ filingId: string }>).map((f) => f.filingId)).toEqual([filing.filingId]);
  });

  it('answers 400 for a tampered cursor, a cursor of another filter, a bad status or limit, an unknown parameter', async () => {
    await createDraft({ type: 'NEW' });
    await createDraft({ type: 'NEW' });
    const page = await call(handler, 'GET', '/v1/filings', { query: { limit: '1' } });
    const cursor = page.body.nextCursor as string;
    const tampered = `${cursor.startsWith('e') ? 'f' : 'e'}${cursor.slice(1)}`;
    const queries: Array<Record<string, string>> = [{ cursor: tampered }, { cursor: 'garbage' }, { cursor, status: 'DRAFT' }, { status: 'NOPE' }, { limit: '0' }, { limit: 'ten' }, { sort: 'asc' }];
    for (const query of queries) {
      const answer = await call(handler, 'GET', '/v1/filings', { query });
      expect(answer.status).toBe(400);
      expect((answer.body.error as { code: string }).code).toBe('BAD_REQUEST');
    }
  });

  it('replays an Idempotency-Key: same key and body, same answer and one filing; another body is 409', async () => {
    const before = await storedFilingCount('111111111111');
    const headers = { 'Idempotency-Key': 'create-once-7f3a' };
    const answers = await Promise.all([0, 1, 2].map(() => call(handler, 'POST', '/v1/filings', { body: EXAMPLE, headers })));
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    // A concurrent duplicate may find the first still in progress (409); replays after it are the same answer.
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    const replay = await call(handler, 'POST', '/v1/filings', { body: EXAMPLE, headers });
    expect(replay.status).toBe(201);
    expect(replay.body.filingId).toBe(created[0]!.body.filingId);
    expect(await storedFilingCount('111111111111')).toBe(before + 1);
    const reused = await call(handler, 'POST', '/v1/filings', { body: { type: 'NEW' }, headers });
    expect(reused.status).toBe(409);
    expect(detailCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    // The key is the caller's own: another account's identical key creates its own filing.
    const other = await call(handler, 'POST', '/v1/filings', { as: IDENTITIES.customerB, body: { type: 'NEW' }, headers });
    expect(other.status).toBe(201);
  });

  it('refuses hostile bodies with 413, 415, 400 and 422, writing nothing', async () => {
    const before = await storedFilingCount('111111111111');
    const big = await call(handler, 'POST', '/v1/filings', { rawBody: JSON.stringify({ type: 'NEW', pad: 'x'.repeat(300 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    const form = await call(handler, 'POST', '/v1/filings', { rawBody: 'type=NEW', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const broken = await call(handler, 'POST', '/v1/filings', { rawBody: '{"type":"NEW",', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    const array = await call(handler, 'POST', '/v1/filings', { rawBody: '[1,2]', headers: { 'content-type': 'application/json' } });
    expect(array.status).toBe(400);
    const unknown = await call(handler, 'POST', '/v1/filings', { body: { ...EXAMPLE, status: 'APPROVED', entity: { ...(EXAMPLE.entity as object), owner: 'me' } } });
    expect(unknown.status).toBe(422);
    expect(detailCodes(unknown).sort()).toEqual(['UNKNOWN_FIELD', 'UNKNOWN_FIELD']);
    const proto = await call(handler, 'POST', '/v1/filings', { rawBody: '{"type":"NEW","__proto__":{"status":"APPROVED"}}', headers: { 'content-type': 'application/json' } });
    expect(proto.status).toBe(422);
    expect(detailCodes(proto)).toEqual(['UNKNOWN_FIELD']);
    for (const answer of [big, form, broken, array, unknown, proto]) expect(Object.keys(answer.body)).toEqual(['error']);
    expect(await storedFilingCount('111111111111')).toBe(before);
  });

  it('PATCHes with a JSON merge patch and If-Match: 428 without, 412 stale, 422 invalid, 200 and a new ETag', async () => {
    const { filingId } = (await createDraft()).body as { filingId: string };
    const path = `/v1/filings/${filingId}`;
    expect((await call(handler, 'PATCH', path, { body: { app: { name: '云帆' } } })).status).toBe(428);
    expect((await call(handler, 'PATCH', path, { body: { app: { name: '云帆' } }, headers: { 'If-Match': '"7"' } })).status).toBe(412);
    const invalid = await call(handler, 'PATCH', path, { body: { entityPrincipal: { mobile: '123', email: 'nope' } }, headers: { 'If-Match': '"1"' } });
    expect(invalid.status).toBe(422);
    expect(detailCodes(invalid).sort()).toEqual(['EMAIL_INVALID', 'MOBILE_INVALID']);
    const unknownRemoval = await call(handler, 'PATCH', path, { body: { app: { nickname: null } }, headers: { 'If-Match': '"1"' } });
    expect([unknownRemoval.status, detailCodes(unknownRemoval)]).toEqual([422, ['UNKNOWN_FIELD']]);
    const patched = await call(handler, 'PATCH', path, {
      rawBody: JSON.stringify({ app: { name: '云帆出行Pro', sdks: null }, entity: { mailingAddress: null } }),
      headers: { 'If-Match': '"1"', 'Content-Type': 'application/merge-patch+json' },
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    const body = patched.body as { app: Record<string, unknown>; entity: Record<string, unknown>; version: number };
    expect(body.version).toBe(2);
    expect(body.app.name).toBe('云帆出行Pro');
    expect(body.app).not.toHaveProperty('sdks');
    expect(body.app.platforms).toEqual((EXAMPLE.app as { platforms: unknown }).platforms);
    expect(body.entity).not.toHaveProperty('mailingAddress');
    expect((await call(handler, 'PATCH', path, { body: { app: { name: 'again' } }, headers: { 'If-Match': '"1"' } })).status).toBe(412);
  });

  it('deletes a DRAFT (204, then 404) and lists its events', async () => {
    const { filingId } = (await createDraft({ type: 'NEW' })).body as { filingId: string };
    const events = await call(handler, 'GET', `/v1/filings/${filingId}/events`);
    expect(events.status).toBe(200);
    expect(events.body.items).toEqual([expect.objectContaining({ type: 'CREATED', to: 'DRAFT', actor: IDENTITIES.customerA.userArn, reasons: [] })]);
    const deleted = await call(handler, 'DELETE', `/v1/filings/${filingId}`);
    expect(deleted.status).toBe(204);
    expect(deleted.raw).toBe('');
    expect((await call(handler, 'GET', `/v1/filings/${filingId}`)).status).toBe(404);
  });

  it("answers 404 to another account on every route of a filing, and 403 to a reviewer writing", async () => {
    const { filingId } = (await createDraft()).body as { filingId: string };
    const b = { as: IDENTITIES.customerB };
    const routes: Array<[string, string, Record<string, unknown>?]> = [
      ['GET', ''],
      ['PATCH', '', { body: { app: { name: 'x' } }, headers: { 'If-Match': '"1"' } }],
      ['DELETE', ''],
      ['GET', '/requirements'],
      ['POST', '/attachments', { body: { kind: 'APP_ICON', contentType: 'image/png', fileName: 'a.png' } }],
      ['POST', '/submit'],
      ['POST', '/verification'],
      ['POST', '/sms-verification'],
      ['POST', '/withdraw'],
      ['GET', '/events'],
    ];
    for (const [method, suffix, options] of routes) {
      const answer = await call(handler, method, `/v1/filings/${filingId}${suffix}`, { ...b, ...options });
      expect([method, suffix, answer.status]).toEqual([method, suffix, 404]);
    }
    const reviewerWrite = await call(handler, 'POST', '/v1/filings', { as: IDENTITIES.reviewer, body: { type: 'NEW' } });
    expect(reviewerWrite.status).toBe(403);
    expect((await call(handler, 'GET', `/v1/filings/${filingId}`)).body.version).toBe(1);
  });
});

describe('attachments and submission', () => {
  it('presigns a POST pinned to the kind, and refuses a content type the kind does not take', async () => {
    const { filingId } = (await createDraft()).body as { filingId: string };
    const presigned = await call(handler, 'POST', `/v1/filings/${filingId}/attachments`, { body: { kind: 'APP_ICON', contentType: 'image/png', fileName: 'icon.png' } });
    expect(presigned.status).toBe(201);
    const { fields, constraints, attachmentId, expiresAt } = presigned.body as { fields: Record<string, string>; constraints: { maxBytes: number }; attachmentId: string; expiresAt: string };
    expect(fields.key).toBe(`filings/${filingId}/APP_ICON/${attachmentId}`);
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(expect.arrayContaining([['eq', '$Content-Type', 'image/png'], ['content-length-range', expect.any(Number), constraints.maxBytes]]));
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const wrongType = await call(handler, 'POST', `/v1/filings/${filingId}/attachments`, { body: { kind: 'APP_ICON', contentType: 'application/pdf', fileName: 'icon.pdf' } });
    expect(wrongType.status).toBe(422);
    expect(detailCodes(wrongType)).toEqual(['ATTACHMENT_TYPE']);
    const unknownKind = await call(handler, 'POST', `/v1/filings/${filingId}/attachments`, { body: { kind: 'SELFIE', contentType: 'image/png', fileName: 'a.png' } });
    expect(unknownKind.status).toBe(422);
  });

  it('shows in requirements what is uploaded and what is wrong with it', async () => {
    const { filingId } = (await createDraft()).body as { filingId: string };
    const presigned = await call(handler, 'POST', `/v1/filings/${filingId}/attachments`, { body: { kind: 'APP_ICON', contentType: 'image/png', fileName: 'icon.png' } });
    const { url, fields } = presigned.body as { url: string; fields: Record<string, string> };
    // s3rver does not enforce POST policies; the bytes are what the checks look at.
    expect((await postForm(url, fields, new TextEncoder().encode('not an image at all'), 'image/png', 'icon.png')).status).toBeLessThan(300);
    const requirements = await call(handler, 'GET', `/v1/filings/${filingId}/requirements`);
    expect(requirements.status).toBe(200);
    const items = requirements.body.items as Array<{ kind: string; uploaded: boolean; problems: Array<{ code: string }> }>;
    const icon = items.find((item) => item.kind === 'APP_ICON')!;
    expect(icon.uploaded).toBe(true);
    expect(icon.problems.map((p) => p.code)).toContain('ATTACHMENT_TYPE');
    expect(items.find((item) => item.kind === 'ENTITY_CERTIFICATE')).toMatchObject({ uploaded: false, problems: [] });
  }, 30_000);

  it('refuses to submit an incomplete draft with every problem, and changes nothing', async () => {
    const { filingId } = (await createDraft({ type: 'NEW', entity: { name: '宁夏云帆科技有限公司' } })).body as { filingId: string };
    const answer = await call(handler, 'POST', `/v1/filings/${filingId}/submit`);
    expect(answer.status).toBe(422);
    const codes = detailCodes(answer);
    expect(codes).toContain('FIELD_REQUIRED');
    expect(codes).toContain('ATTACHMENT_MISSING');
    expect(codes.length).toBeGreaterThan(10);
    expect((await call(handler, 'GET', `/v1/filings/${filingId}`)).body).toMatchObject({ status: 'DRAFT', version: 1, revision: 0 });
    expect(env.sfn.listExecutions().some((e) => e.name.startsWith(filingId))).toBe(false);
  });

  it('submits a complete filing (202, SUBMITTED, execution <filingId>-r1), takes the verification report once, withdraws', async () => {
    // Its own APP name: the other drafts of this entity hold the example's (APP_NAME_TAKEN).
    const { filingId } = (await createDraft({ ...EXAMPLE, app: { ...(EXAMPLE.app as object), name: '云帆出行提交' } })).body as { filingId: string };
    await uploadEveryRequired(filingId);
    const submitted = await call(handler, 'POST', `/v1/filings/${filingId}/submit`);
    expect([submitted.status, detailCodes(submitted)]).toEqual([202, []]);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', revision: 1, version: 2 });
    const execution = env.sfn.listExecutions().find((e) => e.name === `${filingId}-r1`);
    expect(execution?.input).toEqual({ filingId, revision: 1 });
    expect((await call(handler, 'POST', `/v1/filings/${filingId}/submit`)).status).toBe(409);
    expect((await call(handler, 'DELETE', `/v1/filings/${filingId}`)).status).toBe(409);
    expect((await call(handler, 'POST', `/v1/filings/${filingId}/sms-verification`)).status).toBe(409);

    await eventually(() => call(handler, 'GET', `/v1/filings/${filingId}`), (a) => a.body.status === 'AWAITING_VERIFICATION');
    const reports = await Promise.all([0, 1, 2, 3, 4].map(() => call(handler, 'POST', `/v1/filings/${filingId}/verification`)));
    expect(reports.map((r) => r.status).sort()).toEqual([202, 409, 409, 409, 409]);
    await eventually(() => call(handler, 'GET', `/v1/filings/${filingId}`), (a) => a.body.status === 'PRELIMINARY_REVIEW');

    const withdrawn = await call(handler, 'POST', `/v1/filings/${filingId}/withdraw`);
    expect(withdrawn.status).toBe(202);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    await eventually(async () => env.sfn.getExecution(execution!.executionArn)?.status, (status) => status === 'ABORTED');
    expect((await call(handler, 'POST', `/v1/filings/${filingId}/withdraw`)).status).toBe(409);
    const events = (await call(handler, 'GET', `/v1/filings/${filingId}/events`)).body.items as Array<{ type: string; to: string | null }>;
    expect(events.filter((e) => e.to !== null).map((e) => e.to)).toEqual(['DRAFT', 'SUBMITTED', 'AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'WITHDRAWN']);
    expect(events.map((e) => e.type)).toContain('VERIFICATION_REPORTED');
  }, 60_000);
});

describe('health and unknown routes', () => {
  it('answers health without identity, 404 and 405 in the error shape', async () => {
    expect((await call(handler, 'GET', '/v1/health', { as: null })).body).toEqual({ status: 'ok' });
    expect((await call(handler, 'GET', '/v1/nothing/here')).status).toBe(404);
    expect((await call(handler, 'PUT', '/v1/filings')).status).toBe(405);
    expect((await call(handler, 'GET', '/v1/filings', { as: null })).status).toBe(401);
  });
});
