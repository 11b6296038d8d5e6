/** What the command modules share: the context of a run, examples in help, option parsers. */
import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../context.js';

/** The run's context, built from the global options the first time a command asks. */
export type ContextOf = (command: Command) => CliContext;

/** `Example:` under a command's help; every command has one. */
export function example(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExample:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('Not a positive integer.');
  return number;
}

export interface ByIdCommand<T> {
  name: string;
  description: string;
  example: string;
  /** What the command asks the platform for. */
  fetch: (context: CliContext, id: string) => Promise<T>;
  /** The table of the answer (`--output json` prints it whole). */
  render: (value: T, context: CliContext) => string;
}

/** `<parent> NAME <id>`: one call about one thing, its answer printed. */
export function byIdCommand<T>(parent: Command, contextOf: ContextOf, spec: ByIdCommand<T>): Command {
  return example(
    parent
      .command(`${spec.name} <id>`)
      .description(spec.description)
      .action(async (id: string, _options, command: Command) => {
        const context = contextOf(command);
        const value = await spec.fetch(context, id);
        context.result(value, () => spec.render(value, context));
      }),
    spec.example,
  );
}
