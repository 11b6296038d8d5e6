import * as z from 'zod/mini';
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
export const rejectionCauseSchema = z.object({
  reasons: z.array(z.object({ code: z.string(), message: z.string(), messageZh: z.optional(z.string()), path: z.optional(z.string()) })),
});
