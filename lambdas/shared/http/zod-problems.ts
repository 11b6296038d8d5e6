import type { z } from 'zod';
import type { Problem } from '../domain/problem';
import { validationFailed } from './errors';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.hasOwn(current, key) ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return current;
}

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * zod issues as RULES.md shape problems (FIELD_REQUIRED, UNKNOWN_FIELD, FIELD_TYPE,
 * FIELD_TOO_LONG), one per field, for the small request bodies the HTTP layer owns (the
 * filing document's own problems come from the domain).
 */
export function problemsOf(error: z.ZodError, input: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = dotted([...issue.path, key]);
        problems.push({ path, code: 'UNKNOWN_FIELD', message: `${path} is not a field of this request; remove it.`, messageZh: `${path} 不是此请求的字段，请删除。` });
      }
      continue;
    }
    const path = dotted(issue.path);
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      problems.push({ path, code: 'FIELD_REQUIRED', message: `${path} is required.`, messageZh: `${path} 为必填项。` });
    } else if (issue.code === 'too_big' && issue.origin === 'string') {
      problems.push({ path, code: 'FIELD_TOO_LONG', message: `${path} is longer than ${String(issue.maximum)} characters.`, messageZh: `${path} 超过 ${String(issue.maximum)} 个字符。` });
    } else {
      problems.push({ path, code: 'FIELD_TYPE', message: `${path}: ${issue.message}`, messageZh: `${path} 的类型或取值不正确。` });
    }
  }
  return problems;
}

/** Parse with a strict schema, or 422 listing every problem. */
export function parseOr422<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationFailed(problemsOf(parsed.error, input));
  return parsed.data;
}
