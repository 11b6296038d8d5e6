import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local platform's cursor key (the deployed one lives in Secrets Manager): generated once
 * into the data folder, readable only by its owner, so cursors of a kept folder stay valid
 * across restarts and no key is built into the code.
 */
export function localCursorKey(dataDir: string): string {
  const file = join(dataDir, 'cursor-key');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing !== '') return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
