import { AuthorizeSecurityGroupIngressCommand, DescribeAddressesCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fixture from '../../fixtures/filing-new.json' with { type: 'json' };
import { handler } from '../../../lambdas/check-resources/handler.js';
import { FILING_ID, context, documents, failureOf, filingItem, storeFilings, useMockedAws } from './support.js';
import { awsError } from '../../fixtures/aws-error.js';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const elb = mockClient(ElasticLoadBalancingV2Client);
useMockedAws();

beforeEach(() => {
  for (const m of [sts, ec2, elb]) m.reset();
  sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 900_000) } });
  ec2.on(DescribeAddressesCommand).resolves({ Addresses: [{ PublicIp: '52.83.10.10' }] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-0a1b2c3d4e5f60001' }] });
  ec2.on(AuthorizeSecurityGroupIngressCommand, { DryRun: true }).rejects(awsError('DryRunOperation', 412));
  elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
  documents.on(TransactWriteCommand).resolves({});
});

describe('check-resources', () => {
  test('assumes the role with the external id and passes a filing whose resources are in order', async () => {
    storeFilings(filingItem());
    const state = await handler({ filingId: FILING_ID, revision: 1 }, context('check-resources'));
    expect(state).toMatchObject({ filingId: FILING_ID, revision: 1, type: 'NEW', smsVerification: true });
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toMatchObject({ RoleArn: fixture.access.accessRoleArn, ExternalId: 'icp-recordal-111111111111' });
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]!.args[0].input).toEqual({ Filters: [{ Name: 'group-id', Values: ['sg-0a1b2c3d4e5f60001'] }] });
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  test('a filing that names no role is checked through the account profile\'s role (docs/design/filing.md)', async () => {
    const document = structuredClone(fixture) as { access: { accessRoleArn?: string } };
    delete document.access.accessRoleArn;
    storeFilings(filingItem({}, document));
    const profileRole = 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccessFromProfile';
    documents.on(GetCommand, { Key: { pk: 'ACCOUNT#111111111111', sk: 'PROFILE' } }).resolves({
      Item: { pk: 'ACCOUNT#111111111111', sk: 'PROFILE', accountId: '111111111111', profile: { accessRoleArn: profileRole }, version: 1 },
    });
    const state = await handler({ filingId: FILING_ID, revision: 1 }, context('check-resources'));
    expect(state).toMatchObject({ filingId: FILING_ID, type: 'NEW' });
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toMatchObject({ RoleArn: profileRole });
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  test('an IP the account does not own: RETURNED (conditional on status and version) and Recordal.FilingReturned', async () => {
    const document = structuredClone(fixture);
    document.access.ips = ['1.2.3.4'];
    storeFilings(filingItem({}, document));
    const error = await failureOf(handler({ filingId: FILING_ID, revision: 1 }, context('check-resources')));
    expect(error.name).toBe('Recordal.FilingReturned');
    const items = documents.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const update = items[0]!.Update!;
    expect(update.Key).toEqual({ pk: `FILING#${FILING_ID}`, sk: 'FILING' });
    expect(update.ConditionExpression).toContain('IN');
    expect(Object.values(update.ExpressionAttributeValues!)).toEqual(expect.arrayContaining(['RETURNED', 'SUBMITTED', 3]));
    const reasons = Object.values(update.ExpressionAttributeValues!).find(Array.isArray) as { code: string; path: string }[];
    expect(reasons).toEqual([expect.objectContaining({ code: 'IP_NOT_OWNED', path: 'access.ips.0' })]);
    expect(items.some((i) => i.Put?.Item?.type === 'STATUS_CHANGED' && i.Put.Item.to === 'RETURNED')).toBe(true);
  });

  test('a group the role may not change (the dry run is refused): RETURNED with SECURITY_GROUP_NOT_MANAGED, nothing opened', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand, { DryRun: true }).rejects(awsError('UnauthorizedOperation', 403));
    storeFilings(filingItem());
    const error = await failureOf(handler({ filingId: FILING_ID, revision: 1 }, context('check-resources')));
    expect(error.name).toBe('Recordal.FilingReturned');
    const update = documents.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Update!;
    const reasons = Object.values(update.ExpressionAttributeValues!).find(Array.isArray) as { code: string; path: string }[];
    expect(reasons).toEqual([expect.objectContaining({ code: 'SECURITY_GROUP_NOT_MANAGED', path: 'access.securityGroupIds.0' })]);
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).every((c) => c.args[0].input.DryRun === true)).toBe(true);
  });

  test('STS throttling surfaces as Recordal.TransientError (retried by the state machine), nothing written', async () => {
    storeFilings(filingItem());
    sts.on(AssumeRoleCommand).rejects(awsError('Throttling', 400));
    const error = await failureOf(handler({ filingId: FILING_ID, revision: 1 }, context('check-resources')));
    expect(error.name).toBe('Recordal.TransientError');
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  test('a filing at another revision ends the execution quietly (Recordal.FilingSuperseded)', async () => {
    storeFilings(filingItem({ revision: 2 }));
    const error = await failureOf(handler({ filingId: FILING_ID, revision: 1 }, context('check-resources')));
    expect(error.name).toBe('Recordal.FilingSuperseded');
    expect(sts.calls()).toHaveLength(0);
  });

  test('types without step 1 call nothing in the customer account', async () => {
    storeFilings(filingItem({ type: 'CANCEL_APP', targetFilingId: 'f-target' }, { type: 'CANCEL_APP', targetFilingId: 'f-target' }));
    await handler({ filingId: FILING_ID, revision: 1 }, context('check-resources'));
    expect(sts.calls()).toHaveLength(0);
  });
});
