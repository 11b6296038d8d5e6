// The customer access role stack, which customers deploy in their own accounts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ACCESS_ROLE_DESCRIBE_ACTIONS, ACCESS_ROLE_PORT_ACTIONS, CustomerAccessStack, customerAccessTemplate } from '../../lib/customer-access-stack.js';
import { DEFAULT_EXTERNAL_ID_PREFIX, externalIdFor } from '../../lambdas/shared/adapters/network/external-id.js';
import { REPO_ROOT, asArray, flat, type Statement } from './synth.js';

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

  it('allows the Describe calls in cn-northwest-1, the only region the platform calls, wherever the role is deployed', () => {
    const statements = role.Properties.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
    const describe = statements.find((statement) => asArray(statement.Action).includes('ec2:DescribeAddresses')) as Statement;
    expect(describe.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': 'cn-northwest-1' } });
  });

  it('outputs the role ARN to enter on the account profile', () => {
    template.hasOutput('AccessRoleArn', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
  });

  it('passes cdk-nag AwsSolutions with the two wildcard resources acknowledged', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain('arn:aws:');
  });
});

describe('the published customer template (npm run customer-template)', () => {
  const published = customerAccessTemplate('123456789012') as {
    Parameters: Record<string, { Default?: unknown }>;
    Resources: Record<string, { Type: string }>;
    Rules?: unknown;
    Metadata?: unknown;
  };

  it('is plain CloudFormation: the role only, no assets, no CDK metadata, no bootstrap rule', () => {
    expect(Object.values(published.Resources).map((resource) => resource.Type)).toEqual(['AWS::IAM::Role']);
    expect(published.Rules).toBeUndefined();
    expect(JSON.stringify(published)).not.toMatch(/cdk-hnb659fds|AWS::CDK::Metadata|BootstrapVersion|aws:asset/);
  });

  it('defaults every parameter, the platform account included, so a customer passes none', () => {
    expect(Object.keys(published.Parameters).sort()).toEqual(['ExternalId', 'PlatformAccountId']);
    for (const [name, parameter] of Object.entries(published.Parameters)) expect({ name, hasDefault: 'Default' in parameter }).toEqual({ name, hasDefault: true });
    expect(published.Parameters.PlatformAccountId?.Default).toBe('123456789012');
  });

  it('refuses a platform account that is not 12 digits', () => {
    expect(() => customerAccessTemplate('12345')).toThrow('12 digits');
  });

  it('is what the npm script writes, and the script says the customer command', () => {
    const folder = mkdtempSync(join(tmpdir(), 'customer-template-'));
    try {
      const out = join(folder, 'role.template.json');
      const run = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['bin/customer-template.ts', '--platform-account', '123456789012', '--out', out], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(published);
      expect(run.stdout).toContain('aws cloudformation deploy');
      expect(run.stdout).toContain('--capabilities CAPABILITY_NAMED_IAM');
      const missing = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['bin/customer-template.ts', '--out', out], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, CDK_DEFAULT_ACCOUNT: '' },
      });
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('platform account');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
