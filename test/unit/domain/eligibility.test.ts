import { checkEligibility, eligibilityQuestionSchema, parseWithProblems } from '../../../lambdas/shared/domain/index.js';

const base = { appIsOffline: false, isMiniProgram: false, entityKind: 'ENTERPRISE' as const, province: '640000' };
const codes = (q: Parameters<typeof checkEligibility>[0]) => checkEligibility(q).reasons.map((r) => r.code);

describe('checkEligibility', () => {
  it('an online APP of an enterprise in Ningxia needs recordal and can file here', () => {
    const answer = checkEligibility(base);
    expect(answer).toMatchObject({ needed: true, supported: true });
    expect(answer.reasons[0]).toMatchObject({ code: 'RECORDAL_NEEDED' });
    expect(answer.reasons[0]!.messageZh).toMatch(/备案/);
  });

  it('an offline standalone APP needs no recordal', () => {
    expect(checkEligibility({ ...base, appIsOffline: true })).toMatchObject({ needed: false, supported: true });
    expect(codes({ ...base, appIsOffline: true })).toEqual(['APP_OFFLINE']);
  });

  it('a mini program or a quick app is filed through its own platform', () => {
    expect(checkEligibility({ ...base, isMiniProgram: true })).toMatchObject({ needed: true, supported: false });
    expect(codes({ ...base, isMiniProgram: true })).toEqual(['MINI_PROGRAM_OWN_PLATFORM']);
    expect(codes({ ...base, isQuickApp: true })).toEqual(['QUICK_APP_OWN_PLATFORM']);
  });

  it('personal recordal, Tibet and Qinghai are not supported, every reason given', () => {
    expect(codes({ ...base, entityKind: 'INDIVIDUAL' })).toEqual(['ENTITY_KIND_UNSUPPORTED']);
    expect(codes({ ...base, province: '540000' })).toEqual(['PROVINCE_UNSUPPORTED']);
    expect(codes({ ...base, entityKind: 'INDIVIDUAL', province: '630000' })).toEqual(['ENTITY_KIND_UNSUPPORTED', 'PROVINCE_UNSUPPORTED']);
    expect(checkEligibility({ ...base, province: '630000' }).supported).toBe(false);
    expect(codes({ ...base, province: '999999' })).toEqual(['PROVINCE_INVALID']);
  });

  it('the question is strict', () => {
    const result = parseWithProblems(eligibilityQuestionSchema, { ...base, appIsOffline: 'no', extra: 1 });
    expect(result.ok ? [] : result.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['FIELD_TYPE appIsOffline', 'UNKNOWN_FIELD extra']);
  });
});
