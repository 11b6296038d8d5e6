/** `recordal filings …`: the customer's drafts and applications (docs/design/api.md "Customer routes"). */
import { Option, type Command } from 'commander';
import { FILING_STATUSES } from '../../../lambdas/shared/domain/lifecycle.js';
import { collect, type Filing, type FilingDocument, type FilingStatus } from '../../client/index.js';
import type { CliContext } from '../context.js';
import { readJsonObject } from '../input.js';
import { eventTable, filingSummary, filingTable, requirementTable } from '../views.js';
import { byIdCommand, example, positiveInteger, type ContextOf } from './shared.js';

export function registerFilingCommands(program: Command, contextOf: ContextOf): void {
  const filings = program.command('filings').description('draft and submitted applications (customer)');
  example(filings, 'recordal --as customer-a filings list --status DRAFT');

  example(
    filings
      .command('list')
      .description('own filings, newest first (every page)')
      .addOption(new Option('--status <status>', 'only filings in this status').choices(FILING_STATUSES))
      .option('--max <n>', 'at most this many', positiveInteger)
      .action(async (options: { status?: FilingStatus; max?: number }, command: Command) => {
        const context = contextOf(command);
        const items = await collect(context.client.filings(options.status === undefined ? {} : { status: options.status }), options.max);
        context.result(items, () => filingTable(items));
      }),
    'recordal --as customer-a filings list --status RETURNED',
  );

  const showFiling = (name: string, description: string, exampleLine: string, fetch: (context: CliContext, id: string) => Promise<Filing>) =>
    byIdCommand(filings, contextOf, { name, description, example: exampleLine, fetch, render: (filing, context) => filingSummary(filing, context.language) });

  showFiling('get', 'one filing: status, version, requirements, record number, the reasons of the last return', 'recordal --as customer-a filings get 01J…', (context, id) =>
    context.client.getFiling(id),
  );

  example(
    filings
      .command('create')
      .description('create a draft from a filing document (FILING.md); a draft may be incomplete')
      .requiredOption('--file <path>', 'the filing document as JSON ("-" reads standard input)')
      .option('--idempotency-key <key>', 'the same key and body answer the first answer again, creating nothing')
      .action(async (options: { file: string; idempotencyKey?: string }, command: Command) => {
        const context = contextOf(command);
        const document = (await readJsonObject(options.file, context.io)) as FilingDocument;
        const filing = await context.client.createFiling(document, options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey });
        context.result(filing, () => filingSummary(filing, context.language));
      }),
    'recordal --as customer-a filings create --file filing.json --idempotency-key "$(uuidgen)"',
  );

  example(
    filings
      .command('patch <id>')
      .description('change a DRAFT or RETURNED filing with a JSON merge patch (the current ETag is read first)')
      .requiredOption('--file <path>', 'the merge patch as JSON ("-" reads standard input); null removes a field')
      .option('--if-match <etag>', 'change it only at this version (default: the current one)')
      .action(async (id: string, options: { file: string; ifMatch?: string }, command: Command) => {
        const context = contextOf(command);
        const patch = await readJsonObject(options.file, context.io);
        const filing = await context.client.patchFiling(id, patch, options.ifMatch === undefined ? {} : { ifMatch: options.ifMatch });
        context.result(filing, () => filingSummary(filing, context.language));
      }),
    'recordal --as customer-a filings patch 01J… --file patch.json',
  );

  example(
    filings
      .command('delete <id>')
      .description('delete a DRAFT')
      .action(async (id: string, _options, command: Command) => {
        const context = contextOf(command);
        await context.client.deleteFiling(id);
        context.result({ filingId: id, deleted: true }, () => `deleted ${id}\n`);
      }),
    'recordal --as customer-a filings delete 01J…',
  );

  showFiling('submit', 'check everything that can be checked now, then start the lifecycle (422 lists every broken rule)', 'recordal --as customer-a filings submit 01J…', (context, id) =>
    context.client.submit(id),
  );
  showFiling('withdraw', 'withdraw before the application reaches the Communications Administration', 'recordal --as customer-a filings withdraw 01J…', (context, id) =>
    context.client.withdraw(id),
  );

  byIdCommand(filings, contextOf, {
    name: 'events',
    description: 'the audit trail, oldest first',
    example: 'recordal --as customer-a filings events 01J…',
    fetch: (context, id) => context.client.events(id),
    render: eventTable,
  });
  byIdCommand(filings, contextOf, {
    name: 'requirements',
    description: 'the attachments the filing needs, their constraints, whether each is uploaded and valid',
    example: 'recordal --as customer-a filings requirements 01J…',
    fetch: (context, id) => context.client.requirements(id),
    render: requirementTable,
  });
}
