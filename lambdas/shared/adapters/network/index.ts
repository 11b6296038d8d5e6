import { installedAdapter } from '../composition.js';
import { createAwsNetworkAdapter } from './aws.js';
import type { NetworkAdapter } from './types.js';

export * from './types.js';
export { externalIdFor } from './external-id.js';
export { createAwsNetworkAdapter, webIpPermissions } from './aws.js';

let aws: NetworkAdapter | undefined;

/** The adapter for this process: the installed one (local platform, tests), else AWS (deployed). */
export function networkAdapter(): NetworkAdapter {
  return installedAdapter('network') ?? (aws ??= createAwsNetworkAdapter());
}
