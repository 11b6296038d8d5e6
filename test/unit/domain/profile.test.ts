import { attachmentRequestSchema, parseAccountProfile, parseWithProblems } from '../../../lambdas/shared/domain/index.js';
import { accountA } from './fixtures.js';

const codes = (r: ReturnType<typeof parseAccountProfile>) => (r.ok ? [] : r.problems.map((p) => `${p.code} ${p.path}`));

describe('parseAccountProfile', () => {
  it('accepts customer A\'s profile and stores the mobile without +86', () => {
    expect(parseAccountProfile({ ...accountA, mobile: '+8613995000009' }, '111111111111')).toEqual({ ok: true, document: accountA });
  });

  it('reports every format problem', () => {
    const bad = { ...accountA, email: 'x@', mobile: '123', verificationIp: '10.0.0.1', accessRoleArn: 'arn:aws-cn:iam::222222222222:role/X', acceptPrivacyPolicy: false };
    expect(codes(parseAccountProfile(bad, '111111111111'))).toEqual([
      'EMAIL_INVALID email',
      'MOBILE_INVALID mobile',
      'IP_INVALID verificationIp',
      'ACCESS_ROLE_INVALID accessRoleArn',
      'FIELD_REQUIRED acceptPrivacyPolicy',
    ]);
  });

  it('reports missing and unknown fields', () => {
    expect(codes(parseAccountProfile({ companyName: '宁夏云帆科技有限公司', password: 'x' }))).toEqual(
      expect.arrayContaining(['FIELD_REQUIRED email', 'FIELD_REQUIRED acceptPrivacyPolicy', 'UNKNOWN_FIELD password']),
    );
  });
});

describe('attachmentRequestSchema', () => {
  it('accepts a known kind and refuses an unknown one', () => {
    expect(parseWithProblems(attachmentRequestSchema, { kind: 'APP_ICON', contentType: 'image/png', fileName: 'icon.png' }).ok).toBe(true);
    const r = parseWithProblems(attachmentRequestSchema, { kind: 'SELFIE', contentType: 'image/png', fileName: 'x'.repeat(256) });
    expect(r.ok ? [] : r.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['FIELD_TYPE kind', 'FIELD_TOO_LONG fileName']);
  });
});
