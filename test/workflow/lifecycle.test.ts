import { jest } from '@jest/globals';
import { lifecyclePaths } from './support/paths.js';
import { startHarness, type Harness } from './support/harness.js';

/** The lifecycle ASL file executed locally through every path of docs/design/lifecycle.md. */
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
