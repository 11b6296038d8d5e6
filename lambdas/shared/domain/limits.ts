/**
 * The numbers the rules enforce (docs/design/rules.md), written once: the rules test against
 * them and the messages interpolate them, so a message cannot state a range the code does not
 * enforce. (Schema guards in UTF-16 units are `LIMITS` in schemas.ts.)
 */
export const RULE_LIMITS = {
  entityNameMin: 2,
  entityNameMax: 100,
  appNameMin: 1,
  appNameMax: 30,
  certificateNumberMin: 4,
  certificateNumberMax: 50,
  emailMax: 254,
  packageNameMax: 255,
  bundleIdMax: 155,
  /** An identity document must stay valid this many months after submission. */
  idValidityMonths: 3,
  domainLevelMax: 4,
  recordNumberDigitsMin: 6,
  recordNumberDigitsMax: 10,
} as const;

/** How long each callback stage may take (docs/design/lifecycle.md). */
export const STAGE_DEADLINES = {
  verificationDays: 7,
  preliminaryReviewWorkingDays: 1,
  smsVerificationHours: 24,
  caDecisionWorkingDays: 20,
} as const;
