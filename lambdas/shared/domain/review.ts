import type { ReviewContext } from './context';
import type { Problem } from './problem';
import type { ReviewDecision } from './schemas';

export function checkRecordNumber(_recordNumber: string, _provinceCode: string | undefined, _path = 'recordNumber'): Problem[] {
  return [];
}
export function checkReviewDecision(_decision: ReviewDecision, _ctx: ReviewContext): Problem[] {
  return [];
}
