/**
 * Every message the platform shows a person, by key, with the parameters its text may use.
 * The text itself is per-locale data (`en.ts`, `zh-CN.ts`); `render.ts` fills it in. A key may
 * have variants `KEY+param`, used when that parameter is given (see render.ts).
 *
 * Every template may also use `{field}` (the field's name in the locale), `{path}` and the
 * constants of render.ts (`{appNameMax}`, `{maxBody}`, ...).
 */

/** Every rule code of docs/design/rules.md, plus the codes the eligibility answer uses. */
export const RULE_CODES = [
  'FIELD_REQUIRED',
  'UNKNOWN_FIELD',
  'FIELD_TYPE',
  'FIELD_TOO_LONG',
  'ENTITY_KIND_UNSUPPORTED',
  'PROVINCE_INVALID',
  'PROVINCE_UNSUPPORTED',
  'USCC_INVALID',
  'USCC_PROVINCE_MISMATCH',
  'CERTIFICATE_NUMBER_INVALID',
  'ENTITY_NAME_INVALID',
  'ID_CARD_INVALID',
  'ID_VALIDITY_INVALID',
  'ID_EXPIRING',
  'MOBILE_INVALID',
  'EMERGENCY_MOBILE_SAME',
  'PRINCIPAL_CONTACT_SHARED',
  'EMAIL_INVALID',
  'AUTHORIZATION_LETTER_REQUIRED',
  'APP_NAME_INVALID',
  'APP_NAME_TAKEN',
  'PLATFORM_REQUIRED',
  'PACKAGE_NAME_INVALID',
  'BUNDLE_ID_INVALID',
  'PUBLIC_KEY_INVALID',
  'SIGNATURE_DIGEST_INVALID',
  'CATEGORY_INVALID',
  'LANGUAGE_INVALID',
  'PRE_APPROVAL_REQUIRED',
  'DOMAIN_REQUIRED',
  'DOMAIN_INVALID',
  'DOMAIN_LEVEL_EXCEEDED',
  'DOMAIN_TLD_NOT_APPROVED',
  'DOMAIN_REGISTRAR_NOT_APPROVED',
  'DOMAIN_EXPIRED',
  'DOMAIN_NOT_REAL_NAME',
  'DOMAIN_HOLDER_MISMATCH',
  'ACCOUNT_MISMATCH',
  'IP_INVALID',
  'IP_NOT_OWNED',
  'ELB_IP_SET_INCOMPLETE',
  'ACCESS_ROLE_INVALID',
  'SECURITY_GROUP_INVALID',
  // the drift check (docs/design/api.md "Drift check"): the account could not be looked into
  'DRIFT_CHECK_INCOMPLETE',
  'SECURITY_GROUP_NOT_MANAGED',
  'TARGET_REQUIRED',
  'CHANGE_NOT_ALLOWED',
  'ENTITY_BUSY',
  'ATTACHMENT_MISSING',
  'ATTACHMENT_TYPE',
  'ATTACHMENT_SIZE',
  'ATTACHMENT_RESOLUTION',
  'ATTACHMENT_NOT_COLOUR',
  'RECORD_NUMBER_INVALID',
  'RECORD_NUMBER_PROVINCE_MISMATCH',
  // eligibility reasons (POST /v1/eligibility)
  'APP_OFFLINE',
  'MINI_PROGRAM_OWN_PLATFORM',
  'QUICK_APP_OWN_PLATFORM',
  'RECORDAL_NEEDED',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** Reasons the lifecycle itself gives when it returns a filing (docs/design/lifecycle.md). */
export const LIFECYCLE_REASON_CODES = ['VERIFICATION_EXPIRED', 'SMS_VERIFICATION_EXPIRED', 'REVIEW_EXPIRED', 'SYSTEM_ERROR', 'REJECTED'] as const;
export type LifecycleReasonCode = (typeof LIFECYCLE_REASON_CODES)[number];

/** `error.code` by HTTP status (docs/design/api.md "Errors"); the default sentence is the code's message. */
export const HTTP_ERROR_CODES = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  428: 'PRECONDITION_REQUIRED',
  429: 'THROTTLED',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
} as const;

/** The parameters of each key beyond `{field}`, `{path}` and the constants. */
export const MESSAGE_PARAMS = {
  ...(Object.fromEntries(RULE_CODES.map((code) => [code, [] as readonly string[]])) as Record<RuleCode, readonly string[]>),
  FIELD_TOO_LONG: ['max'],
  // The invisible (Cf) characters a refused name or email carries, e.g. `U+202E` (domain/comparable.ts).
  ENTITY_NAME_INVALID: ['invisible'],
  EMAIL_INVALID: ['invisible'],
  APP_NAME_INVALID: ['invisible'],
  USCC_PROVINCE_MISMATCH: ['found', 'expected'],
  ID_EXPIRING: ['until'],
  SIGNATURE_DIGEST_INVALID: ['expected'],
  PRE_APPROVAL_REQUIRED: ['category'],
  DOMAIN_TLD_NOT_APPROVED: ['tld'],
  DOMAIN_EXPIRED: ['today'],
  ELB_IP_SET_INCOMPLETE: ['loadBalancer', 'missing'],
  ATTACHMENT_MISSING: ['kind', 'attachment', 'reason'],
  ATTACHMENT_TYPE: ['kind', 'attachment', 'accepted'],
  ATTACHMENT_SIZE: ['kind', 'attachment', 'max', 'actual'],
  ATTACHMENT_RESOLUTION: ['kind', 'attachment', 'minWidth', 'minHeight', 'actual'],
  ATTACHMENT_NOT_COLOUR: ['kind', 'attachment'],
  RECORD_NUMBER_PROVINCE_MISMATCH: ['expected'],

  // problems of the HTTP layer (docs/design/api.md)
  JSON_SYNTAX: ['reason'],
  JSON_NOT_OBJECT: [],
  JSON_TOO_DEEP: [],
  BODY_REQUIRED: [],
  UNKNOWN_PARAMETER: ['name', 'accepted'],
  REPEATED_PARAMETER: ['name'],
  PARAMETER_INVALID: ['name', 'accepted'],
  WRONG_STATUS: ['status'],
  EMAIL_TAKEN: [],
  MOBILE_TAKEN: [],
  TAKEN: [],
  TASK_ALREADY_DECIDED: [],
  CURSOR_INVALID: [],
  IDEMPOTENCY_KEY_INVALID: [],
  IDEMPOTENCY_KEY_REUSED: [],
  IDEMPOTENCY_IN_PROGRESS: [],
  CONCURRENT_UPDATE: [],
  CONTENT_TYPE_NOT_ACCEPTED: ['kind', 'accepted', 'contentType'],

  ...(Object.fromEntries(LIFECYCLE_REASON_CODES.map((code) => [code, [] as readonly string[]])) as Record<LifecycleReasonCode, readonly string[]>),

  // the sentence of an error answer (`error.message`)
  ...(Object.fromEntries(Object.values(HTTP_ERROR_CODES).map((code) => [code, [] as readonly string[]])) as Record<
    (typeof HTTP_ERROR_CODES)[keyof typeof HTTP_ERROR_CODES],
    readonly string[]
  >),
  BODY_NOT_UTF8: [],
  BODY_NOT_JSON: ['reason'],
  BODY_NOT_OBJECT: [],
  BODY_TOO_DEEP: [],
  BODY_MISSING: [],
  MEDIA_TYPE_WRONG: ['mediaType'],
  QUERY_MALFORMED: [],
  QUERY_PARAMETER_MALFORMED: [],
  IF_MATCH_MALFORMED: [],
  REVIEWERS_ONLY: [],
  REVIEWER_READ_ONLY: [],
  ACCOUNT_NOT_REGISTERED: [],
  FILING_NOT_EDITABLE: ['status'],
  FILING_NOT_UPLOADABLE: ['status'],
  STATUS_NOT_ALLOWED: ['status', 'allowed'],
  TASK_CLOSED: [],
  IDEMPOTENCY_KEY_MALFORMED: [],
  IDEMPOTENCY_KEY_CONFLICT: [],
  IDEMPOTENCY_KEY_BUSY: [],
  CONCURRENT_REQUEST: [],
  TASK_DECIDED: [],
  CURSOR_REJECTED: [],
} as const satisfies Record<string, readonly string[]>;

export type MessageKey = keyof typeof MESSAGE_PARAMS;
