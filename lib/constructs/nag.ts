import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
// cdk-nag's own rendering of a resource in IAM5 finding ids, so acknowledgments match it.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';

/**
 * Acknowledges the cdk-nag IAM5 finding for one wildcard resource granted within `scope`.
 * The resource must not be a cross-stack reference (its rendering would change at synth).
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const rendered = flattenCfnReference(Stack.of(scope).resolve(resource));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${rendered}]`, reason });
}
