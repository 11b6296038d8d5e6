/**
 * Masks personal data in text that is about to be logged (docs/security.md "What the logs
 * never show"), keeping enough to recognise a value:
 * - e-mail addresses (also with `%40` for `@`): `w***@example.cn`;
 * - resident ID numbers (GB 11643): `110105********002X`;
 * - unified social credit codes (GB 32100): `9164**********025L`;
 * - mainland mobiles, with or without `+86`: `139****0001`.
 */
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*?(@|%40)([\p{L}\p{N}.。．｡-]+)/giu;
const RESIDENT_ID = /(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g;
const USCC = /(?<![\dA-Z])([0-9A-HJ-NPQRTUWXY]{2}\d{2})[0-9A-HJ-NPQRTUWXY]{10}([0-9A-HJ-NPQRTUWXY]{4})(?![\dA-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskPii(text: string): string {
  return text
    .replace(EMAIL, '$1***$2$3')
    .replace(RESIDENT_ID, '$1********$2')
    .replace(USCC, (whole: string, head: string, tail: string) => (/\d{6}/.test(whole.slice(2, 8)) ? `${head}**********${tail}` : whole))
    .replace(MOBILE, '$1****$2');
}
