import { createLogger } from '../../../lambdas/shared/logging/logger.js';
import { maskPii } from '../../../lambdas/shared/http/mask.js';
import { captureOutput } from '../../support/captured-output.js';

const ID = '640106198503121234';
const MOBILE = '13995000001';
const EMAIL = 'wangning@yunfan-travel.cn';
const USCC = '91640100MA77K3Q25L';
const PII = [ID, MOBILE, EMAIL, USCC, 'wangning'];

/** Every line a logger writes during `run` (kept from the terminal). */
function captured(run: () => void): string {
  const output = captureOutput({ show: () => false });
  try {
    run();
  } finally {
    output.restore();
  }
  return output.lines.join('');
}

describe('the redacting log formatter (docs/security.md)', () => {
  it('masks ID numbers, mobiles, emails and USCCs in every field: free text, paths, nested details, errors, keys', () => {
    const logger = createLogger({ serviceName: 'redaction-test', logLevel: 'DEBUG' });
    const output = captured(() => {
      logger.info(`GET /v1/filings/${ID}`, { path: `/v1/filings/${ID}` });
      logger.info('event', {
        detailType: 'Filing Status Changed',
        detail: { reasons: [{ code: 'MATERIALS_UNCLEAR', message: `ID ${ID} does not match; call +86 ${MOBILE} or write to ${EMAIL}` }], entity: USCC },
      });
      logger.error('failed', { error: new Error(`could not index ${EMAIL}`, { cause: new Error(`mobile ${MOBILE}`) }) });
      logger.warn('odd keys', { [EMAIL]: true, list: [[[`+86-${MOBILE}`]]] });
      logger.debug(`percent-encoded ${EMAIL.replace('@', '%40')}`);
    });
    expect(output.split('\n').filter(Boolean)).toHaveLength(5);
    for (const value of PII) expect(output).not.toContain(value);
    expect(output).toContain('640106********1234');
    expect(output).toContain('139****0001');
    expect(output).toContain('w***@yunfan-travel.cn');
    expect(output).toContain('9164**********Q25L');
    expect(output).toContain('"level":"ERROR"');
  });

  it('leaves ids, ARNs, times and counts alone', () => {
    const text = 'account 111111111111 filing 4f1c2b8e-9a55-4f1e-b2b7-1d8e4c1d9a01 task Qk3sN1c2aXJZdG9rZW4x arn:aws-cn:iam::111111111111:role/IcpRecordalAccess at 2026-11-28T12:00:00.000Z took 1234 ms';
    expect(maskPii(text)).toBe(text);
  });
});
