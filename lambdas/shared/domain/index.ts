/**
 * The filing domain: the schemas of FILING.md / API.md and every rule of RULES.md, as pure
 * functions over a parsed document and an explicit context. Handlers and workflow Lambdas
 * import from here only.
 */
export * from './lifecycle';
export type { Problem } from './problem';
export * from './schemas';
export * from './context';
export { RULE_CODES, type RuleCode, problem, fieldName, attachmentName } from './messages';
export { parseFilingDraft, parseWithProblems, zodIssuesToProblems, type ParseResult } from './draft';
export { checkForSubmit } from './submit';
export { checkAccountResources } from './resources';
export {
  ATTACHMENT_CONSTRAINTS,
  attachmentRequirements,
  checkAttachmentBytes,
  sniffFormat,
  type AttachmentConstraints,
  type Requirement,
} from './attachments';
export { verificationMethodOf } from './verification';
export { checkEligibility, type EligibilityAnswer } from './eligibility';
export { checkRecordNumber, checkReviewDecision } from './review';
export { applyChange, changeNotAllowed } from './change';
export { addWorkingDays, CALENDAR_YEARS, isWorkingDay, shanghaiDate, stageDeadline, type WorkingDayOptions } from './working-days';
export { parseAccountProfile } from './profile';
export { canonicalIp } from './resources';
export { needsAuthorizationLetter, needsConfirmationLetter, isColourImage, type AttachmentFormat } from './attachments';
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
} from './reference-data';
export * as identifiers from './identifiers';
