/**
 * Masks personal data (e-mail addresses, mainland mobiles, resident ID numbers) in text that
 * is about to be logged, keeping enough to recognise a value: `w***@example.cn`,
 * `139****0001`, `110105********002X`.
 */
export function maskPii(text: string): string {
  return text
    .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)/g, '$1***@$2')
    .replace(/\b(\d{6})\d{8}(\d{3}[\dXx])\b/g, '$1********$2')
    .replace(/(?<!\d)(?:\+?86)?(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
}
