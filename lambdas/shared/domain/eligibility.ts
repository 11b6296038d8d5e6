import type { RuleCode } from './messages';
import type { EligibilityQuestion } from './schemas';

export interface EligibilityAnswer {
  needed: boolean;
  supported: boolean;
  reasons: { code: RuleCode; message: string; messageZh: string }[];
}
export function checkEligibility(_q: EligibilityQuestion): EligibilityAnswer {
  return { needed: true, supported: true, reasons: [] };
}
