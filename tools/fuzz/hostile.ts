/**
 * Hostile values for the HTTP fuzzer: strings, keys, ids and JSON shapes that
 * clients send by mistake or on purpose. Each arbitrary is a fast-check generator, so a
 * seed replays the same cases.
 */
import fc from 'fast-check';

/** Strings that break naive parsing, encoding or query building. */
export const TRAP_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u200f\u202e云帆出行\u202c', // RTL mark and override
  '云\u200d帆\u200b出行', // zero-width joiner and space
  '\ud800', // lone high surrogate
  '\udfff云帆', // lone low surrogate
  '😀👨‍👩‍👧‍👦🏳️‍🌈', // emoji with joiners
  'e\u0301\u0301\u0301\u0301', // stacked combining marks
  '\u0000',
  '\u0000\u0001\u001f\u007f',
  '\r\n\r\nX-Injected: 1',
  "' OR '1'='1' --",
  '"; DROP TABLE filings; --',
  '{"$ne": null}',
  '{"$gt": ""}',
  'attribute_exists(pk) OR 1=1',
  'FILING#x',
  'UNIQUE#EMAIL#x',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%ZZ',
  '%',
  '123',
  '-1',
  '1e308',
  'NaN',
  'true',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '６４０１０６１９８５０３１２１２３４', // full-width digits
  '640106198503121234\u200b',
];

/** Invisible format characters (Unicode Cf): zero-width space, soft hyphen, word joiner, joiners, BOM, Mongolian vowel separator. */
export const INVISIBLE_CHARACTERS: readonly string[] = ['\u200b', '\u00ad', '\u2060', '\u200d', '\u200c', '\ufeff', '\u180e'];
/** Bidi controls: overrides, embeddings, isolates, marks. */
export const BIDI_CONTROLS: readonly string[] = ['\u202e', '\u202d', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
/** Whitespace a name may be spelled with: ASCII, ideographic (U+3000), no-break, en space, tab. */
export const SPACE_VARIANTS: readonly string[] = [' ', '\u3000', '\u00a0', '\u2002', '\t'];

const toFullWidth = (value: string): string =>
  value.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const toHalfWidth = (value: string): string =>
  value.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
const swapCase = (value: string): string => [...value].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

/** `value` with one of `characters` inserted at a code-point boundary. */
const inserted = (value: string, characters: readonly string[]): fc.Arbitrary<string> => {
  const points = [...value];
  return fc.tuple(fc.nat(points.length), fc.constantFrom(...characters)).map(([at, c]) => [...points.slice(0, at), c, ...points.slice(at)].join(''));
};

/**
 * Spellings of an existing name or email that a person would read as the same value (docs/design/rules.md
 * "Comparing names, emails and mobiles"): an invisible character or a bidi control slipped in,
 * full-width or half-width forms, other whitespace, other case, ideographic dots in a domain.
 */
export const lookalikeOf = (value: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: inserted(value, INVISIBLE_CHARACTERS) },
    { weight: 3, arbitrary: inserted(value, BIDI_CONTROLS) },
    { weight: 2, arbitrary: inserted(value, SPACE_VARIANTS) },
    { weight: 1, arbitrary: fc.constantFrom(toFullWidth(value), toHalfWidth(value), swapCase(value), value.replace(/ /g, '\u3000')) },
    { weight: 1, arbitrary: fc.constantFrom('。', '．', '｡').map((dot) => (value.includes('@') ? value.replace(/\.(?=[^@]*$)/g, dot) : toFullWidth(value))) },
  );

/** Keys that pollute prototypes or confuse templating when used as object keys. */
export const TRAP_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$where', '', ' ', 'a.b', 'a[0]', '\u0000', '😀'];

export const trapString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...TRAP_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    // Huge, yet under the body limit once in JSON (the limit itself is a case of its own).
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'Ж'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );

/** A JSON value of a wrong kind, never `null` (which a merge patch reads as "remove"). */
export const wrongValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.array(trapString(), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...TRAP_KEYS), trapString(), { maxKeys: 3 }),
  );

/** Any JSON value, hostile strings included. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: trapString() },
    { weight: 1, arbitrary: wrongValue() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

/** Ids for `{id}` / `{taskId}` path segments, already in request-line form (percent-encoded where HTTP needs it). */
export const hostileIdSegment = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('..', '.', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%2F', '%00', '%ZZ', '%', '%F0%9F', '%C0%AF', '%ED%A0%80', 'FILING%23x', "'%20OR%201=1", '%7B%22%24ne%22:null%7D', '*', '~', 'null', 'undefined', '0', '-1', '__proto__', 'constructor') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => Buffer.from(s, 'utf8').toString('hex').replace(/../g, '%$&')) },
    { weight: 1, arbitrary: fc.integer({ min: 300, max: 6_000 }).map((n) => 'a'.repeat(n)) },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
  );

/** A JSON text nested this deep: `[[[…]]]` or `{"a":{"a":…}}`. */
export function deepNesting(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Bodies that are not a JSON object at all, or not even text. */
export const brokenBody = (): fc.Arbitrary<Buffer> =>
  fc.oneof(
    fc.constantFrom(
      Buffer.from('{"a":'),
      Buffer.from('not json'),
      Buffer.from('[]'),
      Buffer.from('null'),
      Buffer.from('"string"'),
      Buffer.from('42'),
      Buffer.from('{"a":1}{"b":2}'),
      Buffer.from('{"a":1,}'),
      Buffer.from("{'a':1}"),
      Buffer.from('{"a":NaN}'),
      // A BOM before an object is JSON a parser may accept (RFC 8259 §8.1): only around a non-object.
      Buffer.from('\ufeff[]'),
      Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), // a UTF-16 BOM
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), // invalid UTF-8 inside a string
      Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]), // an encoded surrogate as a key
      Buffer.from([0x80, 0x81, 0x82]),
      Buffer.from('{"a":"\\ud800"}'), // a lone surrogate escape
    ),
    fc.integer({ min: 1_000, max: 8_000 }).chain((depth) => fc.constantFrom('array', 'object').map((kind) => Buffer.from(deepNesting(depth, kind as 'array' | 'object')))),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  );
