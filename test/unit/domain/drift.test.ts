import exampleFiling from '../../fixtures/filing-new.json' with { type: 'json' };
import { judgeDrift, type FilingDocument } from '../../../lambdas/shared/domain/index.js';

const document = exampleFiling as unknown as FilingDocument;
const holds = { roleAssumable: true, elasticIps: ['52.83.10.10'], loadBalancers: [], securityGroups: [{ id: 'sg-0a1b2c3d4e5f60001', managed: true }] };

describe('judgeDrift (docs/design/api.md "Drift check")', () => {
  it('is CLEAN while the IP and the security group are still there', () => {
    expect(judgeDrift(document, holds)).toEqual({ kind: 'CLEAN' });
  });

  it('reports a released IP and a deleted security group, with their paths', () => {
    const verdict = judgeDrift(document, { ...holds, elasticIps: [], securityGroups: [] });
    expect(verdict.kind === 'DRIFT' && verdict.problems.map((p) => [p.code, p.path])).toEqual([
      ['IP_NOT_OWNED', 'access.ips.0'],
      ['SECURITY_GROUP_INVALID', 'access.securityGroupIds.0'],
    ]);
  });

  it('reports a security group whose managed tag was removed: the platform could no longer close its ports', () => {
    const verdict = judgeDrift(document, { ...holds, securityGroups: [{ id: 'sg-0a1b2c3d4e5f60001', managed: false }] });
    expect(verdict.kind === 'DRIFT' && verdict.problems.map((p) => [p.code, p.path])).toEqual([['SECURITY_GROUP_NOT_MANAGED', 'access.securityGroupIds.0']]);
  });

  it('reports a load balancer whose address set is no longer complete', () => {
    const lb = { arn: 'arn:aws-cn:elasticloadbalancing:cn-northwest-1:111111111111:loadbalancer/net/x/1', addresses: ['52.83.10.10', '52.83.20.9'] };
    const verdict = judgeDrift(document, { ...holds, elasticIps: [], loadBalancers: [lb] });
    expect(verdict.kind === 'DRIFT' && verdict.problems.map((p) => p.code)).toEqual(['ELB_IP_SET_INCOMPLETE']);
  });

  it('never calls a refused role drift: the check is INCOMPLETE, at the role', () => {
    const verdict = judgeDrift(document, { roleAssumable: false, elasticIps: [], loadBalancers: [], securityGroups: [] });
    expect(verdict).toMatchObject({ kind: 'INCOMPLETE', problem: { code: 'DRIFT_CHECK_INCOMPLETE', path: 'access.accessRoleArn' } });
    expect(verdict.kind === 'INCOMPLETE' && verdict.problem.messageZh).toMatch(/不表示资源已偏离/);
  });
});
