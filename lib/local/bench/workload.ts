import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../../lambdas/shared/domain/identifiers';
import { REPO_ROOT } from './bundles';

/**
 * What the bench sends: the documented NEW filing (API.md's example, kept in test/fixtures),
 * made distinct per filing where the rules demand it, and the account profile of customer A.
 */
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'filing-new.json');

type Json = Record<string, unknown>;

function fixture(): Json {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json;
}

/**
 * A valid unified social credit code for entity number `n` (GB 32100 with its embedded
 * GB 11714 organisation code): a different entity per filing, since an entity may have only
 * one application under review at a time (ENTITY_BUSY).
 */
export function benchUscc(n: number): string {
  const organization = `MB${String(n).padStart(6, '0')}`;
  const first17 = `91640100${organization}${organizationCodeCheckCharacter(organization)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

/** Filing `n` of the bench: the example with its own entity and APP name. */
export function benchFiling(n: number): Json {
  const filing = fixture();
  const entity = filing.entity as Json;
  const app = filing.app as Json;
  entity.certificateNumber = benchUscc(n);
  app.name = `云帆出行${n}`;
  return filing;
}

/**
 * The create request's body as a template: `token` stands for a number the load generator
 * fills in, so that every create under load is a distinct APP (APP_NAME_TAKEN otherwise).
 */
export function createBodyTemplate(token: string): string {
  const filing = fixture();
  (filing.app as Json).name = `云帆出行${token}`;
  return JSON.stringify(filing);
}

/** Customer A's account profile (API.md), for the example's own company. */
export function benchAccountProfile(): Json {
  const filing = fixture();
  const entity = filing.entity as Json;
  const principal = filing.entityPrincipal as Json;
  const access = filing.access as Json;
  return {
    companyName: entity.name,
    email: principal.email,
    mobile: principal.mobile,
    verificationIp: (access.ips as string[])[0],
    accessRoleArn: access.accessRoleArn,
    acceptPrivacyPolicy: true,
  };
}

/** A record number the CA "issues" to filing `n` (RULES.md: the entity's province, suffix A). */
export function benchRecordNumber(n: number): string {
  return `宁ICP备2026${String(n).padStart(6, '0')}号-1A`;
}
