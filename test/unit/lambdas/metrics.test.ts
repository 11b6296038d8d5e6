import { jest } from '@jest/globals';
import * as z from 'zod';
import { METRICS_NAMESPACE } from '../../../lambdas/shared/runtime-environment.js';
import { BUSINESS_METRICS, recordDriftMetric, recordFilingOutcome } from '../../../lambdas/shared/metrics.js';
import { stepHandler } from '../../../lambdas/shared/workflow/step-handler.js';
import { lambdaContext } from '../../../lib/local/lambda-context.js';

/** The EMF lines a call writes to stdout (Powertools Metrics' output). */
async function emfOf(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run().catch(() => undefined);
  } finally {
    write.mockRestore();
  }
  return lines.flatMap((line) => line.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('business metrics', () => {
  it('are flushed by the workflow chain after the step, in the house namespace', async () => {
    const handler = stepHandler(z.object({ filingId: z.string() }), async () => {
      recordFilingOutcome('approved');
      recordDriftMetric(2);
      return 'done';
    });
    const emitted = await emfOf(() => handler({ filingId: 'f-1' }, lambdaContext('transition')));
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ [BUSINESS_METRICS.approved]: 1, [BUSINESS_METRICS.drift]: 2 });
    expect(JSON.stringify(emitted[0]!._aws)).toContain(METRICS_NAMESPACE);
  });

  it('are flushed even when the step fails', async () => {
    const handler = stepHandler(z.unknown(), async () => {
      recordFilingOutcome('returned');
      throw new Error('boom');
    });
    const emitted = await emfOf(() => handler({}, lambdaContext('transition')));
    expect(emitted[0]).toMatchObject({ [BUSINESS_METRICS.returned]: 1 });
  });

  it('write nothing when a step recorded none', async () => {
    const handler = stepHandler(z.unknown(), async () => 'nothing');
    expect(await emfOf(() => handler({}, lambdaContext('transition')))).toEqual([]);
  });
});
