import { maskPii } from '../../../lambdas/shared/http/mask.js';

describe('maskPii', () => {
  it('masks e-mail addresses, mobiles and resident ID numbers', () => {
    const masked = maskPii('wangning@example.cn called from +8613995000001 with id 11010519491231002X and 13995000002');
    expect(masked).toBe('w***@example.cn called from 139****0001 with id 110105********002X and 139****0002');
    for (const secret of ['wangning', '13995000001', '19491231']) expect(masked).not.toContain(secret);
  });

  it('leaves account ids and filing ids alone', () => {
    expect(maskPii('account 111111111111 filing f-01HZX')).toBe('account 111111111111 filing f-01HZX');
  });
});
