import { resumeInterruptedFilings } from '../../lambdas/shared/workflow/resume.js';
import { LOCAL_IDENTITIES } from './credentials.js';
import { readAccountResources } from './network-adapter.js';

/**
 * Executions live in memory: on a kept data folder, every filing that was in the lifecycle
 * when the platform last stopped is resumed at its stage, or visibly returned
 * (docs/durability.md "Crash points"). The accounts looked at are the local identities' and
 * those with resources on file.
 */
export async function resumeLostExecutions(accountResourcesFile: string, log: (line: string) => void): Promise<void> {
  try {
    const accounts = new Set([
      ...LOCAL_IDENTITIES.filter((identity) => identity.role === 'customer').map((identity) => identity.accountId),
      ...Object.keys((await readAccountResources(accountResourcesFile)).accounts),
    ]);
    const outcomes = await resumeInterruptedFilings({ accountIds: [...accounts] });
    for (const outcome of outcomes.filter(({ action }) => action !== 'RUNNING')) {
      log(`filing ${outcome.filingId} (${outcome.status}): ${outcome.action}${outcome.resumeAt === undefined ? '' : ` at ${outcome.resumeAt}`}`);
    }
  } catch (error) {
    log(`could not resume the filings of the last run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
