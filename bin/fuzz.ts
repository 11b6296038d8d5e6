/**
 * `npm run fuzz [-- --cases N --seed S --concurrency C]`: the HTTP fuzzer of test/e2e/fuzz.test.ts,
 * ten times longer (20,000 cases by default), against an in-memory local platform of its own.
 * Prints the count, the answers by status, the worst latency and every finding; exits 1 on any.
 */
import { parseArgs } from 'node:util';
import { describeFindings, prepareTargets, runFuzz } from '../tools/fuzz/run.js';
import { startLocalPlatform } from '../lib/local/platform.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '20000' },
      seed: { type: 'string' },
      concurrency: { type: 'string', default: '32' },
    },
  });
  const cases = Number(values.cases);
  const handlerErrors: string[] = [];
  const platform = await startLocalPlatform({
    port: 0,
    inMemory: true,
    retryDelayScale: 0,
    onHandlerError: (error, request) => handlerErrors.push(`${request.method} ${request.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  try {
    console.log(`fuzzing ${platform.url} with ${cases} cases`);
    const targets = await prepareTargets(platform.url);
    const report = await runFuzz(platform, targets, {
      cases,
      concurrency: Number(values.concurrency),
      batchSize: 500,
      ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
      log: (line) => console.log(line),
    });
    console.log(`cases: ${report.cases} (seed ${report.seed}) in ${(report.durationMs / 1000).toFixed(1)} s`);
    console.log(`answers by status: ${JSON.stringify(report.statuses)} (0: connection closed on an oversized request)`);
    console.log(`worst latency: ${report.worstLatencyMs.toFixed(1)} ms (${report.worstCase ?? 'n/a'})`);
    console.log(`store checks: ${report.batches} batches, ${report.changedBatches.length} changed`);
    const failed = report.findings.length > 0 || report.changedBatches.length > 0 || handlerErrors.length > 0;
    if (failed) {
      console.log(`findings: ${report.findings.length}\n${describeFindings(report, 50)}`);
      for (const error of handlerErrors.slice(0, 10)) console.log(`handler error: ${error}`);
    } else console.log('findings: none');
    return failed ? 1 : 0;
  } finally {
    await platform.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
