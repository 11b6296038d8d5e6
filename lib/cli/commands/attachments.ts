/**
 * `recordal attachments upload|upload-all`: presigned S3 POSTs, the content type judged from
 * the bytes (what the platform will check them as), with a progress bar on a terminal.
 */
import { Argument, type Command } from 'commander';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../../lambdas/shared/domain/schemas.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { filesIn, requireFile } from '../input.js';
import { progressBar } from '../progress.js';
import { renderTable } from '../table.js';
import { example, type ContextOf } from './shared.js';

/** Loaded when a command needs it: it brings the domain's attachment rules (the magic numbers) along. */
const files = () => import('../../client/node/files.js');

interface Uploaded {
  kind: AttachmentKind;
  attachmentId: string;
  file: string;
  contentType: string;
  bytes: number;
}

async function upload(context: CliContext, filingId: string, kind: AttachmentKind, path: string): Promise<Uploaded> {
  await requireFile(path);
  const file = await (await files()).readUploadFile(path);
  const bar = progressBar(context.io, `${kind} ${file.fileName}`);
  try {
    const target = await context.client.uploadAttachment(filingId, kind, file, bar === undefined ? {} : { onProgress: bar.update });
    return { kind, attachmentId: target.attachmentId, file: path, contentType: file.contentType, bytes: file.bytes.byteLength };
  } finally {
    bar?.done();
  }
}

const uploadTable = (items: readonly Uploaded[]) =>
  renderTable(
    ['KIND', 'ATTACHMENT', 'TYPE', 'BYTES', 'FILE'],
    items.map((item) => [item.kind, item.attachmentId, item.contentType, item.bytes, item.file]),
  );

export function registerAttachmentCommands(program: Command, contextOf: ContextOf): void {
  const attachments = program.command('attachments').description("a filing's documents, uploaded through presigned POSTs");
  example(attachments, 'recordal --as customer-a attachments upload 01J… APP_ICON icon.png');

  example(
    attachments
      .command('upload')
      .description('upload one file as an attachment of this kind; its content type is read from its bytes')
      .argument('<id>', 'the filing')
      .addArgument(new Argument('<kind>', 'the attachment kind').choices(ATTACHMENT_KINDS))
      .argument('<file>', 'the file (JPEG, PNG or PDF)')
      .action(async (id: string, kind: AttachmentKind, path: string, _options, command: Command) => {
        const context = contextOf(command);
        const uploaded = await upload(context, id, kind, path);
        context.result(uploaded, () => uploadTable([uploaded]));
      }),
    'recordal --as customer-a attachments upload 01J… ENTITY_CERTIFICATE licence.pdf',
  );

  example(
    attachments
      .command('upload-all <id> <dir>')
      .description(`upload every file of a directory named after a kind (${ATTACHMENT_KINDS[0]}.png, app-icon.png …); other files are left out`)
      .action(async (id: string, directory: string, _options, command: Command) => {
        const context = contextOf(command);
        const { kindOfFileName } = await files();
        const planned = (await filesIn(directory)).flatMap((path) => {
          const kind = kindOfFileName(path);
          if (kind === undefined) context.note(`skipped ${path}: not named after an attachment kind`);
          return kind === undefined ? [] : [{ kind, path }];
        });
        if (planned.length === 0) throw new UsageError(`no file in ${directory} is named after an attachment kind (${ATTACHMENT_KINDS.join(', ')})`);
        const uploaded: Uploaded[] = [];
        for (const { kind, path } of planned) uploaded.push(await upload(context, id, kind, path));
        context.result(uploaded, () => uploadTable(uploaded));
      }),
    'recordal --as customer-a attachments upload-all 01J… ./attachments',
  );
}
