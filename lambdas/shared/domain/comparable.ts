/**
 * How people-facing strings are compared (docs/design/rules.md "Comparing names, emails and
 * mobiles"): ONE way per kind of value, used by every rule and every uniqueness claim, so that
 * a name that looks the same to a person is the same to the platform.
 */
import { domainToASCII } from 'node:url';

/**
 * Unicode category Cf (format characters): zero-width space, joiners and non-joiner, soft
 * hyphen, word joiner, bidi embeddings, overrides and isolates, BOM, invisible operators …
 * Invisible, or changing how neighbours display; refused in names and emails.
 */
const FORMAT_CHARACTER = /\p{Cf}/gu;

/** The format (Cf) characters in `value`, as `U+202E` …, each once, in order of appearance. */
export function invisibleCharacters(value: string): string[] {
  const found = value.match(FORMAT_CHARACTER) ?? [];
  return [...new Set(found.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`))];
}

export const hasInvisibleCharacter = (value: string): boolean => invisibleCharacters(value).length > 0;

/**
 * Full case folding as far as JavaScript offers it: upper then lower case maps `ß` to `ss`
 * and final sigma to sigma, which lower case alone does not.
 */
const caseFold = (value: string): string => value.toUpperCase().toLowerCase();

/**
 * The comparison form of a name (APP name, entity name, domain registrant, certificate
 * number): NFKC (full-width `（Ａ）` is `(A)`), case folded, every whitespace character
 * (ASCII, U+3000 ideographic space, no-break spaces …) and every format character removed.
 */
export function comparableName(value: string): string {
  const folded = caseFold(value.normalize('NFKC')).normalize('NFKC');
  return folded.replace(/\s+/gu, '').replace(FORMAT_CHARACTER, '');
}

export const sameName = (a: string, b: string): boolean => comparableName(a) === comparableName(b);

/**
 * An email address in its canonical form: the local part NFKC and lower case (the platform's
 * choice: providers treat it case-insensitively), the domain in its IDNA (UTS #46) ASCII form
 * through the WHATWG URL parser, so `。`, `．` and `｡` are dots and case does not count.
 * Undefined when the domain cannot be mapped (then the address is not valid either).
 */
export function canonicalEmail(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  if (at < 1) return undefined;
  const domain = domainToASCII(value.slice(at + 1));
  if (domain === '') return undefined;
  return `${value.slice(0, at).normalize('NFKC').toLowerCase()}@${domain}`;
}

/** The comparison form of an email address (its canonical form, or folded when it has none). */
export const comparableEmail = (value: string): string => canonicalEmail(value) ?? caseFold(value.normalize('NFKC'));
