import { checkAccountResources, parseFilingDraft, type AccountResourceFacts, type FilingDocument } from '../../../lambdas/shared/domain/index.js';
import { exampleWith } from './fixtures.js';

const nlb = 'arn:aws-cn:elasticloadbalancing:cn-northwest-1:111111111111:loadbalancer/net/app-nlb/0123456789abcdef';
/** Customer A's local account resources (docs/design/api.md). */
const factsA: AccountResourceFacts = {
  roleAssumable: true,
  elasticIps: ['52.83.10.10', '52.83.10.11'],
  loadBalancers: [{ arn: nlb, addresses: ['52.83.20.1', '52.83.20.2'] }],
  securityGroups: [
    { id: 'sg-0a1b2c3d4e5f60001', managed: true },
    { id: 'sg-0a1b2c3d4e5f60003', managed: false },
  ],
};

function filing(changes: Record<string, unknown>): FilingDocument {
  const r = parseFilingDraft(exampleWith(changes));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}
const codes = (document: FilingDocument, facts = factsA) => checkAccountResources(document, facts).map((p) => `${p.code} ${p.path}`);

describe('checkAccountResources', () => {
  it('accepts Elastic IPs of the account and the complete address set of its load balancer', () => {
    expect(codes(filing({}))).toEqual([]);
    expect(codes(filing({ 'access.ips': ['52.83.10.10', '52.83.10.11'] }))).toEqual([]);
    expect(codes(filing({ 'access.ips': ['52.83.20.2', '52.83.20.1'] }))).toEqual([]);
  });

  it('IP_NOT_OWNED: an address of nobody, or of another account', () => {
    expect(codes(filing({ 'access.ips': ['52.83.10.10', '1.2.3.4', '161.189.5.5'] }))).toEqual(['IP_NOT_OWNED access.ips.1', 'IP_NOT_OWNED access.ips.2']);
  });

  it('ELB_IP_SET_INCOMPLETE: one address of a load balancer without the others', () => {
    const problems = checkAccountResources(filing({ 'access.ips': ['52.83.20.1'] }), factsA);
    expect(problems.map((p) => p.code)).toEqual(['ELB_IP_SET_INCOMPLETE']);
    expect(problems[0]!.message).toContain('52.83.20.2');
  });

  it('compares IPv6 addresses in one spelling', () => {
    const facts = { ...factsA, elasticIps: ['2400:da00:0:0::1'] };
    expect(codes(filing({ 'access.ips': ['2400:DA00::1'] }), facts)).toEqual([]);
  });

  it('SECURITY_GROUP_INVALID: a group that does not exist in the account', () => {
    expect(codes(filing({ 'access.securityGroupIds': ['sg-0a1b2c3d4e5f60001', 'sg-0b2c3d4e5f6a70002'] }))).toEqual(['SECURITY_GROUP_INVALID access.securityGroupIds.1']);
  });

  it('SECURITY_GROUP_NOT_MANAGED: a group of the account the access role may not change (untagged)', () => {
    const document = filing({ 'access.securityGroupIds': ['sg-0a1b2c3d4e5f60003', 'sg-0a1b2c3d4e5f60001', 'sg-0a1b2c3d4e5f69999'] });
    expect(codes(document)).toEqual(['SECURITY_GROUP_NOT_MANAGED access.securityGroupIds.0', 'SECURITY_GROUP_INVALID access.securityGroupIds.2']);
    const [notManaged] = checkAccountResources(document, factsA);
    expect(notManaged!.message).toContain('icp-recordal:managed=true');
    expect(notManaged!.messageZh).toContain('icp-recordal:managed=true');
  });

  it('ACCESS_ROLE_INVALID: the role cannot be assumed (then nothing else is judged)', () => {
    expect(codes(filing({ 'access.ips': ['1.2.3.4'] }), { ...factsA, roleAssumable: false })).toEqual(['ACCESS_ROLE_INVALID access.accessRoleArn']);
  });
});
