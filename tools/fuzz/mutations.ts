/**
 * How the fuzzer spoils a valid example body: a planted defect (a leaf of the wrong type, an
 * unknown or prototype-polluting key) that must make the request fail, and noise (hostile
 * strings in text fields) that must not crash anything.
 */
import fc from 'fast-check';
import { TRAP_KEYS, anyJson, lookalikeOf, trapString, wrongValue } from './hostile.js';

export type Json = Record<string, unknown>;

type PathStep = string | number;

function leaves(value: unknown, at: PathStep[] = []): { path: PathStep[]; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...at, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, [...at, key]));
  return [{ path: at, value }];
}

function objects(value: unknown, at: PathStep[] = []): PathStep[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objects(item, [...at, index]));
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([key, item]) => objects(item, [...at, key]))];
  return [];
}

function setAt(root: unknown, path: PathStep[], value: unknown): void {
  let node = root as Record<PathStep, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<PathStep, unknown>;
  // defineProperty: `__proto__` becomes an own key that JSON.stringify sends, as a hostile client would.
  Object.defineProperty(node, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}

const sameKind = (a: unknown, b: unknown): boolean =>
  (Array.isArray(a) && Array.isArray(b)) || (typeof a === typeof b && (a === null) === (b === null) && !Array.isArray(a) && !Array.isArray(b));

/** A wrong-typed value at a leaf, an unknown key in an object: the defect every write body carries. */
export const defect = (base: Json): fc.Arbitrary<(doc: Json) => string> => {
  const leafList = leaves(base).filter((leaf) => leaf.path.length > 0);
  const objectList = objects(base);
  const wrongType =
    leafList.length === 0
      ? undefined
      : fc.tuple(fc.constantFrom(...leafList), wrongValue()).filter(([leaf, value]) => !sameKind(leaf.value, value)).map(([leaf, value]) => (doc: Json) => {
          setAt(doc, leaf.path, value);
          return `wrong type at ${leaf.path.join('.')}`;
        });
  const unknownKey = fc
    .tuple(fc.constantFrom(...objectList), fc.oneof(fc.constantFrom(...TRAP_KEYS), fc.string({ minLength: 1, maxLength: 12 }).map((k) => `x${k}`)), anyJson())
    .map(([at, key, value]) => (doc: Json) => {
      let node: unknown = doc;
      for (const step of at) node = (node as Record<PathStep, unknown>)[step];
      if (Object.prototype.hasOwnProperty.call(node, key)) return 'no unknown key';
      setAt(doc, [...at, key], value);
      return `unknown key ${JSON.stringify(key)} at ${at.join('.') || '(root)'}`;
    })
    // A key the object already has is not unknown: keep the wrong type then.
    .filter((plant) => plant(structuredClone(base)) !== 'no unknown key');
  return wrongType === undefined ? unknownKey : fc.oneof(wrongType, unknownKey);
};

/** Hostile values in string leaves besides the defect (they may or may not be refused on their own). */
export const noise = (base: Json): fc.Arbitrary<(doc: Json) => void> => {
  const strings = leaves(base).filter((leaf) => typeof leaf.value === 'string');
  if (strings.length === 0) return fc.constant(() => undefined);
  // A trap string, or a look-alike of the value there (the existing name or email with an invisible character, a bidi control, other widths or spaces).
  const edit = fc.constantFrom(...strings).chain((leaf) => fc.tuple(fc.constant(leaf), fc.oneof(trapString(), lookalikeOf(String(leaf.value)))));
  return fc.array(edit, { maxLength: 3 }).map((edits) => (doc: Json) => {
    for (const [leaf, value] of edits) setAt(doc, leaf.path, value);
  });
};
