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
