import * as z from 'zod';
import type { Problem } from '../domain/problem.js';

/**
 * Reasons the lifecycle itself gives when it returns a filing (the rule codes of docs/design/rules.md
 * come from the domain): each in English and Chinese, like every `reasons` entry.
 */
export const LIFECYCLE_REASON_CODES = ['VERIFICATION_EXPIRED', 'SMS_VERIFICATION_EXPIRED', 'REVIEW_EXPIRED', 'SYSTEM_ERROR'] as const;
export type LifecycleReasonCode = (typeof LIFECYCLE_REASON_CODES)[number];

const TEXT: Record<LifecycleReasonCode, [string, string]> = {
  VERIFICATION_EXPIRED: [
    'The electronic verification was not completed within 7 days; complete it and submit again.',
    '未在7天内完成电子核验，请完成核验后重新提交。',
  ],
  SMS_VERIFICATION_EXPIRED: [
    'The SMS verification was not completed within 24 hours; submit again and answer the SMS in time.',
    '未在24小时内完成短信核验，请重新提交并及时完成短信核验。',
  ],
  REVIEW_EXPIRED: [
    'No decision was recorded long after the review deadline; the application was returned so that it can be submitted again.',
    '审核超期仍未有结果，申请已退回，可重新提交。',
  ],
  SYSTEM_ERROR: [
    'The platform could not process the application; operators were alerted. Submit again, or contact support if it recurs.',
    '系统处理申请时出错，已通知运维人员。请重新提交，如反复出现请联系客服。',
  ],
};

export function lifecycleReason(code: LifecycleReasonCode): Problem {
  const [message, messageZh] = TEXT[code];
  return { path: '', code, message, messageZh };
}

/**
 * The Cause of a reviewer's rejection (SendTaskFailure with error `Recordal.Rejected`, sent by
 * the review API): the reasons the filing is returned with.
 */
export const rejectionCauseSchema = z.object({
  reasons: z.array(z.object({ code: z.string(), message: z.string(), messageZh: z.string().optional(), path: z.string().optional() })),
});
