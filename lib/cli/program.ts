/**
 * `recordal`: the recordal API from a terminal or CI, for customers and reviewers, on the one
 * client library (lib/client). The global options choose the endpoint, the identity and the
 * output; each command module adds its commands.
 */
import { Command, CommanderError, Option } from 'commander';
import { LOCAL_IDENTITY_NAMES } from '../client/index.js';
import { registerAccountCommands } from './commands/account.js';
import { registerAttachmentCommands } from './commands/attachments.js';
import { registerFilingCommands } from './commands/filings.js';
import { registerLifecycleCommands } from './commands/lifecycle.js';
import { registerReviewCommands } from './commands/review.js';
import type { ContextOf } from './commands/shared.js';
import { CliContext, defaultEndpoint, readerLanguage, type CliDependencies, type GlobalOptions } from './context.js';
import { EXIT_OK, EXIT_USAGE, describeFailure } from './exit.js';

export function buildProgram(dependencies: CliDependencies, contextOf: ContextOf): Command {
  const { io } = dependencies;
  const program = new Command('recordal')
    .description('The APP ICP recordal (APP备案) API from the command line: customers file, reviewers decide.')
    .addOption(new Option('--endpoint <url>', 'API base URL (default: $RECORDAL_URL, else the local platform at http://127.0.0.1:${RECORDAL_PORT:-3000})'))
    .addOption(new Option('--profile <name>', 'AWS profile to sign with (default: the AWS default credential chain)').conflicts('as'))
    .addOption(new Option('--as <identity>', 'sign as a local identity of the local platform').choices(LOCAL_IDENTITY_NAMES))
    .addOption(new Option('-o, --output <format>', 'how results are printed').choices(['table', 'json']).default('table'))
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nRequests are SigV4-signed (service execute-api, region cn-northwest-1). API messages are shown in the language of\n' +
        'LANG (Chinese first for zh_*). Exit codes: 0 done, 1 refused by the platform (each problem listed), 2 usage error.\n' +
        '\nExample:\n  $ recordal --as customer-a filings list --output json\n',
    );
  registerAccountCommands(program, contextOf);
  registerFilingCommands(program, contextOf);
  registerAttachmentCommands(program, contextOf);
  registerLifecycleCommands(program, contextOf);
  registerReviewCommands(program, contextOf);
  return program;
}

/** Runs one command line (without `node` and the script) and answers the exit code. */
export async function runCli(args: readonly string[], dependencies: CliDependencies): Promise<number> {
  let context: CliContext | undefined;
  const contextOf: ContextOf = (command) => (context ??= new CliContext(command.optsWithGlobals<GlobalOptions>(), dependencies));
  const program = buildProgram(dependencies, contextOf);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    // Commander has printed its own message (or the help) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    const env = dependencies.io.env;
    const failure = describeFailure(error, context?.language ?? readerLanguage(env), context?.endpoint ?? defaultEndpoint(env));
    dependencies.io.stderr(`${failure.lines.join('\n')}\n`);
    return failure.code;
  } finally {
    context?.close();
  }
}
