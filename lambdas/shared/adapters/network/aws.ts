import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeAddressesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client, paginateDescribeLoadBalancers } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { REGION, sts } from '../clients.js';
import { isTransientAwsError } from '../../workflow/errors.js';
import { externalIdFor } from './external-id.js';
import {
  ANYWHERE_IPV4,
  ANYWHERE_IPV6,
  AccessRoleUnusableError,
  RULE_DESCRIPTION,
  WEB_PORTS,
  unassumable,
  type AccountAccess,
  type NetworkAdapter,
} from './types.js';

/** Assumed-role sessions are short: the checks and port changes take seconds. */
const SESSION_SECONDS = 900;
/** Renew a cached session this long before it expires. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

/** One rule per port, both address families: what is authorised and revoked. */
export function webIpPermissions(): IpPermission[] {
  return WEB_PORTS.map((port) => ({
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    IpRanges: [{ CidrIp: ANYWHERE_IPV4, Description: RULE_DESCRIPTION }],
    Ipv6Ranges: [{ CidrIpv6: ANYWHERE_IPV6, Description: RULE_DESCRIPTION }],
  }));
}

/** The same rules one address family at a time (the fallback when some already exist). */
function singleIpPermissions(): IpPermission[] {
  return webIpPermissions().flatMap((p) => [
    { ...p, Ipv6Ranges: undefined },
    { ...p, IpRanges: undefined },
  ]);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/**
 * Whether the access role may open the ports on a group: a `DryRun` authorise of the very rules
 * through the role proves the permission itself (the policy's tag condition, any SCP or
 * permission boundary), not just the tag (docs/design/rules.md SECURITY_GROUP_NOT_MANAGED).
 */
async function mayOpenPorts(ec2: EC2Client, groupId: string): Promise<boolean> {
  try {
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: webIpPermissions(), DryRun: true }));
    // EC2 answers every allowed dry run with DryRunOperation; a plain success cannot happen.
    return true;
  } catch (error) {
    const name = errorName(error);
    if (name === 'DryRunOperation' || name === 'InvalidPermission.Duplicate') return true;
    if (name === 'UnauthorizedOperation') return false;
    throw error;
  }
}

interface Session {
  credentials: AwsCredentialIdentity;
  renewAt: number;
}

/**
 * The AWS implementation: STS AssumeRole (with the tenant's external id) into the customer's
 * access role, then EC2 and ELBv2 in cn-northwest-1 with those credentials.
 */
export function createAwsNetworkAdapter(options: { stsClient?: () => STSClient; now?: () => number } = {}): NetworkAdapter {
  const stsClient = options.stsClient ?? sts;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();

  /** Credentials of the role, or undefined when it cannot be assumed (transient failures throw). */
  async function assume(access: AccountAccess): Promise<AwsCredentialIdentity | undefined> {
    const key = `${access.accountId}|${access.accessRoleArn}`;
    const cached = sessions.get(key);
    if (cached !== undefined && cached.renewAt > now()) return cached.credentials;
    try {
      const answer = await stsClient().send(
        new AssumeRoleCommand({
          RoleArn: access.accessRoleArn,
          RoleSessionName: `icp-recordal-${access.accountId}`,
          ExternalId: externalIdFor(access.accountId),
          DurationSeconds: SESSION_SECONDS,
        }),
      );
      const c = answer.Credentials;
      if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined) return undefined;
      const credentials: AwsCredentialIdentity = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
      const expires = c.Expiration?.getTime() ?? now() + SESSION_SECONDS * 1000;
      sessions.set(key, { credentials, renewAt: expires - RENEW_BEFORE_MS });
      return credentials;
    } catch (error) {
      // Throttling and 5xx are retried by the workflow; anything else (AccessDenied, a
      // malformed ARN, a wrong external id) means the role is not usable by the platform.
      if (isTransientAwsError(error)) throw error;
      return undefined;
    }
  }

  async function requireSession(access: AccountAccess): Promise<EC2Client> {
    const credentials = await assume(access);
    if (credentials === undefined) throw new AccessRoleUnusableError(access.accessRoleArn, 'AssumeRole was refused');
    return new EC2Client({ region: REGION, credentials });
  }

  /**
   * Applies all rules in one call; when EC2 refuses because some already exist (authorise)
   * or are absent (revoke), applies them one at a time and lets those refusals pass.
   */
  async function changeRules(ec2: EC2Client, groupId: string, mode: 'open' | 'close'): Promise<void> {
    const harmless = mode === 'open' ? 'InvalidPermission.Duplicate' : 'InvalidPermission.NotFound';
    const send = (IpPermissions: IpPermission[]) =>
      mode === 'open'
        ? ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions }))
        : ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions }));
    try {
      await send(webIpPermissions());
      return;
    } catch (error) {
      if (errorName(error) !== harmless) throw error;
    }
    for (const permission of singleIpPermissions()) {
      try {
        await send([permission]);
      } catch (error) {
        if (errorName(error) !== harmless) throw error;
      }
    }
  }

  return {
    async describeAccount(access, securityGroupIds) {
      const credentials = await assume(access);
      if (credentials === undefined) return unassumable();
      const ec2 = new EC2Client({ region: REGION, credentials });
      const elb = new ElasticLoadBalancingV2Client({ region: REGION, credentials });
      try {
        const [addresses, groups, loadBalancers] = await Promise.all([
          ec2.send(new DescribeAddressesCommand({})),
          securityGroupIds.length === 0
            ? Promise.resolve({ SecurityGroups: [] })
            : // A filter (not GroupIds) so that unknown ids are left out instead of failing the call.
              ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: [...securityGroupIds] }] })),
          (async () => {
            const found: { arn: string; addresses: string[] }[] = [];
            for await (const page of paginateDescribeLoadBalancers({ client: elb }, {})) {
              for (const lb of page.LoadBalancers ?? []) {
                if (lb.LoadBalancerArn === undefined) continue;
                const ips = (lb.AvailabilityZones ?? []).flatMap((zone) =>
                  (zone.LoadBalancerAddresses ?? []).flatMap((a) => [a.IpAddress, a.IPv6Address].filter((ip): ip is string => Boolean(ip))),
                );
                found.push({ arn: lb.LoadBalancerArn, addresses: ips });
              }
            }
            return found;
          })(),
        ]);
        const found = (groups.SecurityGroups ?? []).map((g) => g.GroupId).filter((id): id is string => Boolean(id));
        const securityGroups = [];
        for (const id of found) securityGroups.push({ id, managed: await mayOpenPorts(ec2, id) });
        return {
          roleAssumable: true,
          elasticIps: (addresses.Addresses ?? []).map((a) => a.PublicIp).filter((ip): ip is string => Boolean(ip)),
          loadBalancers,
          securityGroups,
        };
      } finally {
        ec2.destroy();
        elb.destroy();
      }
    },

    async openPorts(access, securityGroupIds) {
      const ec2 = await requireSession(access);
      try {
        for (const groupId of securityGroupIds) await changeRules(ec2, groupId, 'open');
      } finally {
        ec2.destroy();
      }
    },

    async closePorts(access, securityGroupIds) {
      const ec2 = await requireSession(access);
      try {
        for (const groupId of securityGroupIds) await changeRules(ec2, groupId, 'close');
      } finally {
        ec2.destroy();
      }
    },
  };
}
