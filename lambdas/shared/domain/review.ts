/**
 * Reviewer decisions (docs/design/api.md `POST /v1/review/tasks/{taskId}/decision`) and record numbers
 * (docs/design/rules.md "Record numbers").
 */
import type { ReviewContext } from './context.js';
import { detail, problem } from '../messages/index.js';
import type { Problem } from './problem.js';
import { provinceByCharacter, provinceByCode } from './reference-data.js';
import { RULE_LIMITS } from './limits.js';
import type { ReviewDecision } from './schemas.js';

/** `<province>ICP备<6–10 digits>号-<n><suffix>`: A an APP, X a mini program, K a quick app, none a website. */
const RECORD_NUMBER = new RegExp(
  `^(\\p{Script=Han})ICP备(\\d{${RULE_LIMITS.recordNumberDigitsMin},${RULE_LIMITS.recordNumberDigitsMax}})号-([1-9]\\d{0,3})([AXK]?)$`,
  'u',
);

/**
 * An APP record number (suffix `A`) whose province character (current or older form, e.g.
 * 川 or 蜀) is the entity's province.
 */
export function checkRecordNumber(recordNumber: string | undefined, provinceCode: string | undefined, path = 'recordNumber'): Problem[] {
  const match = recordNumber === undefined ? null : RECORD_NUMBER.exec(recordNumber);
  const province = match ? provinceByCharacter(match[1]!) : undefined;
  if (!match || match[4] !== 'A' || !province) return [problem('RECORD_NUMBER_INVALID', path)];
  const expected = provinceCode === undefined ? undefined : provinceByCode(provinceCode);
  if (expected && expected.code !== province.code) {
    return [problem('RECORD_NUMBER_PROVINCE_MISMATCH', path, { expected: expected.character })];
  }
  return [];
}

/**
 * A decision is acceptable for its task: a REJECT names its reasons; the CA's approval of a
 * NEW filing carries a valid record number (a change or cancellation keeps the target's);
 * a MANUAL filing's preliminary approval confirms the paper materials were received.
 */
export function checkReviewDecision(decision: ReviewDecision, ctx: ReviewContext): Problem[] {
  const problems: Problem[] = [];
  if (decision.decision === 'REJECT') {
    if (!decision.reasons || decision.reasons.length === 0) {
      problems.push(problem('FIELD_REQUIRED', 'reasons', detail('rejectReasons')));
    }
    return problems;
  }
  if (ctx.stage === 'CA_DECISION' && ctx.type === 'NEW') {
    problems.push(...checkRecordNumber(decision.recordNumber, ctx.provinceCode));
  }
  if (ctx.stage === 'PRELIMINARY_REVIEW' && ctx.verificationMethod === 'MANUAL' && decision.paperMaterialsReceived !== true) {
    problems.push(problem('FIELD_REQUIRED', 'paperMaterialsReceived', detail('paperMaterials')));
  }
  return problems;
}
