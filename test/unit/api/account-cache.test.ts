import { jest } from '@jest/globals';
import type { AccountRecord } from '../../../lambdas/shared/store/index.js';

const getAccount = jest.fn<(id: string) => Promise<AccountRecord | null>>();
jest.unstable_mockModule('../../../lambdas/shared/store/index.js', () => ({ getAccount: (id: string) => getAccount(id) }));

const { recentAccount, rememberAccount } = await import('../../../lambdas/api-customer/account-cache.js');

const record = (accountId: string, companyName: string): AccountRecord => ({
  accountId,
  profile: { companyName, email: 'a@example.cn', mobile: '13995000001', verificationIp: '52.83.10.10', accessRoleArn: 'arn:aws-cn:iam::111111111111:role/R', acceptPrivacyPolicy: true },
  version: 1,
  createdAt: '2026-11-28T00:00:00.000Z',
  updatedAt: '2026-11-28T00:00:00.000Z',
});

describe('recentAccount', () => {
  beforeEach(() => getAccount.mockReset());

  it('reads the store once per account within 30 s, again after', async () => {
    getAccount.mockResolvedValue(record('100000000001', 'A'));
    await recentAccount('100000000001', 1_000);
    await recentAccount('100000000001', 20_000);
    expect(getAccount).toHaveBeenCalledTimes(1);
    await recentAccount('100000000001', 31_001);
    expect(getAccount).toHaveBeenCalledTimes(2);
  });

  it("answers this instance's own update at once", async () => {
    getAccount.mockResolvedValue(record('100000000002', 'old'));
    expect((await recentAccount('100000000002', 0))?.profile.companyName).toBe('old');
    rememberAccount(record('100000000002', 'new'), 1);
    expect((await recentAccount('100000000002', 2))?.profile.companyName).toBe('new');
    expect(getAccount).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed read', async () => {
    getAccount.mockRejectedValueOnce(new Error('throttled')).mockResolvedValue(record('100000000003', 'C'));
    await expect(recentAccount('100000000003', 0)).rejects.toThrow('throttled');
    expect((await recentAccount('100000000003', 1))?.profile.companyName).toBe('C');
  });
});
