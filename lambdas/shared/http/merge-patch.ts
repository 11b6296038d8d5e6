import * as z from 'zod';
import type { Problem } from '../domain/problem.js';
import { problem } from '../messages/index.js';

/**
 * JSON Merge Patch (RFC 7396, which obsoletes RFC 7386): objects merge member by member,
 * `null` removes a member, anything else replaces. Pure: the target is not modified.
 * Members are defined, never assigned, so a `__proto__` member stays a plain (and then
 * refused as unknown) field instead of changing a prototype.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = {};
  if (isPlainObject(target)) {
    for (const [key, value] of Object.entries(target)) define(result, key, value);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else define(result, key, applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The members a patch removes (`null`) that the document's schema does not define. RFC 7396
 * makes removing an absent member a no-op, but a strict API refuses unknown fields wherever
 * they appear: these are reported as UNKNOWN_FIELD (members with other values are refused by
 * the schema itself when the patched document is parsed). Removing a member the document had is
 * always fine. `merged` is the patched document, which picks the branch of a discriminated
 * union (`type`); `target` the document before the patch.
 */
export function unknownRemovals(patch: unknown, schema: z.ZodType, target: unknown, merged: unknown, path: readonly string[] = []): Problem[] {
  if (!isPlainObject(patch)) return [];
  const shape = shapeOf(schema, merged);
  if (shape === undefined) return [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const at = [...path, key].join('.');
    const child = Object.hasOwn(shape, key) ? shape[key] : undefined;
    const had = isPlainObject(target) && Object.hasOwn(target, key);
    if (child === undefined) {
      if (value === null && !had) problems.push(problem('UNKNOWN_FIELD', at, { patch: true }));
      continue;
    }
    problems.push(...unknownRemovals(value, child, had ? (target as Record<string, unknown>)[key] : undefined, isPlainObject(merged) ? merged[key] : undefined, [...path, key]));
  }
  return problems;
}

/** The members an object schema defines (through optional/nullable wrappers and a discriminated union). */
function shapeOf(schema: z.ZodType, value: unknown): Record<string, z.ZodType> | undefined {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
  if (current instanceof z.ZodObject) return current.shape as Record<string, z.ZodType>;
  if (current instanceof z.ZodDiscriminatedUnion) {
    const options = current.options as z.ZodType[];
    const discriminator = current.def.discriminator;
    const tag = isPlainObject(value) ? value[discriminator] : undefined;
    const chosen = options.find((option) => {
      const literal = option instanceof z.ZodObject ? (option.shape as Record<string, z.ZodType>)[discriminator] : undefined;
      return literal instanceof z.ZodLiteral && literal.values.has(tag as never);
    });
    if (chosen !== undefined) return shapeOf(chosen, value);
    // An unknown type is refused by the schema itself; accept any option's members here.
    return Object.assign({}, ...options.map((option) => shapeOf(option, value) ?? {})) as Record<string, z.ZodType>;
  }
  return undefined;
}
