import { effectiveAccessRole } from '../domain/access-role.js';
import { getAccount, listFilings, type FilingRecord, type PortsState } from '../store/index.js';
import { documentOf, requireFiling } from './state.js';
import { entityCertificateNumber, targetOf } from './outcomes.js';
import { STEPS_BY_TYPE } from './plan.js';

/**
 * The filings an approved application takes effect on (docs/design/lifecycle.md steps 8–9): a NEW filing
 * itself; a change's or single cancellation's target; for CANCEL_ENTITY every approved
 * filing (a NEW one: applications are not records) of the same entity in this account.
 */
export async function effectTargets(filing: FilingRecord): Promise<FilingRecord[]> {
  if (filing.type === 'NEW') return [filing];
  const target = await targetOf(filing);
  if (target === undefined) throw new Error(`${filing.type} filing ${filing.filingId} has no target`);
  if (filing.type !== 'CANCEL_ENTITY') return [target];
  const certificateNumber = entityCertificateNumber(target, undefined);
  const found: FilingRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await listFilings(filing.accountId, { status: 'APPROVED', limit: 100, cursor });
    for (const candidate of page.items) {
      if (candidate.type === 'NEW' && entityCertificateNumber(candidate, undefined) === certificateNumber) found.push(candidate);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  // The target itself, even if an earlier attempt already cancelled it (retries stay idempotent).
  if (!found.some((f) => f.filingId === target.filingId) && target.status === 'APPROVED') found.push(target);
  return found;
}

/** The security groups of a filing (`access.securityGroupIds`). */
export function securityGroupsOf(filing: FilingRecord): string[] {
  return (documentOf(filing) as { access?: { securityGroupIds?: string[] } }).access?.securityGroupIds ?? [];
}

/**
 * The role the workflow acts through for an account's filing: `access.accessRoleArn`, or the
 * account profile's when the filing names none (domain/access-role.ts); '' when neither has one
 * (the adapter then refuses it: ACCESS_ROLE_INVALID).
 */
export async function accessRoleFor(accountId: string, access: { accessRoleArn?: string } | undefined): Promise<string> {
  if (access?.accessRoleArn) return access.accessRoleArn;
  return effectiveAccessRole(access, (await getAccount(accountId))?.profile) ?? '';
}

/** The access role of a filing (its own, or its account profile's). */
export async function accessRoleOf(filing: FilingRecord): Promise<string> {
  return accessRoleFor(filing.accountId, (documentOf(filing) as { access?: { accessRoleArn?: string } }).access);
}

/** What step 9 does for this application type. */
export const portsActionOf = (filing: FilingRecord) => STEPS_BY_TYPE[filing.type].ports;

/** Ports recorded per effect target, keyed by filing id (UpdatePorts → ApplyDecision). */
export type PortsByFiling = Record<string, PortsState>;

const isPortsState = (value: unknown): value is PortsState => {
  if (typeof value !== 'object' || value === null) return false;
  const { open, securityGroupIds, openedAt, closedAt } = value as Record<string, unknown>;
  return (
    typeof open === 'boolean' &&
    Array.isArray(securityGroupIds) &&
    securityGroupIds.every((id) => typeof id === 'string') &&
    [openedAt, closedAt].every((at) => at === undefined || typeof at === 'string')
  );
};

/** UpdatePorts' answer as ApplyDecision receives it, or undefined (checked by hand: no zod in the steps). */
export function portsByFilingOf(value: unknown): PortsByFiling | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.values(value).every(isPortsState) ? (value as PortsByFiling) : undefined;
}


export { requireFiling };
