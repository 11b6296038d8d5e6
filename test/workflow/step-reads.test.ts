import { jest } from '@jest/globals';
import fixture from '../fixtures/filing-new.json' with { type: 'json' };
import { countCalls } from '../../lambdas/shared/adapters/clients.js';
import { harnessOfFile, submitFiling, waitForStatus } from './support/harness.js';

/**
 * One read per lifecycle step (docs/benchmarks.md), through the ASL as it runs: CheckResources'
 * answer names the account, so CheckAttachments reads the filing and the profile in ONE
 * BatchGetItem.
 */
jest.setTimeout(30_000);
harnessOfFile();

test('CheckAttachments gets the account from CheckResources and reads once', async () => {
  const calls = countCalls('dynamodb');
  const document = structuredClone(fixture);
  document.app.name = `${fixture.app.name}读`;
  // Before CheckAttachments only the submit sends a BatchGetItem (the holders of the filing's
  // claims, application/submit-reads.ts), once; CheckResources sends none.
  const filing = await submitFiling(document);
  await waitForStatus(filing.filingId, 'AWAITING_VERIFICATION');
  expect(calls.byCommand.BatchGetItemCommand).toBe(2);
});
