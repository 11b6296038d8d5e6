/**
 * The customer's callbacks (`recordal verification|sms-verification ID`) and `recordal watch ID`,
 * which prints each status change of a filing until it rests: a final status, or one that
 * waits for someone (docs/design/lifecycle.md).
 */
import { Option, type Command } from 'commander';
import { FILING_STATUSES } from '../../../lambdas/shared/domain/lifecycle.js';
import { watchFiling, type Filing, type FilingStatus, type StatusChange } from '../../client/index.js';
import type { CliContext } from '../context.js';
import { CommandFailed } from '../exit.js';
import { problemLines } from '../views.js';
import { byIdCommand, example, positiveInteger, type ContextOf } from './shared.js';

const changeLine = (change: StatusChange) => `${change.at}  ${change.from ?? '-'} → ${change.to}  (${change.actor})\n`;

export function registerLifecycleCommands(program: Command, contextOf: ContextOf): void {
  const callback = (name: string, description: string, report: (context: CliContext, id: string) => Promise<Filing>) =>
    byIdCommand(program, contextOf, {
      name,
      description,
      example: `recordal --as customer-a ${name} 01J… && recordal --as customer-a watch 01J…`,
      fetch: report,
      render: (filing) => `reported ${name} of ${filing.filingId}; the workflow moves it on (see \`recordal watch ${filing.filingId}\`)\n`,
    });
  callback('verification', 'report the electronic verification done (the filing is AWAITING_VERIFICATION)', (context, id) => context.client.reportVerification(id));
  callback('sms-verification', 'report the SMS verification done (the filing is AWAITING_SMS_VERIFICATION)', (context, id) => context.client.reportSmsVerification(id));

  example(
    program
      .command('watch <id>')
      .summary('print each status change until the filing rests (a final or waiting status)')
      .description(
        'print each status change (the whole audit trail) until the filing rests: a final status, or one waiting for someone; ' +
          'a verification already reported, it waits for the next status',
      )
      .addOption(new Option('--until <status...>', 'stop at one of these statuses instead').choices(FILING_STATUSES))
      .option('--interval <seconds>', 'between two reads', positiveInteger, 1)
      .option('--timeout <seconds>', 'give up after this long (exit 1)', positiveInteger, 600)
      .action(async (id: string, options: { until?: FilingStatus[]; interval: number; timeout: number }, command: Command) => {
        const context = contextOf(command);
        const json = context.options.output === 'json';
        const outcome = await watchFiling(context.client, id, {
          intervalMs: options.interval * 1000,
          timeoutMs: options.timeout * 1000,
          ...(options.until === undefined ? {} : { until: options.until }),
          onChange: (change) => {
            if (!json) context.io.stdout(changeLine(change));
          },
        });
        const { filing } = outcome;
        context.result({ filingId: id, status: filing.status, changes: outcome.changes.map(({ event: _event, ...change }) => change), filing }, () =>
          `${id} is ${filing.status}${filing.recordNumber === null ? '' : ` (record number ${filing.recordNumber})`}\n`,
        );
        if (outcome.timedOut) throw new CommandFailed(`${id} still ${filing.status} after ${options.timeout} s`);
        if (filing.status === 'RETURNED') throw new CommandFailed(`${id} was RETURNED:\n${problemLines(filing.reasons, context.language).trimEnd()}`);
      }),
    'recordal --as customer-a filings submit 01J… && recordal --as customer-a watch 01J…',
  );
}
