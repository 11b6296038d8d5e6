import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import type { ApiResponse, Filing, RecordalClient } from '../../lib/client/index.js';
import { exampleAccountProfile, newFilingDocument } from '../../tools/demo/fixtures.js';
import { clientOf, startTestPlatform } from '../support/platform.js';

jest.setTimeout(60_000);

/** The contract's error body (docs/design/api.md "Errors"). */
const errorBody = (code: string) => ({
  error: expect.objectContaining({ code, message: expect.any(String), messageZh: expect.any(String), requestId: expect.any(String), details: expect.any(Array) }),
});

const statusAndCode = (response: ApiResponse<unknown>) => ({ status: response.status, body: response.body });
const messageOf = (response: ApiResponse<unknown>) => (response.body as { error?: { message?: string } } | undefined)?.error?.message;

describe('who may call what: tenants, signatures, reviewers', () => {
  let platform: LocalPlatform;
  let customerA: RecordalClient;
  let customerB: RecordalClient;
  let reviewer: RecordalClient;
  let filing: Filing;

  beforeAll(async () => {
    platform = await startTestPlatform();
    customerA = clientOf(platform, CUSTOMER_A);
    customerB = clientOf(platform, CUSTOMER_B);
    reviewer = clientOf(platform, REVIEWER);
    await customerA.putAccount(exampleAccountProfile());
    filing = await customerA.createFiling(newFilingDocument());
  });
  afterAll(() => platform?.stop());

  /** Every customer route about one filing, each with a request that is valid but for whose filing it is. */
  const filingRoutes = (id: string, version: number): [string, string, unknown?, Record<string, string>?][] => [
    ['GET', `/v1/filings/${id}`],
    ['PATCH', `/v1/filings/${id}`, { entity: { mailingAddress: '宁夏回族自治区银川市兴庆区解放西街1号' } }, { 'if-match': `"${version}"` }],
    ['DELETE', `/v1/filings/${id}`],
    ['GET', `/v1/filings/${id}/requirements`],
    ['POST', `/v1/filings/${id}/attachments`, { kind: 'APP_ICON', contentType: 'image/png', fileName: 'icon.png' }],
    ['POST', `/v1/filings/${id}/submit`],
    ['POST', `/v1/filings/${id}/verification`],
    ['POST', `/v1/filings/${id}/sms-verification`],
    ['POST', `/v1/filings/${id}/withdraw`],
    ['GET', `/v1/filings/${id}/events`],
  ];

  it("answers customer B 404 on every route of customer A's filing, exactly as for a filing that does not exist, and changes nothing", async () => {
    const routes = filingRoutes(filing.filingId, filing.version);
    const absentRoutes = filingRoutes(randomUUID(), filing.version);
    for (const [i, [method, path, body, headers]] of routes.entries()) {
      const options = { ...(body === undefined ? {} : { json: body }), ...(headers === undefined ? {} : { headers }) };
      const answer = await customerB.http.send({ method, path, ...options });
      expect({ route: `${method} ${path}`, ...statusAndCode(answer) }).toEqual({ route: `${method} ${path}`, status: 404, body: errorBody('NOT_FOUND') });
      // Nothing tells B that the filing exists: the same answer as for no filing at all.
      const forAbsent = await customerB.http.send({ method, path: absentRoutes[i]![1], ...options });
      expect({ status: forAbsent.status, message: messageOf(forAbsent) }).toEqual({ status: 404, message: messageOf(answer) });
    }

    const listed = await customerB.http.get<{ items: Filing[] }>('/v1/filings');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.filingId)).not.toContain(filing.filingId);

    const after = await customerA.getFiling(filing.filingId);
    expect(after).toMatchObject({ status: 'DRAFT', version: filing.version, entity: { mailingAddress: (filing as unknown as { entity: { mailingAddress: string } }).entity.mailingAddress } });
    expect((await customerA.events(filing.filingId)).map((event) => event.type)).toEqual(['CREATED']);
    expect((await customerA.requirements(filing.filingId)).filter((item) => item.uploaded)).toEqual([]);
  });

  it('answers 401 UNAUTHENTICATED to unsigned requests, and writes nothing', async () => {
    const unsigned = clientOf(platform);
    const answers = await Promise.all([
      unsigned.http.get('/v1/filings'),
      unsigned.http.get(`/v1/filings/${filing.filingId}`),
      unsigned.http.post('/v1/filings', newFilingDocument()),
      unsigned.http.put('/v1/account', exampleAccountProfile()),
      unsigned.http.get('/v1/review/tasks'),
      unsigned.http.post(`/v1/filings/${filing.filingId}/withdraw`),
    ]);
    for (const answer of answers) expect(statusAndCode(answer)).toEqual({ status: 401, body: errorBody('UNAUTHENTICATED') });
    await expectOnlyTheOneFiling();
  });

  it('answers 401 UNAUTHENTICATED to requests signed with a wrong secret or an unknown key, and writes nothing', async () => {
    const wrongSecret = clientOf(platform, { ...CUSTOMER_A, secretAccessKey: `${CUSTOMER_A.secretAccessKey}-not` });
    const unknownKey = clientOf(platform, { ...CUSTOMER_A, accessKeyId: 'AKIALOCALNOBODY00001' });
    const reviewerKeyWrongSecret = clientOf(platform, { ...REVIEWER, secretAccessKey: CUSTOMER_A.secretAccessKey });
    const answers = await Promise.all([
      wrongSecret.http.get('/v1/filings'),
      wrongSecret.http.post('/v1/filings', newFilingDocument()),
      wrongSecret.http.delete(`/v1/filings/${filing.filingId}`),
      unknownKey.http.get('/v1/account'),
      reviewerKeyWrongSecret.http.get('/v1/review/tasks'),
    ]);
    for (const answer of answers) expect(statusAndCode(answer)).toEqual({ status: 401, body: errorBody('UNAUTHENTICATED') });
    await expectOnlyTheOneFiling();
  });

  it('answers a customer 403 FORBIDDEN on /v1/review/*, even for its own filing', async () => {
    const answers = await Promise.all([
      customerA.http.get('/v1/review/tasks'),
      customerA.http.get('/v1/review/tasks?stage=PRELIMINARY_REVIEW'),
      customerA.http.get(`/v1/review/filings/${filing.filingId}`),
      customerA.http.post(`/v1/review/tasks/${randomUUID()}/decision`, { decision: 'APPROVE', reasons: [] }),
      customerB.http.get('/v1/review/tasks?stage=CA_DECISION'),
    ]);
    for (const answer of answers) expect(statusAndCode(answer)).toEqual({ status: 403, body: errorBody('FORBIDDEN') });
    // The reviewer is let through on the same routes.
    expect((await reviewer.http.get(`/v1/review/filings/${filing.filingId}`)).status).toBe(200);
    expect((await reviewer.http.get('/v1/review/tasks?stage=PRELIMINARY_REVIEW')).status).toBe(200);
  });

  it('answers a reviewer 403 FORBIDDEN on customer routes that write', async () => {
    const answers = await Promise.all([
      reviewer.http.post('/v1/filings', newFilingDocument()),
      reviewer.http.post(`/v1/filings/${filing.filingId}/withdraw`),
      reviewer.http.put('/v1/account', exampleAccountProfile()),
    ]);
    for (const answer of answers) expect(statusAndCode(answer)).toEqual({ status: 403, body: errorBody('FORBIDDEN') });
    await expectOnlyTheOneFiling();
  });

  async function expectOnlyTheOneFiling(): Promise<void> {
    const listed = await customerA.http.get<{ items: Filing[] }>('/v1/filings');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => ({ filingId: item.filingId, status: item.status, version: item.version }))).toEqual([
      { filingId: filing.filingId, status: 'DRAFT', version: filing.version },
    ]);
  }
});
