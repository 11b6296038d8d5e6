import { jest } from '@jest/globals';
import { dirname, join } from 'node:path';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { freePort } from '../../lib/local/ports.js';
import { startTestPlatform } from '../support/platform.js';
import { runToEnd, type Finished } from '../support/subprocess.js';

jest.setTimeout(90_000);

const REPO = join(import.meta.dirname, '..', '..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

/** `npm run demo`'s own command (`tsx bin/demo.ts`), as a user runs it, with the given environment. */
function demo(env: Record<string, string>): Promise<Finished> {
  return runToEnd(TSX, ['bin/demo.ts'], { cwd: REPO, env: { ...process.env, ...env }, timeout: 60_000 });
}

describe('npm run demo (bin/demo.ts) against a running platform', () => {
  let platform: LocalPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.stop());

  it('runs twice in a row against the same platform, printing each status and ending with the ports open', async () => {
    const env = { RECORDAL_URL: platform.url, RECORDAL_DATA_DIR: dirname(platform.accountResourcesFile) };
    const filingIds: string[] = [];
    for (let round = 1; round <= 2; round += 1) {
      const finished = await demo(env);
      expect({ round, code: finished.code, stderr: finished.stderr }).toEqual({ round, code: 0, stderr: '' });
      const lines = finished.stdout.trim().split('\n');
      expect(lines.filter((line) => line.startsWith('status: '))).toEqual(
        ['DRAFT', 'SUBMITTED', 'AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'AWAITING_SMS_VERIFICATION', 'CA_REVIEW', 'APPROVED'].map((status) => `status: ${status}`),
      );
      expect(finished.stdout).toMatch(/approved: record number 宁ICP备\d{10}号-\d+A; ports open on sg-0a1b2c3d4e5f60001/);
      expect(finished.stdout).toContain(`ports open on sg-0a1b2c3d4e5f60001 (${platform.accountResourcesFile}): 80, 443, 8080`);
      filingIds.push(/created filing (\S+)/.exec(finished.stdout)![1]!);
    }
    expect(new Set(filingIds).size).toBe(2);
  });

  it('says in one line that no platform answers when none runs, and exits 1', async () => {
    const port = await freePort();
    const finished = await demo({ RECORDAL_URL: `http://127.0.0.1:${port}` });
    expect(finished.code).toBe(1);
    expect(finished.stdout).toBe('');
    expect(finished.stderr.trimEnd().split('\n')).toEqual([
      `demo failed: no recordal platform answers at http://127.0.0.1:${port} (ECONNREFUSED): start it with \`npm start\`, or set RECORDAL_URL / RECORDAL_PORT`,
    ]);
  });
});
