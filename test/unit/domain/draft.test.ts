import { filingDocumentSchema, parseFilingDraft, type Problem } from '../../../lambdas/shared/domain/index.js';
import { exampleFiling, exampleWith, TODAY } from './fixtures.js';

const problemsOf = (input: unknown, today?: string): Problem[] => {
  const result = parseFilingDraft(input, today === undefined ? {} : { today });
  return result.ok ? [] : result.problems;
};
const codesAt = (input: unknown): string[] => problemsOf(input).map((p) => `${p.code} ${p.path}`);

describe('parseFilingDraft: shape', () => {
  it('accepts the design example unchanged and an almost empty draft', () => {
    const result = parseFilingDraft(exampleFiling(), { today: TODAY });
    expect(result).toEqual({ ok: true, document: exampleFiling() });
    expect(parseFilingDraft({ type: 'NEW', app: { name: '云帆出行' } }).ok).toBe(true);
  });

  it('reports UNKNOWN_FIELD once per unknown key, with its path', () => {
    expect(codesAt({ type: 'NEW', status: 'APPROVED', entity: { name: '宁夏云帆科技有限公司', colour: 'red', size: 3 } })).toEqual(
      expect.arrayContaining(['UNKNOWN_FIELD status', 'UNKNOWN_FIELD entity.colour', 'UNKNOWN_FIELD entity.size']),
    );
    expect(problemsOf({ type: 'NEW', status: 'APPROVED' })).toHaveLength(1);
  });

  it('refuses server-owned fields such as filingId and recordNumber', () => {
    expect(codesAt({ ...exampleFiling(), filingId: 'f-1', recordNumber: 'x' })).toEqual(['UNKNOWN_FIELD filingId', 'UNKNOWN_FIELD recordNumber']);
  });

  it('reports FIELD_TYPE for wrong JSON types and values outside an enumeration', () => {
    expect(codesAt(exampleWith({ 'entity.kind': 'PERSON', 'app.platforms.0.os': 'SYMBIAN', 'app.domains.0.realNameVerified': 'yes', 'app.categories': 'TRAVEL' }))).toEqual(
      expect.arrayContaining(['FIELD_TYPE entity.kind', 'FIELD_TYPE app.platforms.0.os', 'FIELD_TYPE app.domains.0.realNameVerified', 'FIELD_TYPE app.categories']),
    );
    expect(codesAt({ type: 'RENEW' })).toEqual(['FIELD_TYPE type']);
    expect(codesAt({})).toEqual(['FIELD_REQUIRED type']);
    expect(codesAt([])).toEqual(['FIELD_TYPE ']);
    expect(codesAt({ type: 'NEW', targetFilingId: 'f-1' })).toEqual(['FIELD_TYPE targetFilingId']);
  });

  it('reports FIELD_TOO_LONG for a string over its limit', () => {
    expect(codesAt(exampleWith({ 'entity.certificateAddress': '路'.repeat(201) }))).toEqual(['FIELD_TOO_LONG entity.certificateAddress']);
    expect(codesAt(exampleWith({ 'entity.certificateAddress': '路'.repeat(200) }))).toEqual([]);
  });

  it('still checks the format of the other fields when some have the wrong shape', () => {
    expect(codesAt(exampleWith({ 'entity.kind': 7, 'entityPrincipal.mobile': '12345', 'app.categories': ['TRAVEL', 3] }))).toEqual(
      expect.arrayContaining(['FIELD_TYPE entity.kind', 'MOBILE_INVALID entityPrincipal.mobile', 'FIELD_TYPE app.categories.1']),
    );
  });

  it('lets change and cancellation types carry only what they change', () => {
    expect(parseFilingDraft({ type: 'CANCEL_APP', targetFilingId: 'f-1', reason: 'APP retired' }).ok).toBe(true);
    expect(codesAt({ type: 'CANCEL_APP', targetFilingId: 'f-1', app: { name: 'x' } })).toEqual(['UNKNOWN_FIELD app']);
    expect(codesAt({ type: 'CHANGE_ENTITY', targetFilingId: 'f-1', access: { ips: ['52.83.10.11'] } })).toEqual(['UNKNOWN_FIELD access']);
    expect(parseFilingDraft({ type: 'CHANGE_IP', targetFilingId: 'f-1', access: { ips: ['52.83.10.11'] } }).ok).toBe(true);
  });

  it('reports CHANGE_NOT_ALLOWED for anything but access.ips in a CHANGE_IP', () => {
    expect(codesAt({ type: 'CHANGE_IP', targetFilingId: 'f-1', access: { ips: ['52.83.10.11'], securityGroupIds: [] }, entity: {} })).toEqual(
      expect.arrayContaining(['CHANGE_NOT_ALLOWED access.securityGroupIds', 'CHANGE_NOT_ALLOWED entity']),
    );
  });

  it('infers a type that discriminates on type', () => {
    const parsed = filingDocumentSchema.parse({ type: 'CHANGE_IP', access: { ips: [] } });
    expect(parsed.type === 'CHANGE_IP' && parsed.access?.ips).toEqual([]);
  });
});

describe('parseFilingDraft: normalisation', () => {
  it('strips +86, upper-cases x, converts IDN to punycode and normalises digests', () => {
    const result = parseFilingDraft(
      exampleWith({
        'entityPrincipal.mobile': '+8613995000001',
        'entityPrincipal.emergencyMobile': '+86 13995000002',
        'entityPrincipal.idNumber': '11010519491231002x',
        'app.domains.0.name': 'API.云帆出行.中国',
        'app.platforms.0.signatureMd5': '36:85:60:68:A5:A0:79:4F:5E:81:68:2F:B4:BA:D2:D9',
        'app.languages': ['ZH-hans'],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok || result.document.type !== 'NEW') return;
    expect(result.document.entityPrincipal?.mobile).toBe('13995000001');
    expect(result.document.entityPrincipal?.emergencyMobile).toBe('13995000002');
    expect(result.document.entityPrincipal?.idNumber).toBe('11010519491231002X');
    expect(result.document.app?.domains?.[0]?.name).toMatch(/^api\.xn--[a-z0-9-]+\.xn--fiqs8s$/);
    expect(result.document.app?.platforms?.[0]?.signatureMd5).toBe('36856068a5a0794f5e81682fb4bad2d9');
    expect(result.document.app?.languages).toEqual(['zh-Hans']);
  });
});

/** Each format rule: the example passes it (accepted), and one changed field breaks it (refused). */
const FORMAT_CASES: [code: string, changes: Record<string, unknown>, path: string, accepted?: Record<string, unknown>][] = [
  ['ENTITY_KIND_UNSUPPORTED', { 'entity.kind': 'INDIVIDUAL' }, 'entity.kind', { 'entity.kind': 'GOVERNMENT', 'entity.certificateType': 'OTHER' }],
  ['PROVINCE_INVALID', { 'entity.province': '640100' }, 'entity.province'],
  ['PROVINCE_INVALID', { 'entity.province': '810000' }, 'entity.province'],
  ['PROVINCE_UNSUPPORTED', { 'entity.province': '540000', 'entity.certificateNumber': '91110000600037341L' }, 'entity.province'],
  ['PROVINCE_UNSUPPORTED', { 'entity.province': '630000', 'entity.certificateNumber': '91110000600037341L' }, 'entity.province'],
  ['USCC_INVALID', { 'entity.certificateNumber': '91640100MA77K3Q25M' }, 'entity.certificateNumber', { 'entity.certificateNumber': '916401001000002270' }],
  ['USCC_INVALID', { 'entity.certificateNumber': '91640100ma77k3q25l' }, 'entity.certificateNumber'],
  ['USCC_PROVINCE_MISMATCH', { 'entity.certificateNumber': '91440300708461136T' }, 'entity.certificateNumber', { 'entity.certificateNumber': '91100000100000040R' }],
  ['CERTIFICATE_NUMBER_INVALID', { 'entity.certificateType': 'PUBLIC_INSTITUTION_CERTIFICATE', 'entity.certificateNumber': 'ab' }, 'entity.certificateNumber', { 'entity.certificateType': 'PUBLIC_INSTITUTION_CERTIFICATE', 'entity.certificateNumber': '事证第164010000123号' }],
  ['ENTITY_NAME_INVALID', { 'entity.name': ' 宁夏云帆科技有限公司' }, 'entity.name', { 'entity.name': '宁夏云帆（银川）科技有限公司' }],
  ['ENTITY_NAME_INVALID', { 'entity.name': '云帆🚀科技' }, 'entity.name'],
  ['ENTITY_NAME_INVALID', { 'entity.name': '宁' }, 'entity.name'],
  ['ID_CARD_INVALID', { 'entityPrincipal.idNumber': '640106198503121235' }, 'entityPrincipal.idNumber', { 'entityPrincipal.idNumber': '11010519491231002x' }],
  ['ID_CARD_INVALID', { 'app.principal.idNumber': '640104199002302469' }, 'app.principal.idNumber'],
  ['ID_VALIDITY_INVALID', { 'entityPrincipal.idValidTo': '2039-02-30' }, 'entityPrincipal.idValidTo', { 'entityPrincipal.idValidTo': 'LONG_TERM' }],
  ['MOBILE_INVALID', { 'entityPrincipal.mobile': '23995000001' }, 'entityPrincipal.mobile', { 'entityPrincipal.mobile': '+8613995000001' }],
  ['MOBILE_INVALID', { 'app.principal.emergencyMobile': '+85291234567' }, 'app.principal.emergencyMobile'],
  ['EMAIL_INVALID', { 'entityPrincipal.email': 'wangning@' }, 'entityPrincipal.email', { 'entityPrincipal.email': 'wang.ning+icp@yunfan-travel.com.cn' }],
  ['APP_NAME_INVALID', { 'app.name': '云帆出行 ' }, 'app.name', { 'app.name': 'Y' }],
  ['APP_NAME_INVALID', { 'app.name': '云帆出行😀' }, 'app.name'],
  ['APP_NAME_INVALID', { 'app.name': '云'.repeat(31) }, 'app.name', { 'app.name': '云'.repeat(30) }],
  ['PLATFORM_REQUIRED', { 'app.platforms.1.os': 'ANDROID', 'app.platforms.1.packageName': 'cn.yunfan.travel', 'app.platforms.1.bundleId': undefined, 'app.platforms.1.signatureMd5': '36856068a5a0794f5e81682fb4bad2d9' }, 'app.platforms.1.os'],
  ['PACKAGE_NAME_INVALID', { 'app.platforms.0.packageName': 'travel' }, 'app.platforms.0.packageName', { 'app.platforms.0.packageName': 'cn.yunfan.travel_2' }],
  ['PACKAGE_NAME_INVALID', { 'app.platforms.0.packageName': 'cn.yunfan-travel' }, 'app.platforms.0.packageName'],
  ['BUNDLE_ID_INVALID', { 'app.platforms.1.bundleId': 'cn_yunfan.travel' }, 'app.platforms.1.bundleId', { 'app.platforms.1.bundleId': 'cn.yunfan-travel.ios' }],
  ['PUBLIC_KEY_INVALID', { 'app.platforms.0.publicKey': '30820122300d06092a864886f70d0101' }, 'app.platforms.0.publicKey'],
  ['SIGNATURE_DIGEST_INVALID', { 'app.platforms.0.signatureMd5': '7bfd05321c8834ed76790aa78c107a876bc04ad2' }, 'app.platforms.0.signatureMd5', { 'app.platforms.0.signatureMd5': '36:85:60:68:A5:A0:79:4F:5E:81:68:2F:B4:BA:D2:D9' }],
  ['SIGNATURE_DIGEST_INVALID', { 'app.platforms.1.signatureMd5': '36856068a5a0794f5e81682fb4bad2d9' }, 'app.platforms.1.signatureMd5'],
  ['SIGNATURE_DIGEST_INVALID', { 'app.platforms.0.os': 'HARMONYOS' }, 'app.platforms.0.signatureMd5', { 'app.platforms.0.os': 'HARMONYOS', 'app.platforms.0.signatureMd5': 'ab'.repeat(32) }],
  ['CATEGORY_INVALID', { 'app.categories': ['TRAVEL', 'GAMBLING'] }, 'app.categories.1', { 'app.categories': ['TRAVEL', 'MAPS_NAVIGATION'] }],
  ['LANGUAGE_INVALID', { 'app.languages': ['zh-Hans', 'klingon'] }, 'app.languages.1', { 'app.languages': ['zh-Hans', 'en', 'bo'] }],
  ['DOMAIN_INVALID', { 'app.domains.0.name': 'https://api.yunfan-travel.cn/v1' }, 'app.domains.0.name', { 'app.domains.0.name': '云帆出行.中国' }],
  ['DOMAIN_INVALID', { 'app.domains.0.name': 'api.yunfan-travel.cn:8443' }, 'app.domains.0.name'],
  ['DOMAIN_LEVEL_EXCEEDED', { 'app.domains.0.name': 'v1.api.m.yunfan-travel.cn' }, 'app.domains.0.name', { 'app.domains.0.name': 'api.m.yunfan-travel.cn' }],
  ['DOMAIN_TLD_NOT_APPROVED', { 'app.domains.0.name': 'api.yunfan-travel.io' }, 'app.domains.0.name', { 'app.domains.0.name': 'api.yunfan-travel.com' }],
  ['DOMAIN_REGISTRAR_NOT_APPROVED', { 'app.domains.0.registrar': 'GODADDY' }, 'app.domains.0.registrar', { 'app.domains.0.registrar': 'TENCENT_CLOUD' }],
  ['IP_INVALID', { 'access.ips': ['52.83.10.10', '192.168.1.10'] }, 'access.ips.1', { 'access.ips': ['52.83.10.10', '2400:da00::1'] }],
  ['IP_INVALID', { 'access.ips': ['100.64.0.1'] }, 'access.ips.0'],
  ['ACCESS_ROLE_INVALID', { 'access.accessRoleArn': 'arn:aws-cn:iam::222222222222:role/IcpRecordalAccess' }, 'access.accessRoleArn', { 'access.accessRoleArn': 'arn:aws-cn:iam::111111111111:role/icp/Access' }],
  ['ACCESS_ROLE_INVALID', { 'access.accessRoleArn': ['arn', 'aws', 'iam', '', '111111111111', 'role/IcpRecordalAccess'].join(':') }, 'access.accessRoleArn'],
  ['SECURITY_GROUP_INVALID', { 'access.securityGroupIds': ['sg-12345'] }, 'access.securityGroupIds.0', { 'access.securityGroupIds': ['sg-0a1b2c3d'] }],
];

describe.each(FORMAT_CASES)('format rule %s', (code, changes, path, accepted) => {
  it(`refuses ${JSON.stringify(changes)}`, () => {
    const problems = problemsOf(exampleWith(changes), TODAY);
    expect(problems.map((p) => `${p.code} ${p.path}`)).toContain(`${code} ${path}`);
    const found = problems.find((p) => p.code === code)!;
    expect(found.message).toContain(path);
    expect(found.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
  it(`accepts ${JSON.stringify(accepted ?? 'the example')}`, () => {
    expect(problemsOf(exampleWith(accepted ?? {}), TODAY).filter((p) => p.code === code)).toEqual([]);
  });
});

describe('parseFilingDraft: several rules at once', () => {
  it('reports every broken rule, not just the first', () => {
    const codes = problemsOf(
      exampleWith({
        'entity.kind': 'INDIVIDUAL',
        'entityPrincipal.idNumber': '640106198503121235',
        'entityPrincipal.email': 'x',
        'app.domains.0.name': 'a.b.c.yunfan.io',
        'access.ips': ['10.0.0.1'],
      }),
    ).map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining(['ENTITY_KIND_UNSUPPORTED', 'ID_CARD_INVALID', 'EMAIL_INVALID', 'DOMAIN_LEVEL_EXCEEDED', 'DOMAIN_TLD_NOT_APPROVED', 'IP_INVALID']),
    );
  });

  it('refuses a birth date after today only when today is given', () => {
    const future = exampleWith({ 'entityPrincipal.idNumber': '640106202712011233' });
    expect(problemsOf(future)).toEqual([]);
    expect(problemsOf(future, TODAY).map((p) => p.code)).toEqual(['ID_CARD_INVALID']);
  });
});
