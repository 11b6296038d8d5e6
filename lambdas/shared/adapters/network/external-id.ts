/**
 * The external id the platform presents when it assumes a customer's access role:
 * `<ACCESS_ROLE_EXTERNAL_ID_PREFIX><tenant account id>` (prefix default `icp-recordal-`).
 * It is derived from the authenticated tenant, never from the filing, so one customer cannot
 * make the platform act in another's account by naming that account's role (confused deputy).
 * The customer access role stack takes this value as its parameter.
 */
export const DEFAULT_EXTERNAL_ID_PREFIX = 'icp-recordal-';

export function externalIdFor(accountId: string, prefix = process.env.ACCESS_ROLE_EXTERNAL_ID_PREFIX): string {
  return `${prefix === undefined || prefix === '' ? DEFAULT_EXTERNAL_ID_PREFIX : prefix}${accountId}`;
}
