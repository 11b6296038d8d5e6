/**
 * Parsing at `POST /v1/filings` and `PATCH` (docs/design/api.md "When each rule is checked"): the shape
 * of the document and the format of every field present. A draft may be incomplete.
 */
import type { z } from 'zod';
import { expected, oneOf, problem, typePhrase } from '../messages/index.js';
import type { Problem } from './problem.js';
import { accessSchema, filingDocumentSchema, type FilingDocument } from './schemas.js';
import { fieldProblems, normaliseDocument } from './field-rules.js';

export type ParseResult<T> = { ok: true; document: T } | { ok: false; problems: Problem[] };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');


/** zod issues as docs/design/rules.md shape problems: one per unknown key, each with its dotted path. */
export function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = dotted(issue.path);
    const missing = valueAt(input, issue.path) === undefined;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) problems.push(problem('UNKNOWN_FIELD', dotted([...issue.path, key])));
        break;
      case 'invalid_type': {
        if (missing && issue.path.length > 0) {
          problems.push(problem('FIELD_REQUIRED', path));
          break;
        }
        const known = typePhrase(issue.expected);
        problems.push(problem('FIELD_TYPE', path, known ? expected(known) : { expected: issue.expected }));
        break;
      }
      case 'invalid_value': {
        problems.push(problem(missing ? 'FIELD_REQUIRED' : 'FIELD_TYPE', path, oneOf(issue.values)));
        break;
      }
      case 'invalid_union': {
        const options = 'options' in issue && Array.isArray(issue.options) ? (issue.options as unknown[]) : [];
        problems.push(problem(missing ? 'FIELD_REQUIRED' : 'FIELD_TYPE', path, options.length > 0 ? oneOf(options) : expected('documentedShape')));
        break;
      }
      case 'too_big':
        problems.push(
          problem('FIELD_TOO_LONG', path, { max: Number(issue.maximum), items: issue.origin === 'array' }),
        );
        break;
      default:
        problems.push(problem('FIELD_TYPE', path, expected('documentedShape')));
    }
  }
  return problems;
}

/** Parse any of the API's request bodies with a schema of this module, answering docs/design/rules.md problems. */
export function parseWithProblems<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, document: result.data };
  return { ok: false, problems: zodIssuesToProblems(result.error.issues, input) };
}

/** Sections of a NEW filing that a CHANGE_IP application may not carry (it changes `access.ips` only). */
const NOT_IP_FIELDS: Record<string, readonly string[]> = {
  '': ['entity', 'entityPrincipal', 'app'],
  access: Object.keys(accessSchema.shape).filter((k) => k !== 'ips'),
};

/** UNKNOWN_FIELD of a CHANGE_IP that is a filing field elsewhere is CHANGE_NOT_ALLOWED: it says why. */
function changeIpProblems(problems: Problem[]): Problem[] {
  return problems.map((p) => {
    if (p.code !== 'UNKNOWN_FIELD') return p;
    const cut = p.path.lastIndexOf('.');
    const [parent, key] = cut < 0 ? ['', p.path] : [p.path.slice(0, cut), p.path.slice(cut + 1)];
    return NOT_IP_FIELDS[parent]?.includes(key) ? problem('CHANGE_NOT_ALLOWED', p.path, { ipOnly: true }) : p;
  });
}

/** Delete what each issue points at, so that the rest of the document can still be checked. */
function pruned(input: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy: unknown = structuredClone(input);
  for (const issue of issues) {
    const paths =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) {
      // An element of an array cannot be deleted without moving its neighbours' paths: drop the array.
      const cut = path.findIndex((k) => typeof k === 'number');
      const target = cut >= 0 ? path.slice(0, cut) : path;
      if (target.length === 0) continue;
      const parent = valueAt(copy, target.slice(0, -1));
      if (parent !== null && typeof parent === 'object') delete (parent as Record<PropertyKey, unknown>)[target.at(-1)!];
    }
  }
  return copy;
}

/**
 * Shape and format of every field present, normalised (mobile `+86` stripped, `x` upper,
 * IDN domains in punycode, digests lower-case without colons). Every problem is reported:
 * fields of the wrong shape are set aside so the format of the others is still checked.
 * `today` (YYYY-MM-DD, Asia/Shanghai), when given, also refuses birth dates in the future.
 */
export function parseFilingDraft(input: unknown, options: { today?: string } = {}): ParseResult<FilingDocument> {
  const first = filingDocumentSchema.safeParse(input);
  if (first.success) {
    const document = normaliseDocument(first.data);
    const problems = fieldProblems(document, options);
    return problems.length === 0 ? { ok: true, document } : { ok: false, problems };
  }
  const shapeProblems = zodIssuesToProblems(first.error.issues, input);
  const isChangeIp = valueAt(input, ['type']) === 'CHANGE_IP';
  const problems = isChangeIp ? changeIpProblems(shapeProblems) : shapeProblems;
  // Without a valid `type` (or an object at all) there is no shape to check the fields against.
  const rootBroken = first.error.issues.some((i) => i.path.length === 0 && i.code !== 'unrecognized_keys')
    || first.error.issues.some((i) => i.code === 'invalid_union' && dotted(i.path) === 'type');
  if (!rootBroken) {
    const second = filingDocumentSchema.safeParse(pruned(input, first.error.issues));
    if (second.success) problems.push(...fieldProblems(normaliseDocument(second.data), options));
  }
  return { ok: false, problems };
}
