import './quiet-logs.js';
import fc from 'fast-check';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDoc } from '../../../lambdas/shared/adapters/clients.js';
import { handler as customer } from '../../../lambdas/api-customer/handler.js';
import { handler as review } from '../../../lambdas/api-review/handler.js';
import { IDENTITIES, call, startApiEnvironment, type Answer, type ApiEnvironment } from './support.js';

/**
 * Property: whatever the body, path id, query or header, the handlers answer below 500, every
 * non-2xx in docs/design/api.md's error shape, and a rejected create writes nothing.
 */
let env: ApiEnvironment;
let draftId: string;

beforeAll(async () => {
  env = await startApiEnvironment('api-hostile');
  const created = await call(customer, 'POST', '/v1/filings', { body: { type: 'NEW' } });
  draftId = created.body.filingId as string;
}, 60_000);

afterAll(async () => {
  await env?.stop();
});

async function itemCount(): Promise<number> {
  const result = await dynamoDoc().send(
    new QueryCommand({ TableName: process.env.TABLE_NAME, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'ACCOUNT#111111111111' }, Select: 'COUNT' }),
  );
  return result.Count ?? 0;
}

function expectWellFormed(answer: Answer, what: string): void {
  expect([what, answer.status < 500]).toEqual([what, true]);
  if (answer.status >= 400) {
    expect(Object.keys(answer.body)).toEqual(['error']);
    const error = answer.body.error as Record<string, unknown>;
    expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message', 'messageZh', 'requestId']);
  }
}

const trickyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u200f\u200d', '\ud800', '😀😀', '__proto__', 'constructor', "' OR 1=1 --", '{"$gt":""}', '../../etc/passwd', 'x'.repeat(5000), '91640100MA77K3Q25L', '+8613995000001'),
);
const trickyKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'entity', 'app', 'access', 'status', 'version'));
const trickyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;
/** Mostly filing-like bodies, with their sections replaced by anything. */
const body = fc.oneof(
  fc.dictionary(trickyKey, trickyValue, { maxKeys: 6 }),
  fc.record({ type: fc.oneof(fc.constantFrom('NEW', 'CHANGE_IP', 'CANCEL_APP'), trickyString), entity: trickyValue, app: trickyValue, access: trickyValue }, { requiredKeys: ['type'] }),
  fc.record({ decision: fc.oneof(fc.constantFrom('APPROVE', 'REJECT'), trickyString), reasons: trickyValue, recordNumber: trickyValue }),
  fc.record({ kind: fc.oneof(fc.constantFrom('APP_ICON', 'ENTITY_CERTIFICATE'), trickyString), contentType: trickyString, fileName: trickyString }),
);
const rawBody = fc.oneof(
  body.map((b) => JSON.stringify(b)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('[]', 'null', '"x"', '{"a":', '{"__proto__":{"admin":true}}', '{"type":"NEW","type":"CANCEL_APP"}'),
);

describe('hostile input', () => {
  it('never answers 5xx to any body on any write route, and a refused create writes nothing', async () => {
    const routes: Array<[typeof customer, string, string, Record<string, string>?]> = [
      [customer, 'POST', '/v1/filings'],
      [customer, 'PUT', '/v1/account'],
      [customer, 'POST', '/v1/eligibility'],
      [customer, 'PATCH', '/v1/filings/{draft}', { 'If-Match': '"1"' }],
      [customer, 'POST', '/v1/filings/{draft}/attachments'],
      [customer, 'POST', '/v1/filings/{draft}/submit'],
      [customer, 'POST', '/v1/filings/{draft}/withdraw'],
      [review, 'POST', '/v1/review/tasks/some-task/decision'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(routes.length - 1), rawBody, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', ''), async (index, raw, contentType) => {
        const [handler, method, template, headers] = routes[index]!;
        const path = template.replace('{draft}', draftId);
        const before = method === 'POST' && path === '/v1/filings' ? await itemCount() : undefined;
        const answer = await call(handler, method, path, {
          rawBody: raw,
          headers: { ...headers, ...(contentType === '' ? {} : { 'content-type': contentType }) },
          ...(handler === review && { as: IDENTITIES.reviewer }),
        });
        expectWellFormed(answer, `${method} ${path} ${raw.slice(0, 80)}`);
        if (before !== undefined && answer.status >= 400) expect(await itemCount()).toBe(before);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('never answers 5xx to odd ids, query strings and headers', async () => {
    const id = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent), fc.constantFrom('..', '%2e%2e%2f', '%00', 'x'.repeat(3000), draftId));
    await fc.assert(
      fc.asyncProperty(
        id,
        fc.constantFrom('', '/events', '/requirements', '/verification'),
        fc.dictionary(fc.constantFrom('status', 'limit', 'cursor', 'stage', 'x'), trickyString, { maxKeys: 3 }),
        fc.dictionary(fc.constantFrom('If-Match', 'Idempotency-Key', 'Content-Type'), trickyString, { maxKeys: 2 }),
        async (filingId, suffix, query, headers) => {
          const method = suffix === '/verification' ? 'POST' : 'GET';
          const answer = await call(customer, method, `/v1/filings/${filingId}${suffix}`, { query, headers });
          expectWellFormed(answer, `${method} ${filingId}${suffix}`);
          const list = await call(customer, 'GET', '/v1/filings', { query, headers });
          expectWellFormed(list, `list ${JSON.stringify(query)}`);
          const tasks = await call(review, 'GET', '/v1/review/tasks', { query, headers, as: IDENTITIES.reviewer });
          expectWellFormed(tasks, `tasks ${JSON.stringify(query)}`);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
