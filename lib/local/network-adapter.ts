import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';
import {
  ANYWHERE_IPV4,
  ANYWHERE_IPV6,
  AccessRoleUnusableError,
  MANAGED_SECURITY_GROUP_TAG,
  WEB_PORTS,
  unassumable,
  type AccountAccess,
  type NetworkAdapter,
} from '../../lambdas/shared/adapters/network/types.js';

/**
 * The local network adapter (installed by lib/local/platform.ts, never bundled into a Lambda): the customer accounts' resources live in
 * `<data dir>/account-resources.json` (docs/design/api.md), a file a person can read and edit. Port
 * opening and closing write the security groups' inbound rules back into it.
 */

const ingressRule = z.strictObject({
  protocol: z.literal('tcp'),
  port: z.number().int().min(0).max(65535),
  cidr: z.string().min(1),
});
export type LocalIngressRule = z.infer<typeof ingressRule>;

const localAccount = z.strictObject({
  /** Roles of this account the platform may assume (the tenant must be this account). */
  accessRoleArns: z.array(z.string()),
  elasticIps: z.array(z.string()),
  loadBalancers: z.array(z.strictObject({ arn: z.string(), addresses: z.array(z.string()) })),
  /**
   * Security groups by id, each with its tags (the access role may change only those tagged
   * `icp-recordal:managed=true`) and its inbound rules. A file written before tags existed
   * reads as untagged groups.
   */
  securityGroups: z.record(
    z.string(),
    z.strictObject({ tags: z.record(z.string(), z.string()).default({}), ingress: z.array(ingressRule) }),
  ),
});
export type LocalAccount = z.infer<typeof localAccount>;
type LocalSecurityGroup = LocalAccount['securityGroups'][string];

const managedTags = { [MANAGED_SECURITY_GROUP_TAG.key]: MANAGED_SECURITY_GROUP_TAG.value };

/** What the access role's policy checks (lib/customer-access-stack.ts): the group's tag. */
function isManaged(group: LocalSecurityGroup): boolean {
  return group.tags[MANAGED_SECURITY_GROUP_TAG.key] === MANAGED_SECURITY_GROUP_TAG.value;
}

const accountResourcesFile = z.strictObject({
  comment: z.string().optional(),
  accounts: z.record(z.string(), localAccount),
});
export type AccountResourcesFile = z.infer<typeof accountResourcesFile>;

/** The defaults of docs/design/api.md ("Local account resources"), written on first start. */
export function defaultAccountResources(): AccountResourcesFile {
  return {
    comment:
      'Local stand-in for the customer accounts (EC2/ELBv2 in cn-northwest-1). Edit freely; the platform re-reads it on every check and writes the inbound rules it opens or closes.',
    accounts: {
      '111111111111': {
        accessRoleArns: ['arn:aws-cn:iam::111111111111:role/IcpRecordalAccess'],
        elasticIps: ['52.83.10.10', '52.83.10.11'],
        loadBalancers: [
          {
            arn: 'arn:aws-cn:elasticloadbalancing:cn-northwest-1:111111111111:loadbalancer/net/app-nlb/0123456789abcdef',
            addresses: ['52.83.20.1', '52.83.20.2'],
          },
        ],
        securityGroups: {
          'sg-0a1b2c3d4e5f60001': { tags: { ...managedTags }, ingress: [] },
          // Not tagged: the access role may not change it (SECURITY_GROUP_NOT_MANAGED).
          'sg-0a1b2c3d4e5f60003': { tags: {}, ingress: [] },
        },
      },
      '222222222222': {
        accessRoleArns: ['arn:aws-cn:iam::222222222222:role/IcpRecordalAccess'],
        elasticIps: ['161.189.5.5'],
        loadBalancers: [],
        securityGroups: { 'sg-0b2c3d4e5f6a70002': { tags: { ...managedTags }, ingress: [] } },
      },
    },
  };
}

async function writeAtomically(path: string, data: AccountResourcesFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
  await rename(temporary, path);
}

/** Creates the file with the defaults unless it exists (a kept data folder keeps its edits). */
export async function ensureAccountResourcesFile(path: string): Promise<void> {
  try {
    await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeAtomically(path, defaultAccountResources());
  }
}

export async function readAccountResources(path: string): Promise<AccountResourcesFile> {
  await ensureAccountResourcesFile(path);
  const text = await readFile(path, 'utf8');
  const parsed = accountResourcesFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a valid account resources file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The account id inside an IAM role ARN (`arn:<partition>:iam::<account>:role/…`). */
function roleAccount(roleArn: string): string | undefined {
  return /^arn:[a-z-]+:iam::(\d{12}):role\/.+$/.exec(roleArn)?.[1];
}

/** The account behind the access, when its role could be assumed by this tenant. */
function assumable(file: AccountResourcesFile, access: AccountAccess): LocalAccount | undefined {
  const owner = roleAccount(access.accessRoleArn);
  // The role trusts the platform only with its own tenant's external id.
  if (owner === undefined || owner !== access.accountId) return undefined;
  const account = file.accounts[owner];
  return account?.accessRoleArns.includes(access.accessRoleArn) ? account : undefined;
}

function webRules(): LocalIngressRule[] {
  return WEB_PORTS.flatMap((port) => [ANYWHERE_IPV4, ANYWHERE_IPV6].map((cidr) => ({ protocol: 'tcp' as const, port, cidr })));
}

const sameRule = (a: LocalIngressRule, b: LocalIngressRule) => a.protocol === b.protocol && a.port === b.port && a.cidr === b.cidr;

export function createLocalNetworkAdapter(path: string): NetworkAdapter {
  // Read-modify-write of the one file, one change at a time within this process.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const changePorts = (access: AccountAccess, securityGroupIds: readonly string[], mode: 'open' | 'close') =>
    serialised(async () => {
      const file = await readAccountResources(path);
      const account = assumable(file, access);
      if (account === undefined) throw new AccessRoleUnusableError(access.accessRoleArn, 'not an access role of this account in the local account resources');
      for (const groupId of securityGroupIds) {
        const group = account.securityGroups[groupId];
        if (group === undefined) throw new Error(`InvalidGroup.NotFound: security group ${groupId} does not exist in ${access.accountId}`);
        // As on AWS: the role's policy allows the change only on tagged groups.
        if (!isManaged(group)) throw new Error(`UnauthorizedOperation: ${access.accessRoleArn} may not change ${groupId} (not tagged ${MANAGED_SECURITY_GROUP_TAG.key}=${MANAGED_SECURITY_GROUP_TAG.value})`);
        for (const rule of webRules()) {
          const present = group.ingress.some((r) => sameRule(r, rule));
          if (mode === 'open' && !present) group.ingress.push(rule);
          if (mode === 'close' && present) group.ingress = group.ingress.filter((r) => !sameRule(r, rule));
        }
      }
      await writeAtomically(path, file);
    });

  return {
    async describeAccount(access, securityGroupIds) {
      const file = await readAccountResources(path);
      const account = assumable(file, access);
      if (account === undefined) return unassumable();
      return {
        roleAssumable: true,
        elasticIps: [...account.elasticIps],
        loadBalancers: account.loadBalancers.map((lb) => ({ arn: lb.arn, addresses: [...lb.addresses] })),
        securityGroups: securityGroupIds.flatMap((id) => {
          const group = account.securityGroups[id];
          return group === undefined ? [] : [{ id, managed: isManaged(group) }];
        }),
      };
    },
    openPorts: (access, ids) => changePorts(access, ids, 'open'),
    closePorts: (access, ids) => changePorts(access, ids, 'close'),
  };
}
