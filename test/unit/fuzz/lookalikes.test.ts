import fc from 'fast-check';
import { comparableEmail, hasInvisibleCharacter, sameName } from '../../../lambdas/shared/domain/comparable.js';
import { isCleanName, isEmailAddress } from '../../../lambdas/shared/domain/identifiers.js';
import { lookalikeOf } from '../../../tools/fuzz/hostile.js';

/**
 * The fuzzer's look-alikes of existing names and emails (tools/fuzz/hostile.ts) are either
 * refused (an invisible or bidi character) or the same value to the platform.
 */
describe('look-alike spellings', () => {
  it('of a name: refused, or the same name', () => {
    for (const name of ['云帆出行', 'YunFan Go', '宁夏云帆（银川）科技有限公司']) {
      fc.assert(
        fc.property(lookalikeOf(name), (variant) => {
          if (hasInvisibleCharacter(variant)) expect(isCleanName(variant, 1, 100)).toBe(false);
          else expect(sameName(variant, name)).toBe(true);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('of an email: refused, or the same address', () => {
    const email = 'icp@yunfan-travel.cn';
    fc.assert(
      fc.property(lookalikeOf(email), (variant) => {
        if (isEmailAddress(variant)) expect(comparableEmail(variant)).toBe(email);
      }),
      { numRuns: 300 },
    );
  });
});
