import { canonicalEmail, comparableEmail, comparableName, invisibleCharacters, sameName } from '../../../lambdas/shared/domain/comparable.js';
import { isCleanName, isEmailAddress, normaliseEmail } from '../../../lambdas/shared/domain/identifiers.js';

/** docs/design/rules.md "Comparing names, emails and mobiles". */
describe('comparing names', () => {
  it('folds full-width forms, case and every kind of whitespace', () => {
    expect(sameName('宁夏云帆（银川）科技有限公司', '宁夏云帆(银川) 科技有限公司')).toBe(true);
    expect(sameName('云帆出行', '云帆\u3000出行')).toBe(true);
    expect(sameName('云帆 出行', '云帆出行')).toBe(true);
    expect(sameName('YunFan Go', 'yunfango')).toBe(true);
    expect(sameName('ＹＵＮＦＡＮ', 'yunfan')).toBe(true);
    expect(sameName('Straße', 'STRASSE')).toBe(true);
    expect(sameName('云帆出行', '云帆出游')).toBe(false);
  });

  it('ignores invisible characters when comparing (names carrying them are refused anyway)', () => {
    for (const invisible of ['\u200B', '\u00AD', '\u2060', '\u200D', '\u202E', '\uFEFF', '\u2066']) {
      expect(comparableName(`${invisible}云帆出行`)).toBe(comparableName('云帆出行'));
    }
  });

  it('names the invisible characters of a value', () => {
    expect(invisibleCharacters('宁夏\u202E司公限有技科帆云\u200B\u202E')).toEqual(['U+202E', 'U+200B']);
    expect(invisibleCharacters('云帆出行')).toEqual([]);
  });

  it('refuses invisible and direction-control characters in names', () => {
    expect(isCleanName('云帆出行', 1, 30)).toBe(true);
    for (const invisible of ['\u200B', '\u00AD', '\u2060', '\u200D', '\u202E', '\uFEFF', '\u2066', '\u061C']) {
      expect(isCleanName(`${invisible}云帆出行`, 1, 30)).toBe(false);
      expect(isCleanName(`云帆${invisible}出行`, 1, 30)).toBe(false);
    }
  });
});

describe('comparing emails', () => {
  it('maps the domain through IDNA (UTS #46): ideographic and full-width dots, case', () => {
    const canonical = 'icp@yunfan-travel.cn';
    for (const variant of ['icp@yunfan-travel。cn', 'icp@yunfan-travel．cn', 'icp@yunfan-travel｡cn', 'ICP@YunFan-Travel.CN', 'icp@ｙｕｎｆａｎ-travel.cn']) {
      expect(comparableEmail(variant)).toBe(canonical);
      expect(isEmailAddress(variant)).toBe(true);
      expect(normaliseEmail(variant)).toBe(canonical);
    }
    expect(canonicalEmail('service@云帆出行.中国')).toBe('service@xn--9kqy6fl0o3s6b.xn--fiqs8s');
  });

  it('refuses invisible characters (which the IDNA mapping would silently drop)', () => {
    for (const bad of ['icp@yunfan\u00AD-travel.cn', 'icp@yunfan\u200B-travel.cn', 'i\u200Dcp@yunfan-travel.cn', 'icp@yunfan-travel.cn\u202E', 'icp@yunfan travel.cn']) {
      expect(isEmailAddress(bad)).toBe(false);
      expect(normaliseEmail(bad)).toBe(bad);
    }
  });
});
