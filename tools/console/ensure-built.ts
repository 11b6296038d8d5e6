/** `npm start` runs this first: the web console is built when console/dist is missing or stale (./build.ts). */
import { ensureConsoleBuilt } from './build.js';

try {
  ensureConsoleBuilt();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
