/**
 * `POST /v1/filings/{id}/submit` (docs/design/api.md "When each rule is checked"): completeness and every
 * rule that needs no call into the customer's account, attachments present included.
 */
import { effectiveAccessRole } from './access-role.js';
import { attachmentRequirements } from './attachments.js';
import { applyChange, changeNotAllowed } from './change.js';
import type { SubmitContext } from './context.js';
import { fieldProblems, present, sectionsOf, type Sections } from './field-rules.js';
import { comparableEmail, sameName } from './comparable.js';
import { addMonths, isRealDate, roleArnAccount } from './identifiers.js';
import { IN_WORKFLOW_STATUSES, type FilingStatus } from './lifecycle.js';
import { detail, problem } from '../messages/index.js';
import type { Problem } from './problem.js';
import { categoryById } from './reference-data.js';
import { RULE_LIMITS } from './limits.js';
import { LONG_TERM, type App, type FilingDocument, type Principal } from './schemas.js';
import { verificationMethodOf } from './verification.js';

// ---------------------------------------------------------------- completeness

const ENTITY_FIELDS = ['name', 'kind', 'certificateType', 'certificateNumber', 'province', 'certificateAddress', 'mailingAddress'] as const;
const PRINCIPAL_FIELDS = ['name', 'idType', 'idNumber', 'idValidFrom', 'idValidTo', 'mobile', 'emergencyMobile', 'email'] as const;

const missing = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function requireFields(object: object | undefined, prefix: string, fields: readonly string[], out: Problem[]): void {
  for (const field of fields) {
    if (missing((object as Record<string, unknown> | undefined)?.[field])) out.push(problem('FIELD_REQUIRED', `${prefix}.${field}`));
  }
}

/** The fields of `app` that a NEW filing needs, and those of each entry present (any type). */
function appCompleteness(app: App | undefined, whole: boolean, out: Problem[]): void {
  if (whole) {
    requireFields(app, 'app', ['name', 'serviceType', 'categories', 'languages'], out);
    if (missing(app?.platforms)) out.push(problem('PLATFORM_REQUIRED', 'app.platforms'));
    if (missing(app?.domains)) out.push(problem('DOMAIN_REQUIRED', 'app.domains'));
    requireFields(app?.principal, 'app.principal', PRINCIPAL_FIELDS, out);
  } else if (app) {
    // A change carries only what it changes, but what it carries must be whole.
    if (app.platforms?.length === 0) out.push(problem('PLATFORM_REQUIRED', 'app.platforms'));
    if (app.domains?.length === 0) out.push(problem('DOMAIN_REQUIRED', 'app.domains'));
    for (const field of ['name', 'categories', 'languages'] as const) {
      if (field in app && missing(app[field])) out.push(problem('FIELD_REQUIRED', `app.${field}`));
    }
    if (app.principal) requireFields(app.principal, 'app.principal', PRINCIPAL_FIELDS, out);
  }
  app?.platforms?.forEach((p, i) => {
    const path = `app.platforms.${i}`;
    requireFields(p, path, ['os', 'publicKey', 'signatureMd5'], out);
    if (p.os === 'IOS') requireFields(p, path, ['bundleId'], out);
    else if (p.os !== undefined) requireFields(p, path, ['packageName'], out);
  });
  app?.domains?.forEach((d, i) => requireFields(d, `app.domains.${i}`, ['name', 'registrant', 'registrar', 'expiresOn', 'realNameVerified'], out));
  app?.preApprovals?.forEach((p, i) => requireFields(p, `app.preApprovals.${i}`, ['category', 'documentNumber', 'issuer', 'validTo'], out));
  app?.sdks?.forEach((s, i) => requireFields(s, `app.sdks.${i}`, ['name', 'provider', 'purpose'], out));
}

function completeness(document: FilingDocument, ctx: SubmitContext): Problem[] {
  const out: Problem[] = [];
  switch (document.type) {
    case 'NEW':
      requireFields(document.entity, 'entity', ENTITY_FIELDS, out);
      requireFields(document.entityPrincipal, 'entityPrincipal', PRINCIPAL_FIELDS, out);
      appCompleteness(document.app, true, out);
      requireFields(document.access, 'access', ['awsAccountId', 'ips', 'securityGroupIds'], out);
      // The account profile's role serves every filing that names none (docs/design/api.md PUT /v1/account).
      if (effectiveAccessRole(document.access, ctx.account) === undefined) {
        out.push(problem('FIELD_REQUIRED', 'access.accessRoleArn'));
      }
      break;
    case 'CHANGE_ENTITY':
      requireFields(document.entity, 'entity', ENTITY_FIELDS, out);
      requireFields(document.entityPrincipal, 'entityPrincipal', PRINCIPAL_FIELDS, out);
      break;
    case 'CHANGE_INFO':
      if (!document.entityPrincipal && !document.app) {
        out.push(problem('FIELD_REQUIRED', 'entityPrincipal', detail('changeInfoEmpty')));
      }
      if (document.entityPrincipal) requireFields(document.entityPrincipal, 'entityPrincipal', PRINCIPAL_FIELDS, out);
      appCompleteness(document.app, false, out);
      break;
    case 'CHANGE_IP':
      requireFields(document.access, 'access', ['ips'], out);
      break;
    default:
      break;
  }
  return out;
}

// ---------------------------------------------------------------- rules over the resulting filing

function validityProblems(principal: Principal, prefix: string, today: string, out: Problem[]): void {
  const from = principal.idValidFrom;
  const to = principal.idValidTo;
  if (present(from) && isRealDate(from) && from > today) out.push(problem('ID_VALIDITY_INVALID', `${prefix}.idValidFrom`));
  if (present(to) && to !== LONG_TERM && isRealDate(to)) {
    if (to <= today || (present(from) && isRealDate(from) && to <= from)) out.push(problem('ID_VALIDITY_INVALID', `${prefix}.idValidTo`));
    else {
      const until = addMonths(today, RULE_LIMITS.idValidityMonths);
      if (to < until) out.push(problem('ID_EXPIRING', `${prefix}.idValidTo`, { until }));
    }
  }
  if (present(principal.mobile) && principal.mobile === principal.emergencyMobile) {
    out.push(problem('EMERGENCY_MOBILE_SAME', `${prefix}.emergencyMobile`));
  }
}

function contactProblems(entityPrincipal: Principal | undefined, appPrincipal: Principal | undefined, out: Problem[]): void {
  if (!entityPrincipal || !appPrincipal) return;
  const a = entityPrincipal.idNumber;
  const b = appPrincipal.idNumber;
  if (!present(a) || !present(b) || a.toUpperCase() === b.toUpperCase()) return;
  if (present(appPrincipal.mobile) && appPrincipal.mobile === entityPrincipal.mobile) {
    out.push(problem('PRINCIPAL_CONTACT_SHARED', 'app.principal.mobile'));
  }
  if (present(appPrincipal.email) && present(entityPrincipal.email) && comparableEmail(appPrincipal.email) === comparableEmail(entityPrincipal.email)) {
    out.push(problem('PRINCIPAL_CONTACT_SHARED', 'app.principal.email'));
  }
}

function appRuleProblems(sections: Sections, today: string, out: Problem[]): void {
  const app = sections.app;
  if (!app) return;
  app.categories?.forEach((id, i) => {
    if (!categoryById(id)?.needsPreApproval) return;
    const covered = (app.preApprovals ?? []).some((p) => p.category === id && present(p.documentNumber));
    if (!covered) out.push(problem('PRE_APPROVAL_REQUIRED', `app.categories.${i}`, { category: id }));
  });
  const entityName = sections.entity?.name;
  app.domains?.forEach((d, i) => {
    const path = `app.domains.${i}`;
    if (present(d.expiresOn) && isRealDate(d.expiresOn) && d.expiresOn <= today) out.push(problem('DOMAIN_EXPIRED', `${path}.expiresOn`, { today }));
    if (d.realNameVerified === false) out.push(problem('DOMAIN_NOT_REAL_NAME', `${path}.realNameVerified`));
    if (present(d.registrant) && present(entityName) && !sameName(d.registrant, entityName)) {
      out.push(problem('DOMAIN_HOLDER_MISMATCH', `${path}.registrant`));
    }
  });
}

/** Rules that need the whole resulting filing and the context, but no call into the account. */
function contentProblems(result: FilingDocument, ctx: SubmitContext): Problem[] {
  const out = fieldProblems(result, { today: ctx.today });
  const sections = sectionsOf(result);
  if (sections.entityPrincipal) validityProblems(sections.entityPrincipal, 'entityPrincipal', ctx.today, out);
  if (sections.app?.principal) validityProblems(sections.app.principal, 'app.principal', ctx.today, out);
  contactProblems(sections.entityPrincipal, sections.app?.principal, out);
  appRuleProblems(sections, ctx.today, out);
  return out;
}

/**
 * Problems of the resulting filing that concern what a change carries: the fields it sets
 * (`app.domains` when it carries domains, not the untouched `app.platforms`), plus the rules
 * that relate two sections (a renamed entity against its domains' registrant, a new person
 * in charge against the other). The rest of the target was approved as it is.
 */
function concernsChange(application: FilingDocument): (p: Problem) => boolean {
  const prefixes = Object.entries(sectionsOf(application)).flatMap(([section, value]) =>
    value !== null && typeof value === 'object' ? Object.keys(value).map((field) => `${section}.${field}`) : [],
  );
  const crossSection = new Set(['DOMAIN_HOLDER_MISMATCH', 'PRINCIPAL_CONTACT_SHARED']);
  return (p) =>
    (prefixes.length > 0 && crossSection.has(p.code)) || prefixes.some((prefix) => p.path === prefix || p.path.startsWith(`${prefix}.`));
}

// ---------------------------------------------------------------- application type and state

const CLOSED: readonly FilingStatus[] = ['WITHDRAWN', 'CANCELLED'];

function stateProblems(document: FilingDocument, result: FilingDocument, ctx: SubmitContext): Problem[] {
  const out: Problem[] = [];
  if (document.type !== 'NEW') {
    const target = ctx.target;
    if (!present(document.targetFilingId) || !target || target.filingId !== document.targetFilingId || target.status !== 'APPROVED') {
      out.push(problem('TARGET_REQUIRED', 'targetFilingId'));
    } else {
      out.push(...changeNotAllowed(target.document, document));
    }
  }
  const ownIds = new Set([ctx.filingId, ctx.target?.filingId].filter((x): x is string => x !== undefined));
  const others = ctx.otherFilings.filter((f) => !ownIds.has(f.filingId));
  const certificateNumber = sectionsOf(result).entity?.certificateNumber;
  const sameEntity = present(certificateNumber) ? others.filter((f) => present(f.entityCertificateNumber) && sameName(f.entityCertificateNumber, certificateNumber)) : [];
  const busy = sameEntity.find((f) => IN_WORKFLOW_STATUSES.includes(f.status));
  if (busy) out.push(problem('ENTITY_BUSY', present(certificateNumber) ? 'entity.certificateNumber' : '', { filingId: busy.filingId }));
  const appName = document.type === 'NEW' || document.type === 'CHANGE_INFO' ? sectionsOf(document).app?.name : undefined;
  if (present(appName)) {
    const taken = sameEntity.find((f) => !CLOSED.includes(f.status) && present(f.appName) && sameName(f.appName, appName));
    if (taken) out.push(problem('APP_NAME_TAKEN', 'app.name', { filingId: taken.filingId }));
  }
  if (document.type === 'NEW') {
    const access = document.access;
    if (present(access?.awsAccountId) && access.awsAccountId !== ctx.callerAccountId) out.push(problem('ACCOUNT_MISMATCH', 'access.awsAccountId'));
    // The profile's role stands in for a filing that names none: it too must be of the filing's account.
    const role = effectiveAccessRole(access, ctx.account);
    if (!present(access?.accessRoleArn) && role !== undefined && present(access?.awsAccountId) && roleArnAccount(role) !== access.awsAccountId) {
      out.push(problem('ACCESS_ROLE_INVALID', 'access.accessRoleArn', { account: access.awsAccountId }));
    }
  }
  return out;
}

function attachmentProblems(document: FilingDocument, result: FilingDocument, ctx: SubmitContext): Problem[] {
  const method = verificationMethodOf(result);
  const requirements = attachmentRequirements(document, ctx.account, method, ctx.target?.document);
  const needed = new Map<string, { count: number; reason: string; reasonZh: string }>();
  for (const r of requirements.filter((x) => x.required)) {
    const entry = needed.get(r.kind);
    needed.set(r.kind, { count: (entry?.count ?? 0) + 1, reason: entry?.reason ?? r.reason, reasonZh: entry?.reasonZh ?? r.reasonZh });
  }
  const out: Problem[] = [];
  for (const [kind, { count, reason, reasonZh }] of needed) {
    const uploaded = ctx.uploadedAttachmentKinds.filter((k) => k === kind).length;
    if (uploaded < count) out.push(problem('ATTACHMENT_MISSING', `attachments.${kind}`, { kind, reason: { en: reason, 'zh-CN': reasonZh } }));
  }
  return out;
}

/**
 * Every problem that stops a submission: completeness (FIELD_REQUIRED per missing field),
 * the format of every field, the rules over the resulting filing (for a change, the target
 * with the change applied; only what the change concerns is reported), the application type
 * and state rules, and the attachments present. Pure: everything comes in `ctx`.
 */
export function checkForSubmit(document: FilingDocument, ctx: SubmitContext): Problem[] {
  const targetOk = ctx.target !== undefined && ctx.target.filingId === document.targetFilingId;
  const result = document.type !== 'NEW' && targetOk ? applyChange(ctx.target!.document, document) : document;
  const problems = completeness(document, ctx);
  const content = contentProblems(result, ctx);
  problems.push(...(document.type === 'NEW' ? content : content.filter(concernsChange(document))));
  problems.push(...stateProblems(document, result, ctx));
  problems.push(...attachmentProblems(document, result, ctx));
  return dedupe(problems);
}

/** One problem per (path, code): a rule reached two ways is reported once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
