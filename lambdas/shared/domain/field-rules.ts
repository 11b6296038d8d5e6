/**
 * The format of every field present (docs/design/rules.md), checked at draft time and again at submit:
 * rules that need nothing but the document (and, for birth dates, today's date).
 */
import { invisibleCharacters } from './comparable.js';
import * as id from './identifiers.js';
import { expected, problem, type MessageParams, type Phrase } from '../messages/index.js';
import type { Problem } from './problem.js';
import { categoryById, isApprovedRegistrar, isProvinceUnsupported, languageByTag, provinceByCode } from './reference-data.js';
import { RULE_LIMITS } from './limits.js';
import type { Access, App, Entity, FilingDocument, PlatformOs, Principal } from './schemas.js';
import { LONG_TERM } from './schemas.js';

/** The sections of any application type, absent where the type does not carry them. */
export interface Sections {
  entity?: Entity;
  entityPrincipal?: Principal;
  app?: App;
  access?: Partial<Access>;
}
export const sectionsOf = (document: FilingDocument): Sections => document as Sections;

/** What a refused name or email says about its invisible characters, if any (rules.md `APP_NAME_INVALID`). */
export function invisibleParams(value: string): MessageParams {
  const found = invisibleCharacters(value);
  return found.length > 0 ? { invisible: found.join(' ') } : {};
}

/** Non-empty string, or undefined: an empty string counts as absent (it is "missing" at submit). */
export const present = (value: string | undefined): value is string => value !== undefined && value !== '';

function normalisePrincipal(principal: Principal | undefined): Principal | undefined {
  if (!principal) return principal;
  return {
    ...principal,
    ...(principal.idType === 'ID_CARD' && principal.idNumber !== undefined ? { idNumber: principal.idNumber.toUpperCase() } : {}),
    ...(principal.mobile !== undefined ? { mobile: id.normaliseMobile(principal.mobile) } : {}),
    ...(principal.emergencyMobile !== undefined ? { emergencyMobile: id.normaliseMobile(principal.emergencyMobile) } : {}),
    ...(principal.email !== undefined ? { email: id.normaliseEmail(principal.email) } : {}),
  };
}

function normaliseApp(app: App | undefined): App | undefined {
  if (!app) return app;
  const copy: App = { ...app };
  if (app.principal) copy.principal = normalisePrincipal(app.principal);
  if (app.platforms) {
    copy.platforms = app.platforms.map((p) => (p.signatureMd5 !== undefined ? { ...p, signatureMd5: id.normaliseDigest(p.signatureMd5) } : p));
  }
  if (app.domains) {
    copy.domains = app.domains.map((d) => {
      const ascii = d.name !== undefined ? id.normaliseDomain(d.name) : undefined;
      return ascii !== undefined ? { ...d, name: ascii } : d;
    });
  }
  if (app.languages) copy.languages = app.languages.map((tag) => languageByTag(tag)?.tag ?? tag);
  return copy;
}

/**
 * The stored form: mobile numbers without `+86`, emails canonical (IDNA domain, lower case), resident ID numbers with upper-case `X`,
 * domains in punycode, signing digests lower-case without colons, language tags as listed.
 */
export function normaliseDocument<T extends FilingDocument>(document: T): T {
  const copy = { ...document } as T & Sections;
  const sections = sectionsOf(document);
  if (sections.entityPrincipal) copy.entityPrincipal = normalisePrincipal(sections.entityPrincipal);
  if (sections.app) copy.app = normaliseApp(sections.app);
  return copy;
}

// ---------------------------------------------------------------- the rules

function entityProblems(entity: Entity, out: Problem[]): void {
  if (present(entity.name) && !id.isCleanName(entity.name, RULE_LIMITS.entityNameMin, RULE_LIMITS.entityNameMax)) out.push(problem('ENTITY_NAME_INVALID', 'entity.name', invisibleParams(entity.name)));
  if (entity.kind === 'INDIVIDUAL') out.push(problem('ENTITY_KIND_UNSUPPORTED', 'entity.kind'));
  const province = present(entity.province) ? provinceByCode(entity.province) : undefined;
  if (present(entity.province)) {
    if (!province) out.push(problem('PROVINCE_INVALID', 'entity.province'));
    else if (isProvinceUnsupported(province.code)) out.push(problem('PROVINCE_UNSUPPORTED', 'entity.province'));
  }
  if (present(entity.certificateNumber)) {
    const path = 'entity.certificateNumber';
    if (entity.certificateType === 'BUSINESS_LICENSE') {
      if (!id.isUscc(entity.certificateNumber)) out.push(problem('USCC_INVALID', path));
      else if (province) {
        const authority = entity.certificateNumber.slice(2, 4);
        if (authority !== '10' && authority !== province.code.slice(0, 2)) {
          out.push(problem('USCC_PROVINCE_MISMATCH', path, { found: authority, expected: `${province.code.slice(0, 2)} ${province.name}` }));
        }
      }
    } else if (entity.certificateType !== undefined && !id.isPrintableCertificateNumber(entity.certificateNumber)) {
      out.push(problem('CERTIFICATE_NUMBER_INVALID', path));
    }
  }
}

function principalProblems(principal: Principal, prefix: string, today: string | undefined, out: Problem[]): void {
  if (principal.idType === 'ID_CARD' && present(principal.idNumber) && !id.isResidentIdNumber(principal.idNumber, today)) {
    out.push(problem('ID_CARD_INVALID', `${prefix}.idNumber`));
  }
  if (principal.idType !== undefined && principal.idType !== 'ID_CARD' && present(principal.idNumber)
    && !id.isPrintableCertificateNumber(principal.idNumber)) {
    out.push(problem('CERTIFICATE_NUMBER_INVALID', `${prefix}.idNumber`));
  }
  if (present(principal.idValidFrom) && !id.isRealDate(principal.idValidFrom)) out.push(problem('ID_VALIDITY_INVALID', `${prefix}.idValidFrom`));
  if (present(principal.idValidTo) && principal.idValidTo !== LONG_TERM && !id.isRealDate(principal.idValidTo)) {
    out.push(problem('ID_VALIDITY_INVALID', `${prefix}.idValidTo`));
  }
  for (const field of ['mobile', 'emergencyMobile'] as const) {
    const value = principal[field];
    if (present(value) && !id.isMainlandMobile(value)) out.push(problem('MOBILE_INVALID', `${prefix}.${field}`));
  }
  if (present(principal.email) && !id.isEmailAddress(principal.email)) out.push(problem('EMAIL_INVALID', `${prefix}.email`, invisibleParams(principal.email)));
}

/** What a platform's signing digest must be: ANDROID MD5, IOS SHA-1, HARMONYOS SHA-256. */
const DIGESTS: Record<PlatformOs, { lengths: number[]; phrase: Phrase }> = {
  ANDROID: { lengths: [32], phrase: 'digest:ANDROID' },
  IOS: { lengths: [40], phrase: 'digest:IOS' },
  HARMONYOS: { lengths: [64], phrase: 'digest:HARMONYOS' },
  BLACKBERRY: { lengths: [32, 40, 64], phrase: 'digest:any' },
  LINUX: { lengths: [32, 40, 64], phrase: 'digest:any' },
};

/** Platforms identified by a Java-style package name (the others: IOS by bundle id). */
export const PACKAGE_NAME_OSES: readonly PlatformOs[] = ['ANDROID', 'HARMONYOS'];

function appProblems(app: App, today: string | undefined, out: Problem[]): void {
  if (present(app.name) && !id.isCleanName(app.name, RULE_LIMITS.appNameMin, RULE_LIMITS.appNameMax)) out.push(problem('APP_NAME_INVALID', 'app.name', invisibleParams(app.name)));
  app.categories?.forEach((c, i) => {
    if (!categoryById(c)) out.push(problem('CATEGORY_INVALID', `app.categories.${i}`));
  });
  app.languages?.forEach((tag, i) => {
    if (!languageByTag(tag)) out.push(problem('LANGUAGE_INVALID', `app.languages.${i}`));
  });
  app.preApprovals?.forEach((entry, i) => {
    if (present(entry.category) && !categoryById(entry.category)) out.push(problem('CATEGORY_INVALID', `app.preApprovals.${i}.category`));
    if (present(entry.validTo) && !id.isRealDate(entry.validTo)) {
      out.push(problem('FIELD_TYPE', `app.preApprovals.${i}.validTo`, expected('date')));
    }
  });
  const seen = new Set<PlatformOs>();
  app.platforms?.forEach((platform, i) => {
    const path = `app.platforms.${i}`;
    if (platform.os !== undefined) {
      if (seen.has(platform.os)) out.push(problem('PLATFORM_REQUIRED', `${path}.os`, { duplicate: platform.os }));
      seen.add(platform.os);
    }
    if (present(platform.packageName) && platform.os !== undefined && PACKAGE_NAME_OSES.includes(platform.os)
      && !id.isJavaPackageName(platform.packageName)) {
      out.push(problem('PACKAGE_NAME_INVALID', `${path}.packageName`));
    }
    if (present(platform.bundleId) && platform.os === 'IOS' && !id.isBundleId(platform.bundleId)) {
      out.push(problem('BUNDLE_ID_INVALID', `${path}.bundleId`));
    }
    if (present(platform.publicKey) && !id.isDerPublicKey(platform.publicKey)) out.push(problem('PUBLIC_KEY_INVALID', `${path}.publicKey`));
    if (present(platform.signatureMd5) && platform.os !== undefined) {
      const digest = DIGESTS[platform.os];
      if (!digest.lengths.some((n) => id.isHexDigest(platform.signatureMd5!, n))) {
        out.push(problem('SIGNATURE_DIGEST_INVALID', `${path}.signatureMd5`, expected(digest.phrase)));
      }
    }
  });
  app.domains?.forEach((domain, i) => {
    const path = `app.domains.${i}`;
    if (present(domain.name)) {
      // Normalised names are punycode; one that is not a host name stayed as given.
      const ascii = id.normaliseDomain(domain.name);
      if (ascii === undefined) out.push(problem('DOMAIN_INVALID', `${path}.name`));
      else {
        if (id.domainLevel(ascii) > RULE_LIMITS.domainLevelMax) out.push(problem('DOMAIN_LEVEL_EXCEEDED', `${path}.name`));
        if (!id.hasApprovedTld(ascii)) out.push(problem('DOMAIN_TLD_NOT_APPROVED', `${path}.name`, { tld: id.topLevelDomain(ascii) }));
      }
    }
    if (present(domain.registrar) && !isApprovedRegistrar(domain.registrar)) out.push(problem('DOMAIN_REGISTRAR_NOT_APPROVED', `${path}.registrar`));
    if (present(domain.expiresOn) && !id.isRealDate(domain.expiresOn)) {
      out.push(problem('FIELD_TYPE', `${path}.expiresOn`, expected('date')));
    }
  });
  if (app.principal) principalProblems(app.principal, 'app.principal', today, out);
}

function accessProblems(access: Partial<Access>, out: Problem[]): void {
  if (present(access.awsAccountId) && !id.isAwsAccountId(access.awsAccountId)) {
    out.push(problem('FIELD_TYPE', 'access.awsAccountId', expected('awsAccountId')));
  }
  access.ips?.forEach((ip, i) => {
    if (!id.isPublicIp(ip)) out.push(problem('IP_INVALID', `access.ips.${i}`));
  });
  if (present(access.accessRoleArn)) {
    const account = id.roleArnAccount(access.accessRoleArn);
    if (account === undefined || (present(access.awsAccountId) && account !== access.awsAccountId)) {
      out.push(problem('ACCESS_ROLE_INVALID', 'access.accessRoleArn', { account: access.awsAccountId }));
    }
  }
  access.securityGroupIds?.forEach((sg, i) => {
    if (!id.isSecurityGroupId(sg)) out.push(problem('SECURITY_GROUP_INVALID', `access.securityGroupIds.${i}`));
  });
}

/**
 * The format rules over every field present in a (normalised) document. With `today`, a
 * birth date after it is refused too.
 */
export function fieldProblems(document: FilingDocument, options: { today?: string } = {}): Problem[] {
  const out: Problem[] = [];
  const { entity, entityPrincipal, app, access } = sectionsOf(document);
  if (entity) entityProblems(entity, out);
  if (entityPrincipal) principalProblems(entityPrincipal, 'entityPrincipal', options.today, out);
  if (app) appProblems(app, options.today, out);
  if (access) accessProblems(access, out);
  return out;
}
