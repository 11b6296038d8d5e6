/** Every user-facing string, per locale, keyed by code: see codes.ts, en.ts, zh-CN.ts and render.ts. */
export { HTTP_ERROR_CODES, LIFECYCLE_REASON_CODES, MESSAGE_PARAMS, RULE_CODES, type LifecycleReasonCode, type MessageKey, type RuleCode } from './codes.js';
export {
  attachmentName,
  byteText,
  fieldName,
  localized,
  messagePair,
  phrase,
  render,
  type Locale,
  type Localized,
  type MessageParams,
  type Phrase,
  type PhraseRef,
} from './render.js';
export { detail, expected, oneOf, preApprovalLabel, problem, reason, typePhrase } from './problems.js';
