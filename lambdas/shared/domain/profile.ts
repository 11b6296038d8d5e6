/**
 * `PUT /v1/account`: the account profile's shape and formats. Ownership of `verificationIp`
 * is checked through the role by `checkAccountResources`; uniqueness of email and mobile by the store.
 */
import { parseWithProblems, type ParseResult } from './draft.js';
import { invisibleParams } from './field-rules.js';
import { isCleanName, isEmailAddress, isMainlandMobile, isPublicIp, normaliseEmail, normaliseMobile, roleArnAccount } from './identifiers.js';
import { detail, problem } from '../messages/index.js';
import type { Problem } from './problem.js';
import { accountProfileSchema, type AccountProfile } from './schemas.js';
import { RULE_LIMITS } from './limits.js';

/**
 * Shape, then formats: company name, email (stored canonical, docs/design/rules.md), mainland mobile (stored without `+86`), a public
 * verification IP, an `aws-cn` role ARN of the caller's account, and the privacy policy accepted.
 */
export function parseAccountProfile(input: unknown, callerAccountId?: string): ParseResult<AccountProfile> {
  const parsed = parseWithProblems(accountProfileSchema, input);
  if (!parsed.ok) return parsed;
  const profile = { ...parsed.document, mobile: normaliseMobile(parsed.document.mobile), email: normaliseEmail(parsed.document.email) };
  const problems: Problem[] = [];
  if (!isCleanName(profile.companyName, RULE_LIMITS.entityNameMin, RULE_LIMITS.entityNameMax)) problems.push(problem('ENTITY_NAME_INVALID', 'companyName', invisibleParams(profile.companyName)));
  if (!isEmailAddress(profile.email)) problems.push(problem('EMAIL_INVALID', 'email', invisibleParams(profile.email)));
  if (!isMainlandMobile(profile.mobile)) problems.push(problem('MOBILE_INVALID', 'mobile'));
  if (!isPublicIp(profile.verificationIp)) problems.push(problem('IP_INVALID', 'verificationIp'));
  const roleAccount = roleArnAccount(profile.accessRoleArn);
  if (roleAccount === undefined || (callerAccountId !== undefined && roleAccount !== callerAccountId)) {
    problems.push(problem('ACCESS_ROLE_INVALID', 'accessRoleArn', { account: callerAccountId }));
  }
  if (profile.acceptPrivacyPolicy !== true) {
    problems.push(problem('FIELD_REQUIRED', 'acceptPrivacyPolicy', detail('privacyPolicy')));
  }
  return problems.length === 0 ? { ok: true, document: profile } : { ok: false, problems };
}
