// The customer access role stack, which customers deploy in their own accounts.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ACCESS_ROLE_DESCRIBE_ACTIONS, ACCESS_ROLE_PORT_ACTIONS, CustomerAccessStack } from '../../lib/customer-access-stack.js';
import { DEFAULT_EXTERNAL_ID_PREFIX, externalIdFor } from '../../lambdas/shared/adapters/network/external-id.js';
import { asArray, flat, type Statement } from './synth.js';

const app = new App();
const stack = new CustomerAccessStack(app, 'CustomerAccess', { env: { region: 'cn-northwest-1' }, platformAccountId: '999999999999' });
const template = Template.fromStack(stack);
const role = Object.values(template.findResources('AWS::IAM::Role'))[0] as {
  Properties: {
    RoleName: string;
    AssumeRolePolicyDocument: { Statement: Array<Statement & { Principal: unknown }> };
    Policies: Array<{ PolicyDocument: { Statement: Statement[] } }>;
  };
};

describe('customer access role', () => {
  it('is the one role of the stack, named by the IcpRecordalAccess convention', () => {
    template.resourceCountIs('AWS::IAM::Role', 1);
    expect(role.Properties.RoleName).toMatch(/^IcpRecordalAccess/);
    // Nothing else: no managed policies, no separate policy resources, no bootstrap rule.
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(Object.keys((template.toJSON() as { Rules?: object }).Rules ?? {})).toEqual([]);
  });

  it('trusts the platform account only, with the external id given as a parameter or the platform default', () => {
    template.hasParameter('ExternalId', { Type: 'String', Default: '' });
    template.hasParameter('PlatformAccountId', { Type: 'String', Default: '999999999999', AllowedPattern: '^\\d{12}$' });
    template.hasCondition('UseDefaultExternalId', { 'Fn::Equals': [{ Ref: 'ExternalId' }, ''] });
    const trust = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toEqual({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'PlatformAccountId' }, ':root']] } },
      Condition: {
        StringEquals: {
          'sts:ExternalId': {
            'Fn::If': ['UseDefaultExternalId', { 'Fn::Join': ['', [`${DEFAULT_EXTERNAL_ID_PREFIX}`, { Ref: 'AWS::AccountId' }]] }, { Ref: 'ExternalId' }],
          },
        },
      },
    });
  });

  it("defaults the external id to the one the platform presents for this account", () => {
    expect(externalIdFor('111111111111', undefined)).toBe(`${DEFAULT_EXTERNAL_ID_PREFIX}111111111111`);
  });

  it('allows exactly the three Describe calls and, on managed security groups only, ingress authorize and revoke', () => {
    const statements = role.Properties.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
    expect(statements.every((statement) => statement.Effect === 'Allow')).toBe(true);
    const actions = statements.flatMap((statement) => asArray(statement.Action)).sort();
    expect(actions).toEqual([...ACCESS_ROLE_DESCRIBE_ACTIONS, ...ACCESS_ROLE_PORT_ACTIONS].sort());
    expect(actions).toEqual(
      [
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:DescribeAddresses',
        'ec2:DescribeSecurityGroups',
        'ec2:RevokeSecurityGroupIngress',
        'elasticloadbalancing:DescribeLoadBalancers',
      ].sort(),
    );
    const ports = statements.find((statement) => asArray(statement.Action).includes('ec2:AuthorizeSecurityGroupIngress')) as Statement;
    expect(asArray(ports.Action).sort()).toEqual(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress']);
    expect(asArray(ports.Resource).map(flat)).toEqual(['arn:<AWS::Partition>:ec2:cn-northwest-1:<AWS::AccountId>:security-group/*']);
    expect(ports.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/icp-recordal:managed': 'true' } });
  });

  it('outputs the role ARN to enter on the account profile', () => {
    template.hasOutput('AccessRoleArn', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
  });

  it('passes cdk-nag AwsSolutions with the two wildcard resources acknowledged', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain('arn:aws:');
  });
});
