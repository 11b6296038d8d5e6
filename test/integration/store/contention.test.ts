import { jest } from '@jest/globals';
import { ConcurrentUpdateError, putAccount, type AccountProfile } from '../../../lambdas/shared/store/index.js';
import { toHttpError } from '../../../lambdas/shared/http/error-mapping.js';
import { settle, useStoreTable } from './support.js';

jest.setTimeout(60_000);
useStoreTable('store-contention');

const profile = (n: number): AccountProfile => ({
  companyName: `宁夏云帆科技有限公司${n}`,
  email: `ops${n}@example.cn`,
  mobile: `1390000${String(n).padStart(4, '0')}`,
  verificationIp: '52.83.10.10',
  accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess',
  acceptPrivacyPolicy: true,
});

describe('contention retries cannot settle', () => {
  it('20 concurrent updates of one account: each is written or refused as CONCURRENT_UPDATE (409), never an unexplained failure', async () => {
    await putAccount('200000000001', profile(0));
    const { fulfilled, rejected } = await settle(Array.from({ length: 20 }, (_, i) => putAccount('200000000001', profile(i + 1))));
    expect(fulfilled.length).toBeGreaterThan(0);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(ConcurrentUpdateError);
      const http = toHttpError(error);
      expect(http.status).toBe(409);
      expect([http.code, ...http.details.map((d) => d.code)]).toEqual(['CONFLICT', 'CONCURRENT_UPDATE']);
    }
  });
});
