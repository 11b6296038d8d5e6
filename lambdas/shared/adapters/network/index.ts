import { createAwsNetworkAdapter } from './aws.js';
import { ACCOUNT_RESOURCES_FILE_ENV, createLocalNetworkAdapter } from './local.js';
import type { NetworkAdapter } from './types.js';

export * from './types.js';
export { externalIdFor } from './external-id.js';
export { createAwsNetworkAdapter, webIpPermissions } from './aws.js';
export {
  ACCOUNT_RESOURCES_FILE_ENV,
  createLocalNetworkAdapter,
  defaultAccountResources,
  ensureAccountResourcesFile,
  readAccountResources,
  type AccountResourcesFile,
} from './local.js';

let chosen: { key: string; adapter: NetworkAdapter } | undefined;
let replacement: NetworkAdapter | undefined;

/** Use another adapter (tests inject faults around the local one); undefined restores the choice below. */
export function setNetworkAdapter(adapter: NetworkAdapter | undefined): void {
  replacement = adapter;
}

/**
 * The adapter for this process: local when `RECORDAL_ACCOUNT_RESOURCES_FILE` names the
 * account resources file (the local platform, the tests), AWS otherwise (deployed).
 */
export function networkAdapter(): NetworkAdapter {
  if (replacement !== undefined) return replacement;
  const file = process.env[ACCOUNT_RESOURCES_FILE_ENV];
  const key = file ?? '(aws)';
  if (chosen?.key !== key) chosen = { key, adapter: file ? createLocalNetworkAdapter(file) : createAwsNetworkAdapter() };
  return chosen.adapter;
}
