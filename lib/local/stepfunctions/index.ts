/**
 * The local Step Functions runtime: the lifecycle ASL executed in-process by
 * aws-local-stepfunctions, its Task states bound to the same Lambda handlers, with task
 * tokens issued here and the SFN API (awsJson1_0) served on a loopback endpoint.
 */
import type { LocalStepFunctions, LocalStepFunctionsOptions } from './types';

export type * from './types';

export async function startLocalStepFunctions(options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> {
  void options;
  throw new Error('startLocalStepFunctions: not implemented yet');
}
