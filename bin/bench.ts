/**
 * `npm run bench`: measures the local platform in one run and prints a table, each
 * figure beside its goal; `npm run bench -- --json` prints one JSON object with the figures'
 * keys instead (null where a figure could not be measured; the reasons go to stderr).
 * It starts its own in-memory platform on a free port and stops it. See docs/benchmarks.md.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { toJson, toTable } from '../tools/bench/report.js';
import { runBench } from '../tools/bench/run.js';

const USAGE = 'usage: npm run bench [-- --json]';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument ${unknown.join(' ')}\n${USAGE}\n`);
    process.exit(2);
  }
  const asJson = args.includes('--json');
  // Whatever the platform's handlers log goes to stderr: stdout carries only the result.
  const writeResult = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  const started = Date.now();
  // The machine may be shared: its load before and after says how far to trust the latencies.
  const loadBefore = loadavg()[0]!;
  const log = (line: string): void => {
    process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
  };
  const { figures, notes } = await runBench({ log });
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after; took ${Math.round((Date.now() - started) / 1000)} s`;
  if (asJson) {
    for (const note of [...notes, `machine: ${machine}`]) process.stderr.write(`- ${note}\n`);
    writeResult(`${JSON.stringify(toJson(figures))}\n`);
  } else {
    writeResult(`${toTable(figures, { notes: [...notes, `machine: ${machine}`] })}\n`);
  }
}

main().then(
  // Open keep-alive sockets of the SDK clients would keep the process up: everything is stopped.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
