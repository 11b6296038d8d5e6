/**
 * Rules over what an adapter found in the customer's account through the access role
 * (docs/design/lifecycle.md step 1): IP_NOT_OWNED, ELB_IP_SET_INCOMPLETE, SECURITY_GROUP_INVALID,
 * SECURITY_GROUP_NOT_MANAGED, ACCESS_ROLE_INVALID. The adapter fetches; this decides.
 */
import { isIPv6 } from 'node:net';
import type { AccountResourceFacts } from './context.js';
import { sectionsOf } from './field-rules.js';
import { problem } from '../messages/index.js';
import type { Problem } from './problem.js';
import type { FilingDocument } from './schemas.js';

/** One spelling per address (IPv6 compressed, lower case), so that facts and filing compare. */
export function canonicalIp(ip: string): string {
  if (!isIPv6(ip)) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}

/**
 * The filing's access section against the account's resources in cn-northwest-1. For
 * CHANGE_IP pass the resulting filing (`applyChange(target, application)`), which has the
 * target's security groups and role. When the role cannot be assumed nothing else could be
 * looked at, so that is the only problem reported.
 */
export function checkAccountResources(document: FilingDocument, facts: AccountResourceFacts): Problem[] {
  const access = sectionsOf(document).access;
  if (!facts.roleAssumable) return [problem('ACCESS_ROLE_INVALID', 'access.accessRoleArn', { account: access?.awsAccountId })];
  const problems: Problem[] = [];
  const ips = (access?.ips ?? []).map(canonicalIp);
  const listed = new Set(ips);
  const elastic = new Set(facts.elasticIps.map(canonicalIp));
  const balancers = facts.loadBalancers.map((lb) => ({ arn: lb.arn, addresses: lb.addresses.map(canonicalIp) }));
  const used = new Set<(typeof balancers)[number]>();
  ips.forEach((ip, i) => {
    if (elastic.has(ip)) return;
    const lb = balancers.find((b) => b.addresses.includes(ip));
    if (lb) used.add(lb);
    else problems.push(problem('IP_NOT_OWNED', `access.ips.${i}`));
  });
  for (const lb of used) {
    const missing = lb.addresses.filter((a) => !listed.has(a));
    if (missing.length > 0) {
      problems.push(problem('ELB_IP_SET_INCOMPLETE', 'access.ips', { loadBalancer: lb.arn, missing: missing.join(', ') }));
    }
  }
  const groups = new Map(facts.securityGroups.map((group) => [group.id, group]));
  (access?.securityGroupIds ?? []).forEach((sg, i) => {
    const group = groups.get(sg);
    // Caught here, before a reviewer sees the filing: on approval the port opening would be refused.
    if (group === undefined) problems.push(problem('SECURITY_GROUP_INVALID', `access.securityGroupIds.${i}`));
    else if (!group.managed) problems.push(problem('SECURITY_GROUP_NOT_MANAGED', `access.securityGroupIds.${i}`));
  });
  return problems;
}
