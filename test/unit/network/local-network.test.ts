import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessRoleUnusableError } from '../../../lambdas/shared/adapters/network/index.js';
import { createLocalNetworkAdapter, defaultAccountResources, readAccountResources } from '../../../lib/local/network-adapter.js';

let folder: string;
let file: string;
const A = { accountId: '111111111111', accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess' };
const GROUP = 'sg-0a1b2c3d4e5f60001';
/** Customer A's group without the managed tag (docs/design/api.md). */
const UNTAGGED = 'sg-0a1b2c3d4e5f60003';

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'network-'));
  file = join(folder, 'data', 'account-resources.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('local network adapter (account-resources.json)', () => {
  test('seeds the defaults of docs/design/api.md on first use and answers from them', async () => {
    const facts = await createLocalNetworkAdapter(file).describeAccount(A, [GROUP, 'sg-0000000000000000a', UNTAGGED]);
    expect(facts).toEqual({
      roleAssumable: true,
      elasticIps: ['52.83.10.10', '52.83.10.11'],
      loadBalancers: [{ arn: 'arn:aws-cn:elasticloadbalancing:cn-northwest-1:111111111111:loadbalancer/net/app-nlb/0123456789abcdef', addresses: ['52.83.20.1', '52.83.20.2'] }],
      securityGroups: [
        { id: GROUP, managed: true },
        { id: UNTAGGED, managed: false },
      ],
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(defaultAccountResources());
  });

  test('a role of another account, or one not listed, cannot be assumed', async () => {
    const adapter = createLocalNetworkAdapter(file);
    expect((await adapter.describeAccount({ accountId: '111111111111', accessRoleArn: 'arn:aws-cn:iam::222222222222:role/IcpRecordalAccess' }, [])).roleAssumable).toBe(false);
    expect((await adapter.describeAccount({ accountId: '111111111111', accessRoleArn: 'arn:aws-cn:iam::111111111111:role/Other' }, [])).roleAssumable).toBe(false);
    await expect(adapter.openPorts({ ...A, accessRoleArn: 'arn:aws-cn:iam::111111111111:role/Other' }, [GROUP])).rejects.toBeInstanceOf(AccessRoleUnusableError);
  });

  test('opening writes the six rules back (idempotently); closing removes exactly them', async () => {
    const adapter = createLocalNetworkAdapter(file);
    await adapter.openPorts(A, [GROUP]);
    await adapter.openPorts(A, [GROUP]);
    const opened = (await readAccountResources(file)).accounts['111111111111']!.securityGroups[GROUP]!.ingress;
    expect(opened).toHaveLength(6);
    for (const port of [80, 8080, 443]) {
      expect(opened).toContainEqual({ protocol: 'tcp', port, cidr: '0.0.0.0/0' });
      expect(opened).toContainEqual({ protocol: 'tcp', port, cidr: '::/0' });
    }
    // A rule a person added by hand stays.
    const edited = await readAccountResources(file);
    edited.accounts['111111111111']!.securityGroups[GROUP]!.ingress.push({ protocol: 'tcp', port: 22, cidr: '10.0.0.0/8' });
    await writeFile(file, JSON.stringify(edited));
    await adapter.closePorts(A, [GROUP]);
    await adapter.closePorts(A, [GROUP]);
    expect((await readAccountResources(file)).accounts['111111111111']!.securityGroups[GROUP]!.ingress).toEqual([{ protocol: 'tcp', port: 22, cidr: '10.0.0.0/8' }]);
  });

  test('an unknown security group fails the port change', async () => {
    await expect(createLocalNetworkAdapter(file).openPorts(A, ['sg-0000000000000000a'])).rejects.toThrow('InvalidGroup.NotFound');
  });

  test('the managed fact follows the tag a person edits; an untagged group refuses port changes like the role policy', async () => {
    const adapter = createLocalNetworkAdapter(file);
    await expect(adapter.openPorts(A, [UNTAGGED])).rejects.toThrow('UnauthorizedOperation');
    const edited = await readAccountResources(file);
    edited.accounts['111111111111']!.securityGroups[UNTAGGED]!.tags['icp-recordal:managed'] = 'true';
    delete edited.accounts['111111111111']!.securityGroups[GROUP]!.tags['icp-recordal:managed'];
    await writeFile(file, JSON.stringify(edited));
    expect((await adapter.describeAccount(A, [GROUP, UNTAGGED])).securityGroups).toEqual([
      { id: GROUP, managed: false },
      { id: UNTAGGED, managed: true },
    ]);
    await adapter.openPorts(A, [UNTAGGED]);
    expect((await readAccountResources(file)).accounts['111111111111']!.securityGroups[UNTAGGED]!.ingress).toHaveLength(6);
  });

  test('a group written without tags (an older data file) reads as not managed', async () => {
    const old = defaultAccountResources() as { accounts: Record<string, { securityGroups: Record<string, { tags?: unknown }> }> };
    delete old.accounts['111111111111']!.securityGroups[GROUP]!.tags;
    await writeFile(file.replace('data/', ''), JSON.stringify(old));
    const facts = await createLocalNetworkAdapter(file.replace('data/', '')).describeAccount(A, [GROUP]);
    expect(facts.securityGroups).toEqual([{ id: GROUP, managed: false }]);
  });

  test('an invalid file is reported with its path', async () => {
    await writeFile(file.replace('data/', ''), JSON.stringify({ accounts: { x: { elasticIps: 'nope' } } }));
    await expect(createLocalNetworkAdapter(file.replace('data/', '')).describeAccount(A, [])).rejects.toThrow('not a valid account resources file');
  });
});
