/**
 * `npm run smoke -- --url <base url> [--profile <name>]`: checks a deployment (or the local
 * platform) with the caller's AWS credentials from the default provider chain. Exit 0 when
 * every check passed.
 */
import { parseArgs } from 'node:util';
import { nodeCredentials } from '../lib/client/node/index.js';
import { runSmoke } from '../tools/smoke/smoke.js';

const USAGE = `usage: npm run smoke -- --url <API base URL, e.g. the ApiUrl output> [--profile <AWS profile>]
  credentials: the AWS default provider chain (environment, --profile / AWS_PROFILE, SSO, roles)`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, profile: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.url === undefined || !/^https?:\/\//.test(values.url)) {
    process.stderr.write(`--url must be the API's base URL\n${USAGE}\n`);
    return 2;
  }
  const checks = await runSmoke({
    url: values.url.replace(/\/+$/, ''),
    credentials: nodeCredentials(values.profile === undefined ? {} : { profile: values.profile }),
    onCheck: (check) => process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name} (${check.ms} ms): ${check.detail}\n`),
  });
  const failed = checks.filter((check) => !check.ok).length;
  process.stdout.write(failed === 0 ? `smoke test passed: ${checks.length} checks\n` : `smoke test FAILED: ${failed} of ${checks.length} checks\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
