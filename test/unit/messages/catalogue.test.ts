import { CONSTANTS, LOCALES, placeholdersOf, render, type Locale } from '../../../lambdas/shared/messages/render.js';
import { MESSAGE_PARAMS, RULE_CODES, type MessageKey } from '../../../lambdas/shared/messages/codes.js';
import { RULE_LIMITS } from '../../../lambdas/shared/domain/limits.js';
import { problem } from '../../../lambdas/shared/messages/index.js';

const locales = Object.keys(LOCALES) as Locale[];
const keysOf = (locale: Locale) => Object.keys(LOCALES[locale].messages).sort();
const IMPLICIT = ['field', 'path', 'attachment'];

describe('the message catalogue', () => {
  it('has every code in every locale, and nothing else', () => {
    const codes = Object.keys(MESSAGE_PARAMS);
    for (const locale of locales) {
      const bases = new Set(keysOf(locale).map((key) => key.split('+')[0]!));
      expect([...bases].sort()).toEqual([...codes].sort());
      expect(keysOf(locale)).toEqual(keysOf('en'));
      for (const section of ['fields', 'phrases', 'attachments', 'principalFields'] as const) {
        expect(Object.keys(LOCALES[locale][section]).sort()).toEqual(Object.keys(LOCALES.en[section]).sort());
      }
    }
  });

  it('uses only placeholders a message is given: its params, its variant, the field, the constants', () => {
    for (const locale of locales) {
      for (const [key, template] of Object.entries(LOCALES[locale].messages)) {
        const [code, ...variant] = key.split('+');
        const allowed = new Set([...MESSAGE_PARAMS[code as MessageKey], ...variant, ...IMPLICIT, ...Object.keys(CONSTANTS)]);
        const unknown = placeholdersOf(template).filter((name) => !allowed.has(name));
        expect({ locale, key, unknown }).toEqual({ locale, key, unknown: [] });
      }
    }
  });

  it('mentions the same values in every locale (but the JSON parser\'s English reason)', () => {
    for (const [key, template] of Object.entries(LOCALES.en.messages)) {
      const english = new Set(placeholdersOf(template).filter((name) => name !== 'reason'));
      for (const locale of locales) {
        const other = new Set(placeholdersOf((LOCALES[locale].messages as Record<string, string>)[key]!));
        expect({ key, locale, missing: [...english].filter((name) => !other.has(name)) }).toEqual({ key, locale, missing: [] });
      }
    }
  });

  it('fills every placeholder when every param is given', () => {
    for (const locale of locales) {
      for (const key of Object.keys(LOCALES[locale].messages)) {
        const [code, ...variant] = key.split('+');
        const params = Object.fromEntries([...MESSAGE_PARAMS[code as MessageKey], ...variant].map((name) => [name, `<${name}>`]));
        const text = render(code as MessageKey, locale, params, 'app.name');
        expect({ key, locale, left: placeholdersOf(text) }).toEqual({ key, locale, left: [] });
      }
    }
  });

  it('states the limits the rules enforce, from the same constants', () => {
    const appName = problem('APP_NAME_INVALID', 'app.name');
    expect(appName.message).toContain(`${RULE_LIMITS.appNameMin} to ${RULE_LIMITS.appNameMax} characters`);
    expect(appName.messageZh).toContain(`${RULE_LIMITS.appNameMin}至${RULE_LIMITS.appNameMax}个字符`);
    expect(problem('ID_EXPIRING', 'entityPrincipal.idValidTo', { until: '2030-01-01' }).message).toContain(`${RULE_LIMITS.idValidityMonths} more months`);
  });

  it('chooses the variant whose params are given, and names fields in each locale', () => {
    const repeated = problem('PLATFORM_REQUIRED', 'app.platforms.1.os', { duplicate: 'IOS' });
    expect(repeated.message).toBe('Platform operating system #2 (app.platforms.1.os): each operating system may be listed once (IOS is repeated).');
    expect(repeated.messageZh).toBe('应用平台第2项（app.platforms.1.os）：每个应用平台只能填写一次（IOS重复）。');
    expect(problem('PLATFORM_REQUIRED', 'app.platforms').message).toContain('at least one platform');
    expect(problem('MOBILE_INVALID', 'app.principal.mobile').messageZh.startsWith('APP负责人联系电话')).toBe(true);
  });

  it('covers every rule code', () => {
    for (const code of RULE_CODES) expect(LOCALES['zh-CN'].messages[code]).toEqual(expect.any(String));
  });
});
