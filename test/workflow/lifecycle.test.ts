import { lifecyclePaths } from './support/paths';
import { startHarness, type Harness } from './support/harness';

/** The lifecycle ASL file executed locally through every path of LIFECYCLE.md. */
jest.setTimeout(30_000);
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('recordal lifecycle', () => {
  lifecyclePaths(() => harness, false);
});
