import {
  attachmentRequirements,
  checkForSubmit,
  parseFilingDraft,
  verificationMethodOf,
  type FilingDocument,
  type Problem,
  type SubmitContext,
} from '../../../lambdas/shared/domain/index.js';
import { accountA, EXAMPLE_UPLOADS, exampleFiling, exampleWith, submitContext, TODAY } from './fixtures.js';

function parsed(input: unknown): FilingDocument {
  const result = parseFilingDraft(input);
  if (!result.ok) throw new Error(`fixture does not parse: ${JSON.stringify(result.problems)}`);
  return result.document;
}

const check = (changes: Record<string, unknown>, ctx: Partial<SubmitContext> = {}): Problem[] =>
  checkForSubmit(parsed(exampleWith(changes)), submitContext(ctx));
const codes = (problems: Problem[]): string[] => problems.map((p) => `${p.code} ${p.path}`);

describe('checkForSubmit: the design example', () => {
  it('passes every rule on 2026-11-28 for customer A', () => {
    const problems = checkForSubmit(parsed(exampleFiling()), submitContext());
    expect(problems).toEqual([]);
    expect(verificationMethodOf(parsed(exampleFiling()))).toBe('ELECTRONIC');
  });

  it('every problem names its field in both languages', () => {
    for (const p of check({ 'entity.name': undefined, 'app.domains.0.expiresOn': '2026-11-28' })) {
      expect(p.message).toContain(p.path);
      expect(p.messageZh).toContain(p.path);
    }
  });
});

describe('FIELD_REQUIRED', () => {
  it('reports each missing field of a NEW filing', () => {
    expect(codes(check({ 'entity.name': undefined, 'entityPrincipal.email': '', 'app.languages': [], 'access.ips': undefined }))).toEqual(
      expect.arrayContaining(['FIELD_REQUIRED entity.name', 'FIELD_REQUIRED entityPrincipal.email', 'FIELD_REQUIRED app.languages', 'FIELD_REQUIRED access.ips']),
    );
  });

  it('reports the fields of a whole missing section one by one', () => {
    const problems = checkForSubmit(parsed({ type: 'NEW', entity: exampleFiling().entity }), submitContext());
    expect(codes(problems)).toEqual(expect.arrayContaining(['FIELD_REQUIRED entityPrincipal.idNumber', 'FIELD_REQUIRED app.principal.mobile', 'FIELD_REQUIRED access.awsAccountId']));
  });

  it('lets the account profile role stand in for access.accessRoleArn, and requires one of them', () => {
    expect(check({ 'access.accessRoleArn': undefined })).toEqual([]);
    expect(codes(check({ 'access.accessRoleArn': undefined }, { account: undefined }))).toContain('FIELD_REQUIRED access.accessRoleArn');
  });

  it('requires the identifier of each platform: bundleId for IOS, packageName otherwise', () => {
    expect(codes(check({ 'app.platforms.1.bundleId': undefined, 'app.platforms.0.packageName': undefined }))).toEqual(
      expect.arrayContaining(['FIELD_REQUIRED app.platforms.1.bundleId', 'FIELD_REQUIRED app.platforms.0.packageName']),
    );
  });
});

describe('PLATFORM_REQUIRED and DOMAIN_REQUIRED', () => {
  it('refuses a filing without platforms or domains', () => {
    expect(codes(check({ 'app.platforms': [], 'app.domains': undefined }))).toEqual(
      expect.arrayContaining(['PLATFORM_REQUIRED app.platforms', 'DOMAIN_REQUIRED app.domains']),
    );
  });
});

describe('persons in charge', () => {
  it('ID_VALIDITY_INVALID: not yet valid, or already expired; LONG_TERM accepted', () => {
    expect(codes(check({ 'entityPrincipal.idValidFrom': '2026-11-29' }))).toContain('ID_VALIDITY_INVALID entityPrincipal.idValidFrom');
    expect(codes(check({ 'app.principal.idValidTo': TODAY }))).toContain('ID_VALIDITY_INVALID app.principal.idValidTo');
    expect(check({ 'entityPrincipal.idValidFrom': TODAY, 'entityPrincipal.idValidTo': 'LONG_TERM' })).toEqual([]);
  });

  it('ID_EXPIRING: valid for less than 3 more months', () => {
    expect(codes(check({ 'entityPrincipal.idValidTo': '2027-02-27' }))).toEqual(['ID_EXPIRING entityPrincipal.idValidTo']);
    expect(check({ 'entityPrincipal.idValidTo': '2027-02-28' })).toEqual([]);
  });

  it('EMERGENCY_MOBILE_SAME: the emergency number differs from the mobile (after +86 normalisation)', () => {
    expect(codes(check({ 'app.principal.emergencyMobile': '+8613995000003' }))).toEqual(['EMERGENCY_MOBILE_SAME app.principal.emergencyMobile']);
    expect(check({ 'app.principal.emergencyMobile': '13995000005' })).toEqual([]);
  });

  it('PRINCIPAL_CONTACT_SHARED: two different people do not share mobile or email', () => {
    expect(codes(check({ 'app.principal.mobile': '13995000001', 'app.principal.email': 'WANGNING@yunfan-travel.cn' }))).toEqual([
      'PRINCIPAL_CONTACT_SHARED app.principal.mobile',
      'PRINCIPAL_CONTACT_SHARED app.principal.email',
    ]);
  });

  it('accepts one person in charge of both (then no authorization letter is needed)', () => {
    const principal = exampleFiling().entityPrincipal;
    const uploads = EXAMPLE_UPLOADS.filter((k) => k !== 'AUTHORIZATION_LETTER');
    expect(check({ 'app.principal': principal }, { uploadedAttachmentKinds: uploads })).toEqual([]);
  });
});

describe('APP rules', () => {
  const approvedApp = { filingId: 'f-old', status: 'APPROVED' as const, type: 'NEW' as const, entityCertificateNumber: '91640100MA77K3Q25L', appName: '云帆出行' };

  it('APP_NAME_TAKEN: another live filing of the same entity has the name', () => {
    expect(codes(check({}, { otherFilings: [approvedApp] }))).toEqual(['APP_NAME_TAKEN app.name']);
  });

  it('APP_NAME_TAKEN: accepts a withdrawn namesake, another entity\'s APP and the filing itself', () => {
    const ctx = {
      filingId: 'f-self',
      otherFilings: [
        { ...approvedApp, status: 'WITHDRAWN' as const },
        { ...approvedApp, filingId: 'f-other', entityCertificateNumber: '91110000600037341L' },
        { ...approvedApp, filingId: 'f-self', status: 'DRAFT' as const },
      ],
    };
    expect(check({}, ctx)).toEqual([]);
  });

  it('PRE_APPROVAL_REQUIRED: a category needing pre-approval has an entry with its document number', () => {
    expect(codes(check({ 'app.categories': ['TRAVEL', 'ONLINE_GAMES'] }))).toContain('PRE_APPROVAL_REQUIRED app.categories.1');
    const withApproval = {
      'app.categories': ['TRAVEL', 'ONLINE_GAMES'],
      'app.preApprovals': [{ category: 'ONLINE_GAMES', documentNumber: '国新出审〔2026〕123号', issuer: '国家新闻出版署', validTo: '2030-12-31' }],
    };
    expect(check(withApproval, { uploadedAttachmentKinds: [...EXAMPLE_UPLOADS, 'PRE_APPROVAL_DOCUMENT'] })).toEqual([]);
  });

  it('DOMAIN_EXPIRED: expiresOn must be after today', () => {
    expect(codes(check({ 'app.domains.0.expiresOn': TODAY }))).toEqual(['DOMAIN_EXPIRED app.domains.0.expiresOn']);
    expect(check({ 'app.domains.0.expiresOn': '2026-11-29' })).toEqual([]);
  });

  it('DOMAIN_NOT_REAL_NAME: realNameVerified must be true', () => {
    expect(codes(check({ 'app.domains.0.realNameVerified': false }))).toEqual(['DOMAIN_NOT_REAL_NAME app.domains.0.realNameVerified']);
  });

  it('DOMAIN_HOLDER_MISMATCH: the registrant is the entity, full-width and spaces folded', () => {
    expect(codes(check({ 'app.domains.0.registrant': '宁夏云帆网络有限公司' }))).toEqual(['DOMAIN_HOLDER_MISMATCH app.domains.0.registrant']);
    const names = { 'entity.name': '宁夏云帆（银川）科技有限公司', 'app.domains.0.registrant': '宁夏云帆(银川) 科技有限公司' };
    expect(check(names, { account: { ...accountA, companyName: '宁夏云帆(银川)科技有限公司' } })).toEqual([]);
  });

  it('accepts an IDN domain and a fourth-level domain', () => {
    expect(check({ 'app.domains.0.name': 'a.b.云帆出行.中国' })).toEqual([]);
  });
});

describe('access and state rules', () => {
  it('ACCOUNT_MISMATCH: the filing names the caller\'s account', () => {
    expect(codes(check({}, { callerAccountId: '222222222222' }))).toEqual(['ACCOUNT_MISMATCH access.awsAccountId']);
  });

  it('ACCESS_ROLE_INVALID: a profile role of another account cannot stand in', () => {
    const account = { ...accountA, accessRoleArn: 'arn:aws-cn:iam::222222222222:role/IcpRecordalAccess' };
    expect(codes(check({ 'access.accessRoleArn': undefined }, { account }))).toEqual(['ACCESS_ROLE_INVALID access.accessRoleArn']);
  });

  it('ENTITY_BUSY: another application of the entity is under review', () => {
    const busy = { filingId: 'f-2', status: 'PRELIMINARY_REVIEW' as const, type: 'NEW' as const, entityCertificateNumber: '91640100MA77K3Q25L', appName: '云帆外卖' };
    expect(codes(check({}, { otherFilings: [busy] }))).toEqual(['ENTITY_BUSY entity.certificateNumber']);
    expect(check({}, { otherFilings: [{ ...busy, status: 'RETURNED' }] })).toEqual([]);
  });

  it('ATTACHMENT_MISSING: each required kind has an upload', () => {
    const uploads = EXAMPLE_UPLOADS.filter((k) => k !== 'APP_ICON' && k !== 'COMMITMENT_LETTER');
    expect(codes(check({}, { uploadedAttachmentKinds: uploads }))).toEqual(['ATTACHMENT_MISSING attachments.APP_ICON', 'ATTACHMENT_MISSING attachments.COMMITMENT_LETTER']);
  });

  it('ATTACHMENT_MISSING: a confirmation letter when the entity is not the account\'s company', () => {
    const problems = check({}, { account: { ...accountA, companyName: '北京云帆控股有限公司' } });
    expect(codes(problems)).toEqual(['ATTACHMENT_MISSING attachments.CONFIRMATION_LETTER']);
  });
});

describe('changes and cancellations', () => {
  const target = { filingId: 'f-1', status: 'APPROVED' as const, document: parsed(exampleFiling()) };

  it('TARGET_REQUIRED: every type but NEW names an APPROVED filing of this account', () => {
    const cancel = parsed({ type: 'CANCEL_APP', targetFilingId: 'f-1' });
    expect(checkForSubmit(cancel, submitContext({ target }))).toEqual([]);
    expect(codes(checkForSubmit(cancel, submitContext()))).toEqual(['TARGET_REQUIRED targetFilingId']);
    expect(codes(checkForSubmit(cancel, submitContext({ target: { ...target, status: 'CA_REVIEW' } })))).toEqual(['TARGET_REQUIRED targetFilingId']);
    expect(codes(checkForSubmit(parsed({ type: 'CANCEL_APP' }), submitContext({ target })))).toEqual(['TARGET_REQUIRED targetFilingId']);
  });

  it('CHANGE_NOT_ALLOWED: a change may not move the filing to another entity', () => {
    const entity = { ...exampleFiling().entity, certificateNumber: '91110000600037341L', province: '110000' };
    const change = parsed({ type: 'CHANGE_ENTITY', targetFilingId: 'f-1', entity, entityPrincipal: exampleFiling().entityPrincipal });
    const uploads = ['AUTHENTICITY_FORM', 'ENTITY_CERTIFICATE', 'ENTITY_PRINCIPAL_ID', 'AUTHORIZATION_LETTER'];
    expect(codes(checkForSubmit(change, submitContext({ target, uploadedAttachmentKinds: uploads })))).toEqual([
      'CHANGE_NOT_ALLOWED entity.province',
      'CHANGE_NOT_ALLOWED entity.certificateNumber',
    ]);
  });

  it('accepts a CHANGE_ENTITY of the address, and checks the domains against a new entity name', () => {
    const uploads = ['AUTHENTICITY_FORM', 'ENTITY_CERTIFICATE', 'ENTITY_PRINCIPAL_ID', 'AUTHORIZATION_LETTER'];
    const moved = parsed({ type: 'CHANGE_ENTITY', targetFilingId: 'f-1', entity: { ...exampleFiling().entity, mailingAddress: '银川市兴庆区1号' }, entityPrincipal: exampleFiling().entityPrincipal });
    expect(checkForSubmit(moved, submitContext({ target, uploadedAttachmentKinds: uploads }))).toEqual([]);
    const renamed = parsed({ type: 'CHANGE_ENTITY', targetFilingId: 'f-1', entity: { ...exampleFiling().entity, name: '宁夏云帆出行科技有限公司' }, entityPrincipal: exampleFiling().entityPrincipal });
    expect(codes(checkForSubmit(renamed, submitContext({ target, uploadedAttachmentKinds: [...uploads, 'CONFIRMATION_LETTER'] })))).toEqual([
      'DOMAIN_HOLDER_MISMATCH app.domains.0.registrant',
    ]);
  });

  it('CHANGE_INFO: checks what it carries against the resulting filing', () => {
    const change = parsed({ type: 'CHANGE_INFO', targetFilingId: 'f-1', app: { principal: { ...exampleFiling().app.principal, mobile: '13995000001' } } });
    const uploads = ['AUTHENTICITY_FORM', 'APP_PRINCIPAL_ID', 'AUTHORIZATION_LETTER'];
    expect(codes(checkForSubmit(change, submitContext({ target, uploadedAttachmentKinds: uploads })))).toEqual(['PRINCIPAL_CONTACT_SHARED app.principal.mobile']);
    expect(codes(checkForSubmit(parsed({ type: 'CHANGE_INFO', targetFilingId: 'f-1' }), submitContext({ target, uploadedAttachmentKinds: uploads })))).toEqual([
      'FIELD_REQUIRED entityPrincipal',
    ]);
  });

  it('CHANGE_INFO: does not report what it leaves untouched', () => {
    const expiredDomain = { ...target, document: parsed(exampleWith({ 'app.domains.0.expiresOn': '2026-01-01' })) };
    const rename = parsed({ type: 'CHANGE_INFO', targetFilingId: 'f-1', app: { name: '云帆出行Pro' } });
    const uploads = ['AUTHENTICITY_FORM', 'APP_ICON'];
    expect(checkForSubmit(rename, submitContext({ target: expiredDomain, uploadedAttachmentKinds: uploads }))).toEqual([]);
    const domains = parsed({ type: 'CHANGE_INFO', targetFilingId: 'f-1', app: { domains: [{ ...exampleFiling().app.domains[0], expiresOn: '2026-01-01' }] } });
    expect(codes(checkForSubmit(domains, submitContext({ target, uploadedAttachmentKinds: uploads })))).toEqual(['DOMAIN_EXPIRED app.domains.0.expiresOn']);
  });

  it('CHANGE_IP: needs access.ips and no attachments', () => {
    const change = parsed({ type: 'CHANGE_IP', targetFilingId: 'f-1', access: { ips: ['52.83.10.11'] } });
    expect(checkForSubmit(change, submitContext({ target, uploadedAttachmentKinds: [] }))).toEqual([]);
    const empty = parsed({ type: 'CHANGE_IP', targetFilingId: 'f-1', access: { ips: [] } });
    expect(codes(checkForSubmit(empty, submitContext({ target })))).toEqual(['FIELD_REQUIRED access.ips']);
  });
});

describe('verification method', () => {
  it('is MANUAL unless a business licence and two ID cards', () => {
    expect(verificationMethodOf(parsed(exampleWith({ 'app.principal.idType': 'PASSPORT', 'app.principal.idNumber': 'E12345678' })))).toBe('MANUAL');
    expect(verificationMethodOf(parsed(exampleWith({ 'entity.certificateType': 'OTHER' })))).toBe('MANUAL');
    expect(verificationMethodOf(parsed({ type: 'CANCEL_APP' }))).toBe('MANUAL');
  });

  it('a MANUAL filing needs no commitment letter', () => {
    const doc = parsed(exampleWith({ 'app.principal.idType': 'PASSPORT', 'app.principal.idNumber': 'E12345678' }));
    const kinds = attachmentRequirements(doc, accountA, verificationMethodOf(doc)).filter((r) => r.required).map((r) => r.kind);
    expect(kinds).not.toContain('COMMITMENT_LETTER');
    expect(check({ 'app.principal.idType': 'PASSPORT', 'app.principal.idNumber': 'E12345678' }, { uploadedAttachmentKinds: EXAMPLE_UPLOADS.filter((k) => k !== 'COMMITMENT_LETTER') })).toEqual([]);
  });
});
