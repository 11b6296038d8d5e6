// Run as a child process by stream-publishing.test.ts: commits one status change through the
// store, prints the filing id, and dies with SIGKILL before anything else can run.
import { createFiling, transitionFiling } from '../../../lambdas/shared/store/index.js';

const created = await createFiling({ accountId: '111111111111', type: 'NEW', document: {} });
await transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: '111111111111' }, { current: created });
process.stdout.write(`${created.filingId}\n`, () => process.kill(process.pid, 'SIGKILL'));
