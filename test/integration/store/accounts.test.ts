import { getAccount, putAccount, UniquenessError, type AccountProfile } from '../../../lambdas/shared/store/index.js';
import { callsOf, settle, useStoreTable } from './support.js';

useStoreTable('store-accounts');

const profile = (email: string, mobile: string): AccountProfile => ({
  companyName: '宁夏云帆科技有限公司',
  email,
  mobile,
  verificationIp: '52.83.10.10',
  accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess',
  acceptPrivacyPolicy: true,
});

const codesOf = async (promise: Promise<unknown>): Promise<string[]> => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UniquenessError);
  return [...(error as UniquenessError).codes].sort();
};

describe('accounts', () => {
  it('creates and updates a profile (2 calls), reading it in one', async () => {
    expect(await getAccount('100000000001')).toBeNull();
    const { result: first, calls } = await callsOf(() => putAccount('100000000001', profile('a@example.cn', '13900000001')));
    expect(calls).toBe(2);
    expect(first.created).toBe(true);
    expect(first.account).toMatchObject({ accountId: '100000000001', version: 1, profile: profile('a@example.cn', '13900000001') });
    const second = await putAccount('100000000001', { ...profile('a@example.cn', '13900000001'), companyName: 'Other' });
    expect(second.created).toBe(false);
    expect(second.account.version).toBe(2);
    expect(second.account.createdAt).toBe(first.account.createdAt);
    const { result: read, calls: readCalls } = await callsOf(() => getAccount('100000000001'));
    expect(readCalls).toBe(1);
    expect(read).toEqual(second.account);
  });

  it('refuses an email or mobile of another account, naming which, and writes nothing', async () => {
    await putAccount('100000000002', profile('b@example.cn', '13900000002'));
    expect(await codesOf(putAccount('100000000003', profile('B@Example.cn', '13900000003')))).toEqual(['EMAIL_TAKEN']);
    expect(await codesOf(putAccount('100000000003', profile('c@example.cn', '+8613900000002')))).toEqual(['MOBILE_TAKEN']);
    expect(await codesOf(putAccount('100000000003', profile('b@example.cn', '13900000002')))).toEqual(['EMAIL_TAKEN', 'MOBILE_TAKEN']);
    expect(await getAccount('100000000003')).toBeNull();
  });

  it('gives the old email back when it changes', async () => {
    await putAccount('100000000004', profile('old@example.cn', '13900000004'));
    await putAccount('100000000004', profile('new@example.cn', '13900000004'));
    const other = await putAccount('100000000005', profile('old@example.cn', '13900000005'));
    expect(other.created).toBe(true);
    expect(await codesOf(putAccount('100000000005', profile('new@example.cn', '13900000005')))).toEqual(['EMAIL_TAKEN']);
  });

  it('lets exactly one of 20 concurrent registrations of one email win', async () => {
    const { fulfilled, rejected } = await settle(
      Array.from({ length: 20 }, (_, i) => putAccount(`2000000000${String(i).padStart(2, '0')}`, profile('race@example.cn', `1390000${String(1000 + i)}`))),
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(UniquenessError);
      expect((error as UniquenessError).codes).toEqual(['EMAIL_TAKEN']);
    }
    const winner = fulfilled[0]?.account.accountId as string;
    const registered = await Promise.all(Array.from({ length: 20 }, (_, i) => getAccount(`2000000000${String(i).padStart(2, '0')}`)));
    expect(registered.filter((a) => a !== null).map((a) => a?.accountId)).toEqual([winner]);
  });

  it('serialises concurrent updates of one account (each applied, versions 1…n)', async () => {
    await putAccount('100000000006', profile('s@example.cn', '13900000006'));
    const { fulfilled } = await settle(
      Array.from({ length: 4 }, (_, i) => putAccount('100000000006', { ...profile('s@example.cn', '13900000006'), companyName: `c${i}` })),
    );
    expect(fulfilled).toHaveLength(4);
    expect(fulfilled.map((r) => r.account.version).sort()).toEqual([2, 3, 4, 5]);
  });
});
