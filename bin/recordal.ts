/**
 * `recordal` (`npx recordal --help`): the recordal API's command-line client. See lib/cli.
 */
import { processIo } from '../lib/cli/io.js';
import { runCli } from '../lib/cli/program.js';

void runCli(process.argv.slice(2), { io: processIo() }).then((code) => {
  process.exitCode = code;
});
