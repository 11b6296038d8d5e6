/**
 * Fills the per-locale templates of en.ts and zh-CN.ts. A key `CODE+a+b` is a variant of `CODE`
 * used when params a and b are given (the most specific one wins); `{name}` placeholders come
 * from the params, the field's and attachment's names in the locale, and CONSTANTS, which are
 * the very numbers the rules and the HTTP layer enforce.
 */
import { RULE_LIMITS, STAGE_DEADLINES } from '../domain/limits.js';
import { IDEMPOTENCY_KEY_MAX, MAX_BODY_BYTES, MAX_NESTING_DEPTH, MAX_PAGE_SIZE } from '../http/limits.js';
import { PARTITION, REGION } from '../region.js';
import type { MessageKey } from './codes.js';
import type { Catalogue } from './catalogue.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LOCALES = { en, 'zh-CN': zhCN } as const satisfies Record<string, Catalogue>;
export type Locale = keyof typeof LOCALES;

export type Phrase = keyof Catalogue['phrases'];
/** The same text in every locale (e.g. a name from the reference data). */
export type Localized = Readonly<Record<Locale, string>>;
/** A phrase of the catalogue, itself with params. */
export interface PhraseRef {
  readonly phrase: Phrase;
  readonly params?: MessageParams;
}
/** Alternatives, joined with the locale's "or". */
export interface Alternatives {
  readonly or: readonly string[];
}
export type MessageParam = string | number | boolean | undefined | readonly string[] | Localized | PhraseRef | Alternatives;
/** Values a message may mention. */
export type MessageParams = Readonly<Record<string, MessageParam>>;

export const byteText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;

/** Numbers every template may name: the same constants the code enforces. */
export const CONSTANTS: Readonly<Record<string, string | number>> = {
  ...RULE_LIMITS,
  ...STAGE_DEADLINES,
  maxBody: byteText(MAX_BODY_BYTES),
  maxNestingDepth: MAX_NESTING_DEPTH,
  idempotencyKeyMax: IDEMPOTENCY_KEY_MAX,
  maxPageSize: MAX_PAGE_SIZE,
  region: REGION,
  partition: PARTITION,
};

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholders a template uses. */
export const placeholdersOf = (template: string): string[] => [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);

const given = (value: MessageParam): boolean => value !== undefined && value !== false && value !== '';

/** The template for `key` in a catalogue: the most specific variant whose params are all given. */
function templateFor(catalogue: Catalogue, key: MessageKey, params: MessageParams): string {
  const messages = catalogue.messages as Readonly<Record<string, string>>;
  let best = messages[key];
  let bestCount = 0;
  for (const candidate of Object.keys(messages)) {
    if (!candidate.startsWith(`${key}+`)) continue;
    const needs = candidate.slice(key.length + 1).split('+');
    if (needs.length > bestCount && needs.every((name) => given(params[name]))) {
      best = messages[candidate];
      bestCount = needs.length;
    }
  }
  if (best === undefined) throw new Error(`no message for ${key}`);
  return best;
}

function valueText(value: MessageParam, locale: Locale): string {
  const catalogue = LOCALES[locale];
  if (value === undefined || typeof value === 'boolean') return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.join(catalogue.list);
  if ('phrase' in value) return fill(catalogue.phrases[value.phrase], value.params ?? {}, locale);
  if ('or' in value) return value.or.join(catalogue.orList);
  return (value as Localized)[locale];
}

function fill(template: string, params: MessageParams, locale: Locale): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (Object.hasOwn(params, name)) return valueText(params[name], locale);
    if (Object.hasOwn(CONSTANTS, name)) return String(CONSTANTS[name]);
    return whole;
  });
}

/** The name of the field at a dotted path in a locale (array indexes shown 1-based), or the path itself. */
export function fieldName(path: string, locale: Locale): string {
  const catalogue = LOCALES[locale];
  const segments = path === '' ? [] : path.split('.');
  const pattern = segments.map((s) => (/^\d+$/.test(s) ? '*' : s)).join('.');
  const fields = catalogue.fields as Readonly<Record<string, string>>;
  let known = fields[pattern];
  for (const [owner, ownerName] of Object.entries(catalogue.principalOwners)) {
    const field = pattern.startsWith(`${owner}.`) ? pattern.slice(owner.length + 1) : undefined;
    const name = field === undefined ? undefined : (catalogue.principalFields as Readonly<Record<string, string>>)[field];
    if (name !== undefined) known = fill(catalogue.principalField, { owner: ownerName, name }, locale);
  }
  if (known === undefined) return path;
  const position = segments.filter((s) => /^\d+$/.test(s)).map((s) => Number(s) + 1);
  return position.length > 0 ? fill(catalogue.position, { name: known, n: position.join('.') }, locale) : known;
}

/** The name of an attachment kind in a locale. */
export const attachmentName = (kind: string, locale: Locale): string =>
  (LOCALES[locale].attachments as Readonly<Record<string, string>>)[kind] ?? kind;

/** The text of `key` in one locale. `path` names the field the message is about. */
export function render(key: MessageKey, locale: Locale, params: MessageParams = {}, path?: string): string {
  const implicit: Record<string, MessageParam> = {};
  if (path !== undefined) {
    implicit.path = path || '(document)';
    implicit.field = fieldName(path, locale);
  }
  if (typeof params.kind === 'string') implicit.attachment = attachmentName(params.kind, locale);
  return fill(templateFor(LOCALES[locale], key, params), { ...implicit, ...params }, locale);
}

/** The text of `key` in every locale. */
export function localized(key: MessageKey, params: MessageParams = {}, path?: string): Localized {
  return { en: render(key, 'en', params, path), 'zh-CN': render(key, 'zh-CN', params, path) };
}

/** A phrase in every locale. */
export function phrase(key: Phrase, params: MessageParams = {}): Localized {
  return { en: valueText({ phrase: key, params }, 'en'), 'zh-CN': valueText({ phrase: key, params }, 'zh-CN') };
}

/** The two message fields of the API (docs/design/api.md): English `message`, Chinese `messageZh`. */
export function messagePair(key: MessageKey, params: MessageParams = {}, path?: string): { message: string; messageZh: string } {
  const text = localized(key, params, path);
  return { message: text.en, messageZh: text['zh-CN'] };
}
