import { jest } from '@jest/globals';
import { lifecyclePaths } from './support/paths.js';
import { startHarness, type Harness } from './support/harness.js';

/**
 * The same paths with throttling on the first attempt of every DynamoDB, S3, STS and EC2 call
 * the steps make: the state machine's Retry (Recordal.TransientError) carries every one through.
 */
jest.setTimeout(30_000);
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('recordal lifecycle with throttling', () => {
  lifecyclePaths(() => harness, true);
});
