import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localCursorKey } from '../../../lib/local/cursor-key.js';

describe('the local cursor key', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cursor-key-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('is generated once into the data folder, owner-readable only, and kept across restarts', () => {
    const first = localCursorKey(folder);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(folder, 'cursor-key')).mode & 0o777).toBe(0o600);
    expect(localCursorKey(folder)).toBe(first);
    expect(localCursorKey(mkdtempSync(join(folder, 'other-')))).not.toBe(first);
  });

  test('an emptied key file gets a new key', () => {
    writeFileSync(join(folder, 'cursor-key'), '\n');
    expect(localCursorKey(folder)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
