import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { createFiling, eventsOf, exampleAccountProfile, getFiling, newFilingDocument, registerAccount, requirementsOf, type FilingView } from '../../lib/client/scenario.js';
import { RecordalClient, type ApiResponse } from '../../lib/client/signed-client.js';
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
  let filing: FilingView;

  beforeAll(async () => {
    platform = await startTestPlatform();
    customerA = clientOf(platform, CUSTOMER_A);
    customerB = clientOf(platform, CUSTOMER_B);
    reviewer = clientOf(platform, REVIEWER);
    await registerAccount(customerA, exampleAccountProfile());
    filing = await createFiling(customerA, newFilingDocument());
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
      const options = { ...(body === undefined ? {} : { body }), ...(headers === undefined ? {} : { headers }) };
      const answer = await customerB.request(method, path, options);
      expect({ route: `${method} ${path}`, ...statusAndCode(answer) }).toEqual({ route: `${method} ${path}`, status: 404, body: errorBody('NOT_FOUND') });
      // Nothing tells B that the filing exists: the same answer as for no filing at all.
      const forAbsent = await customerB.request(method, absentRoutes[i]![1], options);
      expect({ status: forAbsent.status, message: messageOf(forAbsent) }).toEqual({ status: 404, message: messageOf(answer) });
    }

    const listed = await customerB.get<{ items: FilingView[] }>('/v1/filings');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.filingId)).not.toContain(filing.filingId);

    const after = await getFiling(customerA, filing.filingId);
    expect(after).toMatchObject({ status: 'DRAFT', version: filing.version, entity: { mailingAddress: (filing as unknown as { entity: { mailingAddress: string } }).entity.mailingAddress } });
    expect((await eventsOf(customerA, filing.filingId)).map((event) => event.type)).toEqual(['CREATED']);
    expect((await requirementsOf(customerA, filing.filingId)).filter((item) => item.uploaded)).toEqual([]);
  });

  it('answers 401 UNAUTHENTICATED to unsigned requests, and writes nothing', async () => {
    const unsigned = new RecordalClient(platform.url);
    const answers = await Promise.all([
      unsigned.get('/v1/filings'),
      unsigned.get(`/v1/filings/${filing.filingId}`),
      unsigned.post('/v1/filings', newFilingDocument()),
      unsigned.put('/v1/account', exampleAccountProfile()),
      unsigned.get('/v1/review/tasks'),
      unsigned.post(`/v1/filings/${filing.filingId}/withdraw`),
    ]);
    for (const answer of answers) expect(statusAndCode(answer)).toEqual({ status: 401, body: errorBody('UNAUTHENTICATED') });
    await expectOnlyTheOneFiling();
  });

  it('answers 401 UNAUTHENTICATED to requests signed with a wrong secret or an unknown key, and writes nothing', async () => {
    const wrongSecret = new RecordalClient(platform.url, { accessKeyId: CUSTOMER_A.accessKeyId, secretAccessKey: `${CUSTOMER_A.secretAccessKey}-not` });
    const unknownKey = new RecordalClient(platform.url, { accessKeyId: 'AKIALOCALNOBODY00001', secretAccessKey: CUSTOMER_A.secretAccessKey });
    const reviewerKeyWrongSecret = new RecordalClient(platform.url, { accessKeyId: REVIEWER.accessKeyId, secretAccessKey: CUSTOMER_A.secretAccessKey });
    const answers = await Promise.all([
      wrongSecret.get('/v1/filings'),
      wrongSecret.post('/v1/filings', newFilingDocument()),
      wrongSecret.delete(`/v1/filings/${filing.filingId}`),
      unknownKey.get('/v1/account'),
      reviewerKeyWrongSecret.get('/v1/review/tasks'),
    ]);
    for (const answer of answers) expect(statusAndCode(answer)).toEqual({ status: 401, body: errorBody('UNAUTHENTICATED') });
    await expectOnlyTheOneFiling();
  });

  it('answers a customer 403 FORBIDDEN on /v1/review/*, even for its own filing', async () => {
    const answers = await Promise.all([
      customerA.get('/v1/review/tasks'),
      customerA.get('/v1/review/tasks?stage=PRELIMINARY_REVIEW'),
      customerA.get(`/v1/review/filings/${filing.filingId}`),
      customerA.post(`/v1/review/tasks/${randomUUID()}/decision`, { decision: 'APPROVE', reasons: [] }),
      customerB.get('/v1/review/tasks?stage=CA_DECISION'),
    ]);
    for (const answer of answers) expect(statusAndCode(answer)).toEqual({ status: 403, body: errorBody('FORBIDDEN') });
    // The reviewer is let through on the same routes.
    expect((await reviewer.get(`/v1/review/filings/${filing.filingId}`)).status).toBe(200);
    expect((await reviewer.get('/v1/review/tasks?stage=PRELIMINARY_REVIEW')).status).toBe(200);
  });

  it('answers a reviewer 403 FORBIDDEN on customer routes that write', async () => {
    const answers = await Promise.all([
      reviewer.post('/v1/filings', newFilingDocument()),
      reviewer.post(`/v1/filings/${filing.filingId}/withdraw`),
      reviewer.put('/v1/account', exampleAccountProfile()),
    ]);
    for (const answer of answers) expect(statusAndCode(answer)).toEqual({ status: 403, body: errorBody('FORBIDDEN') });
    await expectOnlyTheOneFiling();
  });

  async function expectOnlyTheOneFiling(): Promise<void> {
    const listed = await customerA.get<{ items: FilingView[] }>('/v1/filings');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => ({ filingId: item.filingId, status: item.status, version: item.version }))).toEqual([
      { filingId: filing.filingId, status: 'DRAFT', version: filing.version },
    ]);
  }
});
