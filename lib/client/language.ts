/**
 * The API states every message in English and Chinese (`message`, `messageZh`); a reader gets
 * both, the one of their locale first.
 */

export type Language = 'en' | 'zh';

/** `zh_CN.UTF-8`, `zh-Hans`, `zh` → zh; anything else (or nothing) → en. */
export function languageOf(locale: string | undefined): Language {
  return /^zh([_.-]|$)/i.test(locale?.trim() ?? '') ? 'zh' : 'en';
}

/** The message in the reader's language first, then the other one when it says something else. */
export function messagesIn(item: { message: string; messageZh?: string | undefined }, language: Language): string[] {
  const zh = item.messageZh ?? '';
  const ordered = language === 'zh' ? [zh, item.message] : [item.message, zh];
  return ordered.filter((message, index) => message !== '' && ordered.indexOf(message) === index);
}
