/**
 * What every answer to a hostile request must be (docs/design/api.md "Errors"): never a 5xx; a non-2xx
 * carries exactly `{error: {code, message, messageZh, requestId, details}}` with the code of
 * its status and nothing internal; a write route never answers 2xx to a defective request.
 */
import { HTTP_ERRORS } from '../../lambdas/shared/http/errors.js';
import type { FuzzCase } from './cases.js';

/** What came back for one case. */
export interface FuzzAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
  latencyMs: number;
}

/** Stack frames, file paths and runtime error names that must never reach a client. */
const INTERNALS = [/\bat [^\s]+ \(/, /\.(ts|js):\d+/, /node_modules/, /TypeError|ReferenceError|SyntaxError: Unexpected|ValidationException|ConditionalCheckFailed|TransactionCanceled/];

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The problems of one answer (empty: the answer is what the contract promises). */
export function judge(fuzz: FuzzCase, answer: FuzzAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`answered ${answer.status}`);
  if (fuzz.write && answer.status >= 200 && answer.status < 300) problems.push(`a defective write was accepted (${answer.status})`);
  if (answer.status < 400 || fuzz.method === 'HEAD') return problems;

  for (const pattern of INTERNALS) if (pattern.test(answer.text)) problems.push(`the body shows internals (${pattern})`);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    problems.push(`the body is not JSON: ${answer.text.slice(0, 120)}`);
    return problems;
  }
  const contentType = String(answer.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/json')) problems.push(`content-type ${contentType}`);
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).join() !== 'error') {
    problems.push('the body is not exactly {error}');
    return problems;
  }
  const error = (body as { error: Record<string, unknown> }).error;
  const expected = HTTP_ERRORS[answer.status as keyof typeof HTTP_ERRORS];
  if (expected === undefined) problems.push(`status ${answer.status} is not in the error table`);
  else if (error.code !== expected.code) problems.push(`code ${String(error.code)} for status ${answer.status}`);
  for (const field of ['message', 'messageZh', 'requestId'] as const) if (!isText(error[field])) problems.push(`error.${field} missing`);
  const unexpected = Object.keys(error).filter((key) => !['code', 'message', 'messageZh', 'requestId', 'details'].includes(key));
  if (unexpected.length > 0) problems.push(`error has ${unexpected.join(', ')}`);
  if (!Array.isArray(error.details)) problems.push('error.details is not a list');
  else
    for (const detail of error.details as unknown[]) {
      const d = detail as Record<string, unknown> | null;
      if (d === null || typeof d !== 'object' || typeof d.path !== 'string' || !isText(d.code) || !isText(d.message) || !isText(d.messageZh)) {
        problems.push(`a detail is not {path, code, message, messageZh}: ${JSON.stringify(detail).slice(0, 200)}`);
        break;
      }
    }
  return problems;
}
