// The browser project's global setup: the run's shared services, then the web console built
// once (when console/dist is stale) before any test file opens it, so parallel files never
// build over each other.
import { tsImport } from 'tsx/esm/api';
import sharedSetup from '../../support/global-setup.js';

export default async function globalSetup() {
  const { ensureConsoleBuilt } = await tsImport('../../../tools/console/build.ts', import.meta.url);
  ensureConsoleBuilt();
  await sharedSetup();
}
