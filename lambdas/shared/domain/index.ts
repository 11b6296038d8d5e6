/**
 * The filing domain: the schemas of docs/design/filing.md / docs/design/api.md and every rule of docs/design/rules.md, as pure
 * functions over a parsed document and an explicit context. Handlers and workflow Lambdas
 * import from here only.
 */
export * from './lifecycle.js';
export type { Problem } from './problem.js';
export * from './schemas.js';
export * from './context.js';
export { RULE_CODES, type RuleCode, problem } from '../messages/index.js';
export { parseFilingDraft, parseWithProblems, zodIssuesToProblems, type ParseResult } from './draft.js';
export { checkForSubmit } from './submit.js';
export { checkAccountResources } from './resources.js';
export { DRIFT_CODES, incompleteCheck, judgeDrift, type DriftVerdict, type IncompleteCause } from './drift.js';
export {
  ATTACHMENT_CONSTRAINTS,
  attachmentRequirements,
  checkAttachmentBytes,
  sniffFormat,
  type AttachmentConstraints,
  type Requirement,
} from './attachments.js';
export { verificationMethodOf } from './verification.js';
export { checkEligibility, type EligibilityAnswer } from './eligibility.js';
export { checkRecordNumber, checkReviewDecision } from './review.js';
export { applyChange, changeNotAllowed } from './change.js';
export { addWorkingDays, CALENDAR_YEARS, isWorkingDay, shanghaiDate, stageDeadline, type WorkingDayOptions } from './working-days.js';
export { parseAccountProfile } from './profile.js';
export { canonicalIp } from './resources.js';
export { needsAuthorizationLetter, needsConfirmationLetter, isColourImage, type AttachmentFormat } from './attachments.js';
export {
  CATEGORIES,
  LANGUAGES,
  PROVINCES,
  REGISTRARS,
  categoryById,
  languageByTag,
  provinceByCode,
  provinceByCharacter,
  type Category,
  type Language,
  type Province,
  type Registrar,
} from './reference-data.js';
export * as identifiers from './identifiers.js';
export { countedUploads, countsByKind, matchUploads, newestUploadFirst, type GrantedUpload } from './counted-uploads.js';
