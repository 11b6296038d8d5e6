/**
 * The customer's network, as the lifecycle sees it through the access role: what the account
 * has in cn-northwest-1 (for the resource checks) and the inbound web ports on its security
 * groups (opened on approval, closed on cancellation). Two implementations: AWS (STS → EC2,
 * ELBv2) and local (a JSON file a person can read and edit).
 */

/** Who is asking, and through which role of theirs. */
export interface AccountAccess {
  /** The tenant (the filing's `accountId`): the external id is derived from it. */
  accountId: string;
  /** `access.accessRoleArn` of the filing. */
  accessRoleArn: string;
}

/** What was found in the account (the domain's `AccountResourceFacts`, structurally). */
export interface AccountResourceFacts {
  roleAssumable: boolean;
  /** Public IPv4 addresses of the account's Elastic IPs. */
  elasticIps: string[];
  /** Each load balancer with every public address it has (IPv4 and IPv6). */
  loadBalancers: { arn: string; addresses: string[] }[];
  /**
   * Those of the asked security groups that exist in the account, each with `managed`: whether
   * the access role may open and close ports on it (docs/design/rules.md SECURITY_GROUP_NOT_MANAGED).
   */
  securityGroups: { id: string; managed: boolean }[];
}

export interface NetworkAdapter {
  /**
   * The account's Elastic IPs, load balancers and which of `securityGroupIds` exist and are
   * managed. A role
   * that cannot be assumed answers `roleAssumable: false` and nothing else; transient AWS
   * failures throw (the caller classifies them).
   */
  describeAccount(access: AccountAccess, securityGroupIds: readonly string[]): Promise<AccountResourceFacts>;
  /** Inbound TCP 80, 8080 and 443 from 0.0.0.0/0 and ::/0 on each group; an existing rule is success. */
  openPorts(access: AccountAccess, securityGroupIds: readonly string[]): Promise<void>;
  /** Revokes exactly those rules; an absent rule is success. */
  closePorts(access: AccountAccess, securityGroupIds: readonly string[]): Promise<void>;
}

/** The role could not be assumed when ports had to change (the checks report ACCESS_ROLE_INVALID instead). */
export class AccessRoleUnusableError extends Error {
  override readonly name = 'AccessRoleUnusableError';
  constructor(readonly roleArn: string, reason: string) {
    super(`cannot assume ${roleArn}: ${reason}`);
  }
}

/** The ports opened on approval (docs/design/lifecycle.md step 9): TCP, from anywhere, IPv4 and IPv6. */
export const WEB_PORTS = [80, 8080, 443] as const;
export const ANYWHERE_IPV4 = '0.0.0.0/0';
export const ANYWHERE_IPV6 = '::/0';
/**
 * The security-group tag the access role's policy requires for opening and closing ports
 * (docs/design/rules.md SECURITY_GROUP_NOT_MANAGED).
 */
export const MANAGED_SECURITY_GROUP_TAG = { key: 'icp-recordal:managed', value: 'true' } as const;

/** Description written on each rule, so a person sees who added it. */
export const RULE_DESCRIPTION = 'ICP recordal: approved APP';

/** Facts of a role the platform cannot assume: nothing else could be looked at. */
export function unassumable(): AccountResourceFacts {
  return { roleAssumable: false, elasticIps: [], loadBalancers: [], securityGroups: [] };
}
