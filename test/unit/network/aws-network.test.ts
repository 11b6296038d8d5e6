import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeAddressesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsNetworkAdapter, AccessRoleUnusableError, webIpPermissions } from '../../../lambdas/shared/adapters/network/index.js';
import { TransientError, classifyError } from '../../../lambdas/shared/workflow/errors.js';
import { EXPECTED_WEB_PERMISSIONS } from '../../fixtures/web-ingress.js';
import { awsError } from '../../fixtures/aws-error.js';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const elb = mockClient(ElasticLoadBalancingV2Client);

const ACCESS = { accountId: '111111111111', accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess' };
const GROUP = 'sg-0a1b2c3d4e5f60001';



beforeEach(() => {
  sts.reset();
  ec2.reset();
  elb.reset();
  delete process.env.ACCESS_ROLE_EXTERNAL_ID_PREFIX;
  sts.on(AssumeRoleCommand).resolves({
    Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date(Date.now() + 900_000) },
  });
});

describe('AWS network adapter', () => {
  test('assumes the access role with the tenant external id, then describes EIPs, groups and load balancers', async () => {
    ec2.on(DescribeAddressesCommand).resolves({ Addresses: [{ PublicIp: '52.83.10.10' }, { PublicIp: '52.83.10.11' }] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: GROUP }] });
    ec2.on(AuthorizeSecurityGroupIngressCommand, { DryRun: true }).rejects(awsError('DryRunOperation', 412));
    elb.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: [
        {
          LoadBalancerArn: 'arn:aws-cn:elasticloadbalancing:cn-northwest-1:111111111111:loadbalancer/net/app-nlb/0123456789abcdef',
          AvailabilityZones: [
            { ZoneName: 'cn-northwest-1a', LoadBalancerAddresses: [{ IpAddress: '52.83.20.1' }] },
            { ZoneName: 'cn-northwest-1b', LoadBalancerAddresses: [{ IpAddress: '52.83.20.2', IPv6Address: '2404:c2c0::1' }] },
          ],
        },
      ],
    });

    const facts = await createAwsNetworkAdapter().describeAccount(ACCESS, [GROUP, 'sg-0a1b2c3d4e5f69999']);

    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toEqual({
      RoleArn: ACCESS.accessRoleArn,
      RoleSessionName: 'icp-recordal-111111111111',
      ExternalId: 'icp-recordal-111111111111',
      DurationSeconds: 900,
    });
    expect(ec2.commandCalls(DescribeAddressesCommand)[0]!.args[0].input).toEqual({});
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]!.args[0].input).toEqual({
      Filters: [{ Name: 'group-id', Values: [GROUP, 'sg-0a1b2c3d4e5f69999'] }],
    });
    expect(elb.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(1);
    expect(facts).toEqual({
      roleAssumable: true,
      elasticIps: ['52.83.10.10', '52.83.10.11'],
      loadBalancers: [
        {
          arn: 'arn:aws-cn:elasticloadbalancing:cn-northwest-1:111111111111:loadbalancer/net/app-nlb/0123456789abcdef',
          addresses: ['52.83.20.1', '52.83.20.2', '2404:c2c0::1'],
        },
      ],
      securityGroups: [{ id: GROUP, managed: true }],
    });
    // The permission is proved with a dry run of the very rules, through the assumed role.
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual([
      { GroupId: GROUP, IpPermissions: EXPECTED_WEB_PERMISSIONS, DryRun: true },
    ]);
  });

  test('SECURITY_GROUP_NOT_MANAGED facts: DryRunOperation = managed, UnauthorizedOperation = not managed', async () => {
    const other = 'sg-0a1b2c3d4e5f60003';
    ec2.on(DescribeAddressesCommand).resolves({});
    elb.on(DescribeLoadBalancersCommand).resolves({});
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: GROUP }, { GroupId: other }] });
    ec2.on(AuthorizeSecurityGroupIngressCommand, { GroupId: GROUP, DryRun: true }).rejects(awsError('DryRunOperation', 412));
    ec2.on(AuthorizeSecurityGroupIngressCommand, { GroupId: other, DryRun: true }).rejects(awsError('UnauthorizedOperation', 403));
    const facts = await createAwsNetworkAdapter().describeAccount(ACCESS, [GROUP, other]);
    expect(facts.securityGroups).toEqual([
      { id: GROUP, managed: true },
      { id: other, managed: false },
    ]);
  });

  test('a throttled dry run is thrown as transient, not read as "not managed"', async () => {
    ec2.on(DescribeAddressesCommand).resolves({});
    elb.on(DescribeLoadBalancersCommand).resolves({});
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: GROUP }] });
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('RequestLimitExceeded', 503));
    const failure = await createAwsNetworkAdapter().describeAccount(ACCESS, [GROUP]).catch((e: unknown) => e);
    expect(classifyError(failure)).toBeInstanceOf(TransientError);
  });

  test('the external id prefix comes from ACCESS_ROLE_EXTERNAL_ID_PREFIX', async () => {
    process.env.ACCESS_ROLE_EXTERNAL_ID_PREFIX = 'prod-recordal-';
    ec2.on(DescribeAddressesCommand).resolves({});
    elb.on(DescribeLoadBalancersCommand).resolves({});
    await createAwsNetworkAdapter().describeAccount(ACCESS, []);
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input.ExternalId).toBe('prod-recordal-111111111111');
    // No group asked: no DescribeSecurityGroups.
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)).toHaveLength(0);
  });

  test('a role that refuses AssumeRole is reported, not thrown, and nothing else is called', async () => {
    sts.on(AssumeRoleCommand).rejects(awsError('AccessDenied', 403));
    const facts = await createAwsNetworkAdapter().describeAccount(ACCESS, [GROUP]);
    expect(facts).toEqual({ roleAssumable: false, elasticIps: [], loadBalancers: [], securityGroups: [] });
    expect(ec2.calls()).toHaveLength(0);
    expect(elb.calls()).toHaveLength(0);
    await expect(createAwsNetworkAdapter().openPorts(ACCESS, [GROUP])).rejects.toBeInstanceOf(AccessRoleUnusableError);
  });

  test('STS throttling is thrown and classified as the transient workflow error', async () => {
    sts.on(AssumeRoleCommand).rejects(awsError('Throttling'));
    const failure = await createAwsNetworkAdapter().describeAccount(ACCESS, [GROUP]).catch((e: unknown) => e);
    expect(classifyError(failure)).toBeInstanceOf(TransientError);
    expect((classifyError(failure) as Error).name).toBe('Recordal.TransientError');
  });

  test('EC2 throttling (RequestLimitExceeded) is classified as transient', async () => {
    ec2.on(DescribeAddressesCommand).rejects(awsError('RequestLimitExceeded', 503));
    elb.on(DescribeLoadBalancersCommand).resolves({});
    const failure = await createAwsNetworkAdapter().describeAccount(ACCESS, []).catch((e: unknown) => e);
    expect(classifyError(failure)).toBeInstanceOf(TransientError);
  });

  test('openPorts authorises TCP 80, 8080 and 443 from 0.0.0.0/0 and ::/0 on each group', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
    await createAwsNetworkAdapter().openPorts(ACCESS, [GROUP, 'sg-0b2c3d4e5f6a70002']);
    const calls = ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      { GroupId: GROUP, IpPermissions: EXPECTED_WEB_PERMISSIONS },
      { GroupId: 'sg-0b2c3d4e5f6a70002', IpPermissions: EXPECTED_WEB_PERMISSIONS },
    ]);
    expect(webIpPermissions()).toEqual(EXPECTED_WEB_PERMISSIONS);
  });

  test('an existing rule is success: the rules are then applied one at a time, duplicates ignored', async () => {
    ec2
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejectsOnce(awsError('InvalidPermission.Duplicate'))
      .rejectsOnce(awsError('InvalidPermission.Duplicate'))
      .resolves({ Return: true });
    await createAwsNetworkAdapter().openPorts(ACCESS, [GROUP]);
    const calls = ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input.IpPermissions);
    expect(calls).toHaveLength(7);
    expect(calls.slice(1).map((p) => [p![0]!.FromPort, p![0]!.IpRanges?.[0]?.CidrIp ?? p![0]!.Ipv6Ranges?.[0]?.CidrIpv6])).toEqual([
      [80, '0.0.0.0/0'],
      [80, '::/0'],
      [8080, '0.0.0.0/0'],
      [8080, '::/0'],
      [443, '0.0.0.0/0'],
      [443, '::/0'],
    ]);
  });

  test('closePorts revokes exactly those rules; an absent rule is success', async () => {
    ec2.on(RevokeSecurityGroupIngressCommand).rejectsOnce(awsError('InvalidPermission.NotFound')).resolves({ Return: true });
    await createAwsNetworkAdapter().closePorts(ACCESS, [GROUP]);
    const calls = ec2.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input);
    expect(calls[0]).toEqual({ GroupId: GROUP, IpPermissions: EXPECTED_WEB_PERMISSIONS });
    expect(calls).toHaveLength(7);
  });

  test('other EC2 failures of port changes are thrown', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('UnauthorizedOperation', 403));
    await expect(createAwsNetworkAdapter().openPorts(ACCESS, [GROUP])).rejects.toThrow('UnauthorizedOperation');
  });

  test('the assumed session is reused while valid', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
    const adapter = createAwsNetworkAdapter();
    await adapter.openPorts(ACCESS, [GROUP]);
    await adapter.closePorts(ACCESS, []);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });
});
