import type { Problem } from '../domain/problem.js';
import { problem, type LifecycleReasonCode } from '../messages/index.js';

export { LIFECYCLE_REASON_CODES, type LifecycleReasonCode } from '../messages/index.js';

/**
 * A reason the lifecycle itself gives when it returns a filing (the rule codes of
 * docs/design/rules.md come from the domain), in every locale like every `reasons` entry.
 * `notStarted`: the review could not even be started.
 */
export function lifecycleReason(code: LifecycleReasonCode, params: { notStarted?: boolean } = {}): Problem {
  return problem(code, '', params);
}

/**
 * The Cause of a reviewer's rejection (SendTaskFailure with error `Recordal.Rejected`, sent by
 * the review API): the reasons the filing is returned with.
 */
export interface RejectionReason {
  code: string;
  message: string;
  messageZh?: string;
  path?: string;
}

const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

/** The cause's reasons, or undefined when it does not hold a list of them (checked by hand: no zod in the steps). */
export function rejectionReasonsOf(cause: unknown): RejectionReason[] | undefined {
  const reasons = typeof cause === 'object' && cause !== null ? (cause as { reasons?: unknown }).reasons : undefined;
  if (!Array.isArray(reasons)) return undefined;
  const valid = reasons.every((r: unknown) => {
    if (typeof r !== 'object' || r === null) return false;
    const { code, message, messageZh, path } = r as Record<string, unknown>;
    return typeof code === 'string' && typeof message === 'string' && optionalString(messageZh) && optionalString(path);
  });
  return valid ? (reasons as RejectionReason[]) : undefined;
}
