/**
 * The console's language: Chinese first (zh-CN), English on request, remembered in
 * localStorage (a preference, not a secret). Cloudscape's own texts come from its I18nProvider
 * messages; the console's from ./strings.ts; the API's from each problem's `messageZh`/`message`.
 */
import { I18nProvider, type I18nProviderProps } from '@cloudscape-design/components/i18n';
import zhMessages from '@cloudscape-design/components/i18n/messages/all.zh-CN';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { STRINGS, type StringKey } from './strings.js';

export type Language = 'zh' | 'en';

const STORAGE_KEY = 'recordal.language';

interface LanguageContextValue {
  language: Language;
  setLanguage(language: Language): void;
  /** The console's text `key` in the current language, with `{name}` placeholders filled. */
  t(key: StringKey, values?: Record<string, string | number>): string;
  /** Of a bilingual API text, the one in the current language. */
  pick(item: { message: string; messageZh?: string | undefined }): string;
  /** Of an `[en, zh]` pair (the domain's field and attachment names), the one in the current language. */
  pair(names: readonly [string, string]): string;
}

const LanguageContext = createContext<LanguageContextValue | undefined>(undefined);

function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  // Chinese is the default and comes with the page; Cloudscape's English texts load when first needed.
  const [enMessages, setEnMessages] = useState<I18nProviderProps.Messages>();
  useEffect(() => {
    if (language === 'en' && enMessages === undefined) void import('@cloudscape-design/components/i18n/messages/all.en').then((module) => setEnMessages(module.default));
  }, [language, enMessages]);
  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
  const value = useMemo<LanguageContextValue>(
    () => ({
      language,
      setLanguage,
      t: (key, values = {}) => (STRINGS[key]?.[language === 'zh' ? 0 : 1] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`)),
      pick: (item) => (language === 'zh' ? item.messageZh || item.message : item.message || item.messageZh || ''),
      pair: ([en, zh]) => (language === 'zh' ? zh : en),
    }),
    [language],
  );
  return (
    <LanguageContext.Provider value={value}>
      <I18nProvider locale={language === 'zh' ? 'zh-CN' : 'en'} messages={[language === 'en' && enMessages ? enMessages : zhMessages]}>
        {children}
      </I18nProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (value === undefined) throw new Error('useLanguage outside LanguageProvider');
  return value;
}
