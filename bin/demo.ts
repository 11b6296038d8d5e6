/**
 * `npm run demo`: one NEW filing through its whole lifecycle against a running `npm start`
 * (RECORDAL_URL, or http://127.0.0.1:${RECORDAL_PORT:-3000}), printing each status as it
 * changes and, at the end, the ports open on sg-0a1b2c3d4e5f60001 in
 * ${RECORDAL_DATA_DIR:-.recordal}/account-resources.json.
 */
import { join, resolve } from 'node:path';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../lib/local/defaults.js';
import { PlatformUnreachableError, runDemo } from '../tools/demo/demo.js';

async function main(): Promise<void> {
  const baseUrl = process.env.RECORDAL_URL || `http://127.0.0.1:${process.env.RECORDAL_PORT || DEFAULT_PORT}`;
  const dataDir = resolve(process.env.RECORDAL_DATA_DIR || DEFAULT_DATA_DIR);
  const started = Date.now();
  const outcome = await runDemo({
    baseUrl,
    accountResourcesFile: join(dataDir, 'account-resources.json'),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcome.statuses.join(' → ')}\n`);
}

main().catch((error: unknown) => {
  // One line: what failed and why (the platform's error body is in the message).
  const message = error instanceof PlatformUnreachableError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`demo failed: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
});
