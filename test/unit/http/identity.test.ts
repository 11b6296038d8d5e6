import { HttpError } from '../../../lambdas/shared/http/errors.js';
import { callerOf, isReviewer, reviewerPrincipalsFromEnv } from '../../../lambdas/shared/http/identity.js';
import { IDENTITIES, proxyEvent } from '../../support/proxy-event.js';

const REVIEWERS = ['arn:aws-cn:iam::999999999999:role/IcpReviewer', 'arn:aws-cn:iam::999999999999:role/ops/IcpSenior', 'arn:aws-cn:iam::999999999999:user/carol'];

describe('isReviewer', () => {
  it('accepts a configured principal itself', () => {
    expect(isReviewer('arn:aws-cn:iam::999999999999:role/IcpReviewer', REVIEWERS)).toBe(true);
    expect(isReviewer('arn:aws-cn:iam::999999999999:user/carol', REVIEWERS)).toBe(true);
  });

  it('accepts any session of a configured role, with or without a role path', () => {
    expect(isReviewer('arn:aws-cn:sts::999999999999:assumed-role/IcpReviewer/dave@example.cn', REVIEWERS)).toBe(true);
    expect(isReviewer('arn:aws-cn:sts::999999999999:assumed-role/IcpSenior/erin', REVIEWERS)).toBe(true);
  });

  it('refuses sessions of a same-named role in another account or partition, and other principals', () => {
    expect(isReviewer('arn:aws-cn:sts::111111111111:assumed-role/IcpReviewer/mallory', REVIEWERS)).toBe(false);
    expect(isReviewer('arn:aws:sts::999999999999:assumed-role/IcpReviewer/mallory', REVIEWERS)).toBe(false);
    expect(isReviewer('arn:aws-cn:sts::999999999999:assumed-role/IcpReviewerX/mallory', REVIEWERS)).toBe(false);
    expect(isReviewer('arn:aws-cn:iam::999999999999:user/IcpReviewer', REVIEWERS)).toBe(false);
    expect(isReviewer('arn:aws-cn:sts::999999999999:assumed-role/carol/s', REVIEWERS)).toBe(false);
  });
});

describe('callerOf', () => {
  it('makes the caller account the tenant', () => {
    expect(callerOf(proxyEvent('GET', '/v1/account'), REVIEWERS)).toEqual({
      role: 'customer',
      accountId: '111111111111',
      principalArn: IDENTITIES.customerA.userArn,
    });
    expect(callerOf(proxyEvent('GET', '/v1/account', { as: IDENTITIES.reviewer }), REVIEWERS).role).toBe('reviewer');
  });

  it('answers 401 without an identity', () => {
    expect(() => callerOf(proxyEvent('GET', '/v1/account', { as: null }), REVIEWERS)).toThrow(HttpError);
    try {
      callerOf(proxyEvent('GET', '/v1/account', { as: { accountId: 'abc', userArn: 'x' } }), REVIEWERS);
      throw new Error('expected 401');
    } catch (error) {
      expect((error as HttpError).status).toBe(401);
    }
  });

  it('reads REVIEWER_PRINCIPAL_ARNS, comma-separated, blanks ignored', () => {
    expect(reviewerPrincipalsFromEnv({ REVIEWER_PRINCIPAL_ARNS: ' a , b,,' })).toEqual(['a', 'b']);
    expect(reviewerPrincipalsFromEnv({})).toEqual([]);
  });
});
