import { App, Aws, BootstraplessSynthesizer, CfnCondition, CfnOutput, CfnParameter, Fn, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { AccountPrincipal, PolicyDocument, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { DEFAULT_EXTERNAL_ID_PREFIX } from '../lambdas/shared/adapters/network/external-id.js';
import { ACCESS_ROLE_NAME_PREFIX, MANAGED_SECURITY_GROUP_TAG, PROJECT, REGION } from './config.js';
import { acknowledgeWildcardResource } from './constructs/nag.js';

export interface CustomerAccessStackProps extends StackProps {
  /** The platform's account, the default of the PlatformAccountId parameter when known. */
  readonly platformAccountId?: string;
}

/** Read-only calls the resource check makes; none of them supports resource-level permissions. */
export const ACCESS_ROLE_DESCRIBE_ACTIONS = [
  'ec2:DescribeAddresses',
  'ec2:DescribeSecurityGroups',
  'elasticloadbalancing:DescribeLoadBalancers',
] as const;

/** Port opening and closing, allowed only on security groups tagged as managed. */
export const ACCESS_ROLE_PORT_ACTIONS = ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'] as const;

/**
 * What a customer deploys in its own account (docs/design/architecture.md): a role the platform may
 * assume with the customer's external id, allowed to read its addresses, load balancers and
 * security groups, and to open or close ports only on groups tagged `icp-recordal:managed=true`.
 * Synthesized without bootstrap resources so it can be deployed as a plain template.
 */
export class CustomerAccessStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: CustomerAccessStackProps = {}) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), ...props });

    const platformAccountId = new CfnParameter(this, 'PlatformAccountId', {
      type: 'String',
      description: 'The AWS China account of the ICP recordal platform (12 digits)',
      allowedPattern: '^\\d{12}$',
      ...(props.platformAccountId !== undefined ? { default: props.platformAccountId } : {}),
    });
    const externalIdParameter = new CfnParameter(this, 'ExternalId', {
      type: 'String',
      description: `The external id the platform assumes the role with; empty for the platform's default, ${DEFAULT_EXTERNAL_ID_PREFIX}<this account id>`,
      default: '',
      maxLength: 1224,
      allowedPattern: '^[\\w+=,.@:/-]*$',
    });
    // The platform derives the external id from the caller's account (external-id.ts), so the
    // default needs no parameter: `cdk deploy --all` works as is.
    const useDefaultExternalId = new CfnCondition(this, 'UseDefaultExternalId', {
      expression: Fn.conditionEquals(externalIdParameter.valueAsString, ''),
    });
    const externalId = Fn.conditionIf(
      useDefaultExternalId.logicalId,
      `${DEFAULT_EXTERNAL_ID_PREFIX}${Aws.ACCOUNT_ID}`,
      externalIdParameter.valueAsString,
    ).toString();

    const securityGroups = this.formatArn({ service: 'ec2', resource: 'security-group', resourceName: '*' });
    this.role = new Role(this, 'AccessRole', {
      roleName: ACCESS_ROLE_NAME_PREFIX,
      description: 'Lets the ICP recordal platform check addresses and security groups and open TCP 80/8080/443',
      assumedBy: new AccountPrincipal(platformAccountId.valueAsString).withConditions({
        StringEquals: { 'sts:ExternalId': externalId },
      }),
      inlinePolicies: {
        RecordalAccess: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'DescribeAddressesLoadBalancersSecurityGroups',
              actions: [...ACCESS_ROLE_DESCRIBE_ACTIONS],
              resources: ['*'],
              // The platform always calls cn-northwest-1, wherever the customer deploys this role.
              conditions: { StringEquals: { 'aws:RequestedRegion': REGION } },
            }),
            new PolicyStatement({
              sid: 'OpenAndCloseManagedPorts',
              actions: [...ACCESS_ROLE_PORT_ACTIONS],
              resources: [securityGroups],
              conditions: {
                StringEquals: { [`aws:ResourceTag/${MANAGED_SECURITY_GROUP_TAG.key}`]: MANAGED_SECURITY_GROUP_TAG.value },
              },
            }),
          ],
        }),
      },
    });
    acknowledgeWildcardResource(
      this.role,
      '*',
      'The three Describe actions support no resource-level permissions, so they are confined to this region instead.',
    );
    acknowledgeWildcardResource(
      this.role,
      securityGroups,
      'Security groups are chosen per filing, so the grant covers the groups carrying the icp-recordal:managed=true tag only.',
    );

    new CfnOutput(this, 'AccessRoleArn', {
      description: 'Enter this as accessRoleArn on your account profile',
      value: this.role.roleArn,
    });
  }
}

/** The stack's name, in the platform's app and in the published template. */
export const CUSTOMER_ACCESS_STACK_NAME = 'IcpRecordalCustomerAccess';

/** Adds the customer access role stack, as the platform's app and the published template have it. */
export function addCustomerAccessStack(scope: Construct, platformAccountId: string | undefined): CustomerAccessStack {
  const stack = new CustomerAccessStack(scope, CUSTOMER_ACCESS_STACK_NAME, {
    // Deployed by customers in their own accounts: no platform account in its environment.
    env: { region: REGION },
    description: 'ICP recordal: the access role a customer deploys for the platform',
    ...(platformAccountId !== undefined ? { platformAccountId } : {}),
  });
  Tags.of(stack).add('project', PROJECT);
  return stack;
}

/**
 * The template the provider publishes for customers (`npm run customer-template`): plain
 * CloudFormation with no assets, no CDK metadata and no bootstrap rule, every parameter
 * defaulted, so that `aws cloudformation deploy` is all a customer runs (docs/deploy.md).
 */
export function customerAccessTemplate(platformAccountId: string): Record<string, unknown> {
  if (!/^\d{12}$/.test(platformAccountId)) throw new Error(`the platform account must be 12 digits, not "${platformAccountId}"`);
  const app = new App({ analyticsReporting: false });
  const stack = addCustomerAccessStack(app, platformAccountId);
  return app.synth().getStackByName(stack.stackName).template as Record<string, unknown>;
}
