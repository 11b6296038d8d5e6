import { jest } from '@jest/globals';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import type { RecordalClient } from '../../lib/client/index.js';
import { exampleAccountProfile, newFilingDocument as exampleDocument, randomUscc, type Json } from '../../tools/demo/fixtures.js';
import { decide, prepareFiling, waitForStatus } from '../../tools/demo/steps.js';
import { settledInvariants } from '../support/invariants.js';
import { clientOf, startTestPlatform } from '../support/platform.js';

/**
 * One identity for names, emails and entities (docs/design/rules.md "Comparing names, emails and
 * mobiles", `APP_NAME_TAKEN`, `ENTITY_BUSY`), through HTTP as a hostile customer would try it.
 */
jest.setTimeout(180_000);

const B_ACCESS = { awsAccountId: CUSTOMER_B.accountId, ips: ['161.189.5.5'], accessRoleArn: `arn:aws-cn:iam::${CUSTOMER_B.accountId}:role/IcpRecordalAccess`, securityGroupIds: ['sg-0b2c3d4e5f6a70002'] };
const newFilingDocument = (): Json => exampleDocument() as unknown as Json;
const B_PROFILE = { ...exampleAccountProfile(), companyName: '银川另一家科技有限公司', email: 'icp@another-company.cn', mobile: '13995000099', verificationIp: '161.189.5.5', accessRoleArn: B_ACCESS.accessRoleArn };

/** A NEW document of customer B about the entity `certificateNumber`, under APP name `name`. */
function documentOfB(certificateNumber: string, name: string): Json {
  const document = newFilingDocument();
  (document.entity as Json).certificateNumber = certificateNumber;
  (document.app as Json).name = name;
  document.access = B_ACCESS;
  return document;
}

function named(certificateNumber: string, name: string): Json {
  const document = newFilingDocument();
  (document.entity as Json).certificateNumber = certificateNumber;
  (document.app as Json).name = name;
  return document;
}

const asDocument = (document: Json): Parameters<typeof prepareFiling>[1] => document as unknown as Parameters<typeof prepareFiling>[1];

const detailCodes = (body: unknown): string[] => ((body as { error?: { details?: { code: string }[] } }).error?.details ?? []).map((d) => d.code);

describe('one identity for names, emails and entities', () => {
  let platform: LocalPlatform;
  let a: RecordalClient;
  let b: RecordalClient;
  let reviewer: RecordalClient;

  beforeAll(async () => {
    platform = await startTestPlatform();
    a = clientOf(platform, CUSTOMER_A);
    b = clientOf(platform, CUSTOMER_B);
    reviewer = clientOf(platform, REVIEWER);
    await a.putAccount(exampleAccountProfile());
    await b.putAccount(B_PROFILE);
  });
  afterAll(() => platform?.stop());

  /** Reports the electronic verification of a submitted filing and has the reviewer approve its preliminary review. */
  async function throughPreliminaryApproval(customer: RecordalClient, filingId: string): Promise<void> {
    await waitForStatus(customer, filingId, 'AWAITING_VERIFICATION');
    await customer.reportVerification(filingId);
    await decide(reviewer, 'PRELIMINARY_REVIEW', filingId, { decision: 'APPROVE', reasons: [] });
  }

  it('refuses invisible and direction-control characters in APP and entity names (422, naming the character)', async () => {
    for (const invisible of ['\u200B', '\u00AD', '\u2060', '\u200D', '\u202E']) {
      const answer = await a.http.post('/v1/filings', named(randomUscc(), `${invisible}云帆出行`));
      expect([answer.status, detailCodes(answer.body)]).toEqual([422, ['APP_NAME_INVALID']]);
      expect(JSON.stringify(answer.body)).toContain(`U+${invisible.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    const spoofed = newFilingDocument();
    (spoofed.entity as Json).name = '宁夏\u202E司公限有技科帆云';
    const answer = await a.http.post('/v1/filings', spoofed);
    expect([answer.status, detailCodes(answer.body)]).toEqual([422, ['ENTITY_NAME_INVALID']]);
  });

  it('compares emails by their IDNA domain: 。 is a dot (409 EMAIL_TAKEN), a soft hyphen is refused (422)', async () => {
    const email = String(exampleAccountProfile().email);
    const [local, domain] = email.split('@') as [string, string];
    const dotted = await b.http.put('/v1/account', { ...B_PROFILE, email: `${local}@${domain.replace('.', '。')}` });
    expect([dotted.status, detailCodes(dotted.body)]).toEqual([409, ['EMAIL_TAKEN']]);
    const softHyphen = await b.http.put('/v1/account', { ...B_PROFILE, email: `${local}@${domain.slice(0, 3)}\u00AD${domain.slice(3)}` });
    expect([softHyphen.status, detailCodes(softHyphen.body)]).toEqual([422, ['EMAIL_INVALID']]);
    const fullWidth = await b.http.put('/v1/account', { ...B_PROFILE, email: 'ICP@Another-Company．CN' });
    expect(fullWidth.status).toBe(200);
    expect((fullWidth.body as { email: string }).email).toBe('icp@another-company.cn');
  });

  it("another account's name differing only by spaces (ASCII, U+3000) or case is the same name (409 APP_NAME_TAKEN)", async () => {
    const entity = randomUscc();
    const own = await prepareFiling(a, asDocument(named(entity, 'YunFan Go')));
    await a.submit(own.filingId);
    for (const variant of ['Yun Fan Go', 'yunfan\u3000go', 'YUNFANGO', 'ＹｕｎＦａｎ Ｇｏ']) {
      const theirs = await prepareFiling(b, asDocument(documentOfB(entity, variant)));
      const answer = await b.http.post(`/v1/filings/${theirs.filingId}/submit`);
      expect([variant, answer.status, detailCodes(answer.body)]).toEqual([variant, 409, ['APP_NAME_TAKEN']]);
      expect((await b.getFiling(theirs.filingId)).status).toBe('DRAFT');
      // B's own drafts of the name would answer 422 (the same account's check): compare across accounts only.
      expect((await b.http.delete(`/v1/filings/${theirs.filingId}`)).status).toBe(204);
    }
  });

  it('gives back a name the filing no longer carries: renamed while RETURNED, resubmitted, withdrawn', async () => {
    const entity = randomUscc();
    const filing = await prepareFiling(a, asDocument(named(entity, '云帆旧名')));
    await a.submit(filing.filingId);
    await waitForStatus(a, filing.filingId, 'AWAITING_VERIFICATION');
    await a.reportVerification(filing.filingId);
    await decide(reviewer, 'PRELIMINARY_REVIEW', filing.filingId, { decision: 'REJECT', reasons: [{ code: 'MATERIALS_UNCLEAR', message: 'unreadable' }] });
    const returned = await waitForStatus(a, filing.filingId, 'RETURNED');
    const renamed = await a.http.patch(`/v1/filings/${filing.filingId}`, { app: { name: '云帆新名' } }, { headers: { 'if-match': `"${returned.version}"` } });
    expect(renamed.status).toBe(200);
    // The old name is free at once, for another account too; the new one is held.
    const other = await prepareFiling(b, asDocument(documentOfB(entity, '云帆旧名')));
    expect((await b.http.post(`/v1/filings/${other.filingId}/submit`)).status).toBe(202);
    expect((await b.http.post(`/v1/filings/${other.filingId}/withdraw`)).status).toBe(202);
    await a.submit(filing.filingId);
    expect((await a.http.post(`/v1/filings/${filing.filingId}/withdraw`)).status).toBe(202);
    for (const name of ['云帆旧名', '云帆新名']) {
      const again = await prepareFiling(a, asDocument(named(entity, name)));
      expect([name, (await a.http.post(`/v1/filings/${again.filingId}/submit`)).status]).toEqual([name, 202]);
      expect((await a.http.post(`/v1/filings/${again.filingId}/withdraw`)).status).toBe(202);
    }
    expect(await settledInvariants(platform)).toEqual([]);
  });

  it("another account's unverified filing cannot lock an entity; the first preliminary approval wins it", async () => {
    const entity = randomUscc();
    // B names A's (public) USCC first: A can still submit its own company's filing.
    const squat = await prepareFiling(b, asDocument(documentOfB(entity, '抢注应用')));
    await b.submit(squat.filingId);
    const mine = await prepareFiling(a, asDocument(named(entity, '云帆正版')));
    expect((await a.http.post(`/v1/filings/${mine.filingId}/submit`)).status).toBe(202);
    // One application of the entity per account under review at a time (the account's own filings: listed in the 422).
    const second = await prepareFiling(a, asDocument(named(entity, '云帆另一个')));
    const busy = await a.http.post(`/v1/filings/${second.filingId}/submit`);
    expect([busy.status, detailCodes(busy.body)]).toEqual([422, ['ENTITY_BUSY']]);
    // B's preliminary review is approved first: the entity is B's application's across accounts now.
    await throughPreliminaryApproval(b, squat.filingId);
    await waitForStatus(b, squat.filingId, 'AWAITING_SMS_VERIFICATION');
    // A's approval then cannot take the entity: A's filing is returned with ENTITY_BUSY.
    await throughPreliminaryApproval(a, mine.filingId);
    const returned = await waitForStatus(a, mine.filingId, 'RETURNED');
    expect(returned.reasons.map((r) => r.code)).toEqual(['ENTITY_BUSY']);
    // And while B's application holds it, a new submit of the entity is refused at once.
    const later = await a.http.post(`/v1/filings/${second.filingId}/submit`);
    expect([later.status, detailCodes(later.body)]).toEqual([409, ['ENTITY_BUSY']]);
    expect(await settledInvariants(platform)).toEqual([]);
  });

  it("a NEW filing without access.accessRoleArn goes through the account profile's role", async () => {
    const document = named(randomUscc(), '无角色应用');
    delete (document.access as Json).accessRoleArn;
    const filing = await prepareFiling(a, asDocument(document));
    await a.submit(filing.filingId);
    const checked = await waitForStatus(a, filing.filingId, ['AWAITING_VERIFICATION', 'RETURNED']);
    expect([checked.status, checked.reasons]).toEqual(['AWAITING_VERIFICATION', []]);
    expect((await a.http.post(`/v1/filings/${filing.filingId}/withdraw`)).status).toBe(202);
  });
});
