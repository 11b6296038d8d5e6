import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CUSTOMER_A, CUSTOMER_B } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { clientOf, startTestPlatform } from '../support/platform.js';

jest.setTimeout(180_000);

/** `npm run smoke` is `tsx bin/smoke.ts`: run it the same way, on this process's Node 22. */
const ROOT = join(import.meta.dirname, '..', '..');
const TSX_CLI = fileURLToPath(import.meta.resolve('tsx/cli'));
const run = promisify(execFile);

async function smoke(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [TSX_CLI, 'bin/smoke.ts', ...args], {
      cwd: ROOT,
      // Only what the default provider chain is given here: no ~/.aws, no outer credentials.
      env: { PATH: process.env.PATH ?? '', HOME: scratch, AWS_CONFIG_FILE: join(scratch, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'credentials'), ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

let platform: LocalPlatform;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'smoke-'));
  writeFileSync(join(scratch, 'config'), '');
  writeFileSync(
    join(scratch, 'credentials'),
    `[recordal-local]\naws_access_key_id = ${CUSTOMER_B.accessKeyId}\naws_secret_access_key = ${CUSTOMER_B.secretAccessKey}\n`,
  );
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const filingsOf = async (identity: typeof CUSTOMER_A) => (await clientOf(platform, identity).listFilings({ limit: 100 })).items.length;

describe('npm run smoke against the local platform', () => {
  it('passes every check with credentials from the environment, and leaves no filing behind', async () => {
    const before = await filingsOf(CUSTOMER_A);
    const result = await smoke(['--url', platform.url], { AWS_ACCESS_KEY_ID: CUSTOMER_A.accessKeyId, AWS_SECRET_ACCESS_KEY: CUSTOMER_A.secretAccessKey });
    expect(result).toEqual({ code: 0, output: expect.stringContaining('smoke test passed: 6 checks') });
    for (const check of ['health', 'signed read: account profile', 'signed read: filings', 'create a draft', 'read the draft back', 'delete the draft']) {
      expect(result.output).toMatch(new RegExp(`^ok {3}${check.replace(/[:]/g, '\\$&')} \\(`, 'm'));
    }
    expect(await filingsOf(CUSTOMER_A)).toBe(before);
  });

  it('signs with a profile of the shared credentials file (--profile)', async () => {
    const result = await smoke(['--url', `${platform.url}/`, '--profile', 'recordal-local'], {});
    expect(result.code).toBe(0);
    expect(await filingsOf(CUSTOMER_B)).toBe(0);
  });

  it('fails, naming the checks, when the credentials are refused', async () => {
    const result = await smoke(['--url', platform.url], { AWS_ACCESS_KEY_ID: CUSTOMER_A.accessKeyId, AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/^ok {3}health/m);
    expect(result.output).toMatch(/^FAIL signed read: filings \(\d+ ms\): 401 UNAUTHENTICATED/m);
    expect(result.output).toContain('smoke test FAILED');
  });

  it('refuses to run without a URL', async () => {
    const result = await smoke([], {});
    expect(result.code).toBe(2);
    expect(result.output).toContain('--url');
  });
});
