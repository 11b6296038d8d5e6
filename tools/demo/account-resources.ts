/**
 * Reading the local platform's account resources file (docs/design/api.md "Local account
 * resources"): where port opening and closing show, for the demo and the tests to look at.
 */
import { readFileSync } from 'node:fs';

/** The inbound rules of one security group. */
export interface IngressRuleView {
  protocol: string;
  port: number;
  cidr: string;
}

export function securityGroupIngress(accountResourcesFile: string, accountId: string, securityGroupId: string): IngressRuleView[] {
  const file = JSON.parse(readFileSync(accountResourcesFile, 'utf8')) as {
    accounts?: Record<string, { securityGroups?: Record<string, { ingress?: IngressRuleView[] }> }>;
  };
  const group = file.accounts?.[accountId]?.securityGroups?.[securityGroupId];
  if (group === undefined) throw new Error(`${accountResourcesFile} has no security group ${securityGroupId} in account ${accountId}`);
  return group.ingress ?? [];
}

/** The distinct TCP ports open on a security group, ascending. */
export function openPorts(accountResourcesFile: string, accountId: string, securityGroupId: string): number[] {
  const ports = securityGroupIngress(accountResourcesFile, accountId, securityGroupId)
    .filter((rule) => rule.protocol === 'tcp')
    .map((rule) => rule.port);
  return [...new Set(ports)].sort((a, b) => a - b);
}
