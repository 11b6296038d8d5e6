/**
 * `npm start` runs this first: it builds the web console (`npm run console:build`, vite) when
 * console/dist is missing or older than any of its sources, and otherwise returns at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const BUILT = join(ROOT, 'console', 'dist', 'index.html');
/** What the bundle is made of: the console, the domain modules it imports, and the dependencies. */
const SOURCES = ['console/src', 'console/index.html', 'console/vite.config.ts', 'lambdas/shared/domain', 'lambdas/shared/data', 'lib/local/credentials.ts', 'package-lock.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function consoleIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((source) => newest(join(ROOT, source)) > built);
}

if (consoleIsStale()) {
  process.stderr.write('building the web console (console/dist)…\n');
  const result = spawnSync('npm', ['run', '--silent', 'console:build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
