/** `recordal review …`: the provider's reviewers (docs/design/api.md "Reviewer routes"). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { REVIEWER_STAGES } from '../../../lambdas/shared/domain/lifecycle.js';
import { RecordalApiError, collect, parseErrorBody, type ReviewDecision, type ReviewFiling, type ReviewStage } from '../../client/index.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { renderTable } from '../table.js';
import { filingSummary, taskTable } from '../views.js';
import { example, positiveInteger, type ContextOf } from './shared.js';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'application/pdf': '.pdf' };

/** Saves each attachment of the filing (presigned GETs) as `<kind>-<attachmentId>.<ext>`; answers the paths. */
async function download(context: CliContext, filing: ReviewFiling, directory: string): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const { sniffContentType } = await import('../../client/node/files.js');
  const saved: string[] = [];
  for (const attachment of filing.attachments) {
    const response = await context.client.http.transport({ method: 'GET', url: attachment.url, headers: {} });
    if (response.status !== 200) {
      const text = new TextDecoder().decode(response.body);
      throw new RecordalApiError('GET', attachment.url, response.status, parseErrorBody(response.status, text), text);
    }
    const path = join(directory, `${attachment.kind}-${attachment.attachmentId}${EXTENSIONS[sniffContentType(response.body)] ?? '.bin'}`);
    await writeFile(path, response.body);
    saved.push(path);
  }
  return saved;
}

/** `CODE:text` → a reason of a decision. */
function parseReason(value: string): { code: string; message: string } {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new UsageError(`--reason ${JSON.stringify(value)}: write CODE:text, e.g. MATERIALS_UNCLEAR:The licence scan is unreadable`);
  return { code: value.slice(0, colon).trim(), message: value.slice(colon + 1).trim() };
}

export function registerReviewCommands(program: Command, contextOf: ContextOf): void {
  const review = program.command('review').description('reviewer tasks, filings and decisions (reviewer principals only)');
  example(review, 'recordal --as reviewer review tasks --stage PRELIMINARY_REVIEW');

  example(
    review
      .command('tasks')
      .description('open tasks, oldest deadline first (every page)')
      .addOption(new Option('--stage <stage>', 'only tasks of this stage').choices(REVIEWER_STAGES))
      .option('--max <n>', 'at most this many', positiveInteger)
      .action(async (options: { stage?: ReviewStage; max?: number }, command: Command) => {
        const context = contextOf(command);
        const tasks = await collect(context.client.reviewTasks(options.stage === undefined ? {} : { stage: options.stage }), options.max);
        context.result(tasks, () => taskTable(tasks));
      }),
    'recordal --as reviewer review tasks --stage CA_DECISION',
  );

  example(
    review
      .command('show <filingId>')
      .description("any account's filing, with short-lived links to its attachments")
      .option('--download <dir>', 'save the attachments in this directory')
      .action(async (filingId: string, options: { download?: string }, command: Command) => {
        const context = contextOf(command);
        const filing = await context.client.getReviewFiling(filingId);
        const saved = options.download === undefined ? [] : await download(context, filing, options.download);
        context.result({ ...filing, ...(options.download === undefined ? {} : { downloaded: saved }) }, () => {
          const attachments = renderTable(['KIND', 'ATTACHMENT', 'BYTES', 'EXPIRES'], filing.attachments.map((item) => [item.kind, item.attachmentId, item.size, item.expiresAt]));
          return `${filingSummary(filing, context.language)}attachments:\n${attachments}${saved.map((path) => `saved ${path}\n`).join('')}`;
        });
      }),
    'recordal --as reviewer review show 01J… --download ./review',
  );

  const decide = async (command: Command, taskId: string, decision: ReviewDecision) => {
    const context = contextOf(command);
    const accepted = await context.client.decide(taskId, decision);
    context.result(accepted, () => `${accepted.decision} of ${accepted.stage} task ${accepted.taskId} (filing ${accepted.filingId}) handed to the workflow\n`);
  };

  example(
    review
      .command('approve <taskId>')
      .description('approve a task (a CA_DECISION of a NEW filing needs the record number; a MANUAL preliminary review needs --paper-received)')
      .option('--record-number <number>', "the Communications Administration's record number, e.g. 宁ICP备2026000001号-1A")
      .option('--paper-received', 'the paper materials of a manual verification were received')
      .action(async (taskId: string, options: { recordNumber?: string; paperReceived?: boolean }, command: Command) =>
        decide(command, taskId, {
          decision: 'APPROVE',
          reasons: [],
          ...(options.recordNumber === undefined ? {} : { recordNumber: options.recordNumber }),
          ...(options.paperReceived === true ? { paperMaterialsReceived: true } : {}),
        }),
      ),
    'recordal --as reviewer review approve 01J… --record-number 宁ICP备2026000001号-1A',
  );

  example(
    review
      .command('reject <taskId>')
      .description('reject a task, with every reason (the filing is RETURNED to the customer with them)')
      .requiredOption('--reason <code:text...>', 'a reason as CODE:text; repeat for several')
      .action(async (taskId: string, options: { reason: string[] }, command: Command) =>
        decide(command, taskId, { decision: 'REJECT', reasons: options.reason.map(parseReason) }),
      ),
    'recordal --as reviewer review reject 01J… --reason "MATERIALS_UNCLEAR:The licence scan is unreadable"',
  );

  example(
    review
      .command('drift')
      .description('approved filings whose IPs or security groups no longer hold, newest first')
      .option('--check', 'run the drift check now first (its results appear on the filings as it finishes)')
      .action(async (options: { check?: boolean }, command: Command) => {
        const context = contextOf(command);
        if (options.check === true) context.note(`drift check ${(await context.client.startDriftCheck()).checkId} started`);
        const items = await collect(context.client.drift());
        context.result(items, () =>
          renderTable(['FILING', 'ACCOUNT', 'CHECKED', 'PROBLEMS'], items.map((item) => [item.filingId, item.accountId, item.checkedAt, item.problems.map((problem) => problem.code).join(',')])),
        );
      }),
    'recordal --as reviewer review drift --check',
  );
}
