/**
 * Whether the web console's build (console/dist) is older than its sources, and the build
 * itself (`npm run console:build`, vite). `npm start` and the browser tests build only when stale.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const BUILT = join(ROOT, 'console', 'dist', 'index.html');
/** What the bundle is made of: the console, the client library, the domain modules and messages it imports, and the dependencies. */
const SOURCES = ['console/src', 'console/index.html', 'console/vite.config.ts', 'lib/client', 'lambdas/shared/domain', 'lambdas/shared/data', 'lambdas/shared/messages', 'lib/local/credentials.ts', 'package-lock.json'];

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

/** Builds the console when stale; throws when the build fails. */
export function ensureConsoleBuilt(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (!consoleIsStale()) return;
  log('building the web console (console/dist)…');
  const result = spawnSync('npm', ['run', '--silent', 'console:build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the console build failed (exit ${result.status})`);
}
