/**
 * Problems (docs/design/rules.md's `{path, code, message, messageZh}`) built from the catalogue,
 * and the parameter helpers the rules use so that they name phrases, never write text.
 */
import type { Problem } from '../domain/problem.js';
import type { MessageKey } from './codes.js';
import { messagePair, type MessageParams, type Phrase, type PhraseRef } from './render.js';

/** The code a key reports: a variant `CODE+param` reports `CODE`. */
const codeOf = (key: MessageKey): string => key.split('+')[0]!;

/** A problem for `code` at `path`, with both messages from the catalogue. */
export function problem(code: MessageKey, path: string, params: MessageParams = {}): Problem {
  return { path, code: codeOf(code), ...messagePair(code, params, path) };
}

/** An eligibility reason: `{code, message, messageZh}` without a path. */
export function reason<C extends MessageKey>(code: C, path = '', params: MessageParams = {}): { code: C; message: string; messageZh: string } {
  return { code, ...messagePair(code, params, path) };
}

/** A phrase as the `expected` parameter of FIELD_TYPE, SIGNATURE_DIGEST_INVALID. */
export const expected = (key: Phrase): MessageParams => ({ expected: { phrase: key } });
/** A phrase as the `detail` parameter of FIELD_REQUIRED. */
export const detail = (key: Phrase): MessageParams => ({ detail: { phrase: key } });
/** An enumeration as the `expected` parameter of FIELD_TYPE. */
export function oneOf(values: readonly unknown[]): MessageParams {
  const shown = values.map((v) => JSON.stringify(v)).join(', ');
  return { expected: { phrase: values.length === 1 ? 'exactly' : 'oneOf', params: { values: shown } } };
}
/** The phrase of a zod type name, when there is one. */
export function typePhrase(zodType: string): Phrase | undefined {
  const key = `type:${zodType}`;
  return key === 'type:string' || key === 'type:boolean' || key === 'type:number' || key === 'type:array' || key === 'type:object' || key === 'type:null'
    ? key
    : undefined;
}

/** How a pre-approval document is told apart from the others in a requirement's reason. */
export function preApprovalLabel(category: { nameEn: string; name: string } | undefined, categoryId: string | undefined, documentNumber: string | undefined): PhraseRef {
  const unknown = categoryId ?? '?';
  return {
    phrase: 'preApprovalLabel',
    params: { documentNumber: documentNumber ?? '', category: { en: category?.nameEn ?? unknown, 'zh-CN': category?.name ?? unknown } },
  };
}
