import { createHash } from 'node:crypto';
import { jest } from '@jest/globals';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CUSTOMER_A, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { uploadToPresignedPost, type RecordalClient } from '../../lib/client/index.js';
import { sampleAttachment, samplePng } from '../../lib/local/samples/attachments.js';
import { handler as checkAttachments } from '../../lambdas/check-attachments/handler.js';
import { exampleAccountProfile, newFilingDocument } from '../../tools/demo/fixtures.js';
import { uploadRequiredAttachments, waitForStatus } from '../../tools/demo/steps.js';
import { clientOf, startTestPlatform } from '../support/platform.js';

jest.setTimeout(60_000);

/**
 * Evidence is frozen at submit (docs/durability.md "Evidence"), over HTTP on the local platform:
 * an upload grant obtained in DRAFT and used after submit changes nothing the workflow checks
 * or the reviewer downloads; two uploads of one kind in the same second are one and the same
 * counted upload for requirements, submit and the workflow.
 */
describe('evidence frozen at submit', () => {
  let platform: LocalPlatform;
  let customer: RecordalClient;
  let reviewer: RecordalClient;
  /** Filings whose CheckAttachments waits until the test lets it run. */
  const held = new Map<string, Promise<void>>();

  beforeAll(async () => {
    platform = await startTestPlatform({
      handlers: {
        checkAttachments: async (event: { filingId: string }, context: never) => {
          await held.get(event.filingId);
          return checkAttachments(event as never, context);
        },
      },
    });
    customer = clientOf(platform, CUSTOMER_A);
    reviewer = clientOf(platform, REVIEWER);
    await customer.putAccount(exampleAccountProfile());
  });
  afterAll(() => platform?.stop());

  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const download = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());

  test('a DRAFT grant used again after submit to post an ELF over the icon: the workflow and the reviewer see the submitted bytes, and the late upload is named', async () => {
    const created = await customer.createFiling(newFilingDocument());
    await uploadRequiredAttachments(customer, created.filingId);
    // The icon that is submitted goes up with this grant; the same grant is used again after submit.
    const icon = sampleAttachment('APP_ICON');
    const draftGrant = await customer.createAttachmentUpload(created.filingId, { kind: 'APP_ICON', contentType: 'image/png', fileName: 'icon.png' });
    await uploadToPresignedPost(draftGrant, icon);
    let release!: () => void;
    held.set(created.filingId, new Promise<void>((resolve) => (release = resolve)));

    await customer.submit(created.filingId);
    // S3 takes it: the policy names this key and has not expired (real S3 would take it too).
    const elf = new Uint8Array(4096);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    const posted = await uploadToPresignedPost(draftGrant, { bytes: elf, contentType: 'image/png', fileName: 'icon.png' });
    expect(posted.status).toBeLessThan(300);
    release();

    // The workflow checked the submitted icon, not the ELF (that would be RETURNED, ATTACHMENT_TYPE).
    await waitForStatus(customer, created.filingId, 'AWAITING_VERIFICATION');

    const view = await reviewer.getReviewFiling(created.filingId);
    const frozenIcon = view.attachments.filter((attachment) => attachment.kind === 'APP_ICON');
    expect(frozenIcon).toHaveLength(1);
    expect(frozenIcon[0]!.attachmentId).toBe(draftGrant.attachmentId);
    const served = await download(frozenIcon[0]!.url);
    expect(sha256(served)).toBe(sha256(icon.bytes));
    expect(frozenIcon[0]!.sha256).toBe(sha256(icon.bytes));
    for (const attachment of view.attachments) expect(sha256(await download(attachment.url))).toBe(attachment.sha256);
    expect(view.uploadsAfterSubmit).toEqual([expect.objectContaining({ kind: 'APP_ICON', attachmentId: draftGrant.attachmentId, size: elf.length })]);

    // The customer sees the frozen attachments too: the icon uploaded and fine.
    const requirements = await customer.requirements(created.filingId);
    expect(requirements.find((item) => item.kind === 'APP_ICON')).toMatchObject({ uploaded: true, problems: [] });
  });

  test('two uploads of one kind in the same second: requirements, submit and the workflow take the same one', async () => {
    const created = await customer.createFiling(newFilingDocument());
    await uploadRequiredAttachments(customer, created.filingId);
    // A good icon and one that is not square (ATTACHMENT_RESOLUTION), granted in this order and
    // posted together at the start of a second.
    const good = sampleAttachment('APP_ICON');
    const notSquare = { bytes: samplePng({ width: 120, height: 100, seed: 5 }), contentType: 'image/png', fileName: 'wide.png' };
    const grants = [
      await customer.createAttachmentUpload(created.filingId, { kind: 'APP_ICON', contentType: 'image/png', fileName: 'good.png' }),
      await customer.createAttachmentUpload(created.filingId, { kind: 'APP_ICON', contentType: 'image/png', fileName: 'wide.png' }),
    ] as const;
    while (Date.now() % 1000 > 200) await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([uploadToPresignedPost(grants[0], good), uploadToPresignedPost(grants[1], notSquare)]);

    // What the bucket says of the two (its times are whole seconds, as S3's are).
    const s3 = new S3Client({ endpoint: process.env.AWS_ENDPOINT_URL_S3!, forcePathStyle: true, region: 'cn-northwest-1' });
    const times = await Promise.all(
      grants.map(async (grant) => (await s3.send(new HeadObjectCommand({ Bucket: platform.bucketName, Key: grant.fields.key! }))).LastModified!.getTime()),
    );
    // Of one second the later grant counts; otherwise the later upload.
    const counted = times[0]! > times[1]! ? grants[0] : grants[1];
    const countedIsGood = counted === grants[0];

    const beforeSubmit = (await customer.requirements(created.filingId)).find((item) => item.kind === 'APP_ICON')!;
    expect(beforeSubmit.problems.map((problem) => problem.code)).toEqual(countedIsGood ? [] : ['ATTACHMENT_RESOLUTION']);

    await customer.submit(created.filingId);
    const frozen = (await reviewer.getReviewFiling(created.filingId)).attachments.filter((attachment) => attachment.kind === 'APP_ICON');
    expect(frozen.map((attachment) => attachment.attachmentId)).toEqual([counted.attachmentId]);

    const checked = await waitForStatus(customer, created.filingId, ['AWAITING_VERIFICATION', 'RETURNED']);
    const iconProblems = checked.reasons.filter((reason) => reason.path === 'attachments.APP_ICON').map((reason) => reason.code);
    expect([checked.status, iconProblems]).toEqual(countedIsGood ? ['AWAITING_VERIFICATION', []] : ['RETURNED', ['ATTACHMENT_RESOLUTION']]);
    s3.destroy();
  });
});
