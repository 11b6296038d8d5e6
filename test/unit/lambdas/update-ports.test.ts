import { AuthorizeSecurityGroupIngressCommand, EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import fixture from '../../fixtures/filing-new.json' with { type: 'json' };
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../../lambdas/update-ports/handler.js';
import { FILING_ID, context, documents, failureOf, filingItem, storeFilings, useMockedAws } from './support.js';
import { EXPECTED_WEB_PERMISSIONS } from '../../fixtures/web-ingress.js';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
useMockedAws();


beforeEach(() => {
  sts.reset();
  ec2.reset();
  sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 900_000) } });
  ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
  ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
});

describe('update-ports', () => {
  test('NEW: authorises 80, 8080 and 443 from anywhere (IPv4 and IPv6) through the assumed role, answers the ports', async () => {
    storeFilings(filingItem({ status: 'CA_REVIEW' }));
    const ports = (await handler({ filingId: FILING_ID, revision: 1 }, context('update-ports'))) as Record<string, { open: boolean }>;
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toMatchObject({ RoleArn: fixture.access.accessRoleArn, ExternalId: 'icp-recordal-111111111111' });
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual([{ GroupId: 'sg-0a1b2c3d4e5f60001', IpPermissions: EXPECTED_WEB_PERMISSIONS }]);
    expect(ports[FILING_ID]).toMatchObject({ open: true, securityGroupIds: ['sg-0a1b2c3d4e5f60001'] });
  });

  test('CANCEL_APP: revokes the same rules on the target, answers it closed', async () => {
    const target = filingItem({ filingId: 'f-target', status: 'APPROVED', ports: { open: true, securityGroupIds: ['sg-0a1b2c3d4e5f60001'], openedAt: '2026-11-01T00:00:00.000Z' } });
    storeFilings(filingItem({ status: 'CA_REVIEW', type: 'CANCEL_APP', targetFilingId: 'f-target' }, { type: 'CANCEL_APP', targetFilingId: 'f-target' }), target);
    const ports = (await handler({ filingId: FILING_ID, revision: 1 }, context('update-ports'))) as Record<string, { open: boolean }>;
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual([{ GroupId: 'sg-0a1b2c3d4e5f60001', IpPermissions: EXPECTED_WEB_PERMISSIONS }]);
    expect(ports['f-target']).toMatchObject({ open: false, openedAt: '2026-11-01T00:00:00.000Z' });
  });

  test('CANCEL_ACCESS: revokes the rules on the target through its role, answers it closed', async () => {
    const target = filingItem({ filingId: 'f-target', status: 'APPROVED', ports: { open: true, securityGroupIds: ['sg-0a1b2c3d4e5f60001'] } });
    storeFilings(filingItem({ status: 'CA_REVIEW', type: 'CANCEL_ACCESS', targetFilingId: 'f-target' }, { type: 'CANCEL_ACCESS', targetFilingId: 'f-target' }), target);
    const ports = (await handler({ filingId: FILING_ID, revision: 1 }, context('update-ports'))) as Record<string, { open: boolean }>;
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input.GroupId)).toEqual(['sg-0a1b2c3d4e5f60001']);
    expect(ports['f-target']).toMatchObject({ open: false });
  });

  test("CANCEL_ENTITY: closes the ports of every approved NEW filing of the entity in the account", async () => {
    const groups = { a: 'sg-0a1b2c3d4e5f6000a', b: 'sg-0a1b2c3d4e5f6000b' };
    const withGroup = (filingId: string, sg: string) =>
      filingItem({ filingId, status: 'APPROVED' }, { ...structuredClone(fixture), access: { ...fixture.access, securityGroupIds: [sg] } });
    const [a, b] = [withGroup('f-a', groups.a), withGroup('f-b', groups.b)];
    storeFilings(filingItem({ status: 'CA_REVIEW', type: 'CANCEL_ENTITY', targetFilingId: 'f-a' }, { type: 'CANCEL_ENTITY', targetFilingId: 'f-a' }), a, b);
    documents.on(QueryCommand).resolves({ Items: [a, b] });
    const ports = (await handler({ filingId: FILING_ID, revision: 1 }, context('update-ports'))) as Record<string, { open: boolean }>;
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input.GroupId).sort()).toEqual([groups.a, groups.b]);
    expect(ports).toMatchObject({ 'f-a': { open: false }, 'f-b': { open: false } });
  });

  test('a cancellation still takes effect when the role is gone: the ports stay recorded open', async () => {
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    storeFilings(filingItem({ status: 'CA_REVIEW', type: 'CANCEL_ACCESS', targetFilingId: 'f-target' }, { type: 'CANCEL_ACCESS', targetFilingId: 'f-target' }), filingItem({ filingId: 'f-target', status: 'APPROVED' }));
    const ports = (await handler({ filingId: FILING_ID, revision: 1 }, context('update-ports'))) as Record<string, { open: boolean }>;
    expect(ports['f-target']?.open).toBe(true);
    expect(ec2.calls()).toHaveLength(0);
  });

  test('EC2 throttling is Recordal.TransientError', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(Object.assign(new Error('slow'), { name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } }));
    storeFilings(filingItem({ status: 'CA_REVIEW' }));
    expect((await failureOf(handler({ filingId: FILING_ID, revision: 1 }, context('update-ports')))).name).toBe('Recordal.TransientError');
  });

  test('CHANGE_INFO changes no port', async () => {
    storeFilings(filingItem({ status: 'CA_REVIEW', type: 'CHANGE_INFO', targetFilingId: 'f-target' }, { type: 'CHANGE_INFO', targetFilingId: 'f-target' }));
    expect(await handler({ filingId: FILING_ID, revision: 1 }, context('update-ports'))).toEqual({});
    expect(sts.calls()).toHaveLength(0);
  });
});
