import { FUNCTIONS, type FunctionName } from '../../../lambdas/catalog.js';

/** The local platform stands in for AWS China, Ningxia. */
export { PARTITION as LOCAL_PARTITION, REGION as LOCAL_REGION } from '../../../lambdas/shared/region.js';
import { PARTITION as LOCAL_PARTITION, REGION as LOCAL_REGION } from '../../../lambdas/shared/region.js';

export function stateMachineArn(accountId: string, stateMachineName: string): string {
  return `arn:${LOCAL_PARTITION}:states:${LOCAL_REGION}:${accountId}:stateMachine:${stateMachineName}`;
}

export function executionArn(accountId: string, stateMachineName: string, executionName: string): string {
  return `arn:${LOCAL_PARTITION}:states:${LOCAL_REGION}:${accountId}:execution:${stateMachineName}:${executionName}`;
}

/** A catalog function's local name: its folder under lambdas/. */
export function localFunctionName(name: FunctionName): string {
  return FUNCTIONS[name].dir;
}

export function localFunctionArn(accountId: string, name: FunctionName): string {
  return `arn:${LOCAL_PARTITION}:lambda:${LOCAL_REGION}:${accountId}:function:${localFunctionName(name)}`;
}

const CATALOG_BY_LOCAL_NAME = new Map<string, FunctionName>(
  (Object.keys(FUNCTIONS) as FunctionName[]).map((name) => [localFunctionName(name), name]),
);

/**
 * The catalog function a Lambda reference designates: a function ARN (with or without a
 * version qualifier), a partial ARN or a bare name, as Lambda's `FunctionName` accepts.
 */
export function catalogFunctionOf(reference: string): FunctionName | undefined {
  const arnMatch = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(reference);
  const partialMatch = /^[0-9]{12}:function:([^:]+)(?::[^:]+)?$/.exec(reference);
  const bareMatch = /^([^:]+)(?::[^:]+)?$/.exec(reference);
  const name = arnMatch?.[1] ?? partialMatch?.[1] ?? bareMatch?.[1];
  return name === undefined ? undefined : CATALOG_BY_LOCAL_NAME.get(name);
}
