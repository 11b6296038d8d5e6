import { PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../../../lambdas/shared/adapters/clients.js';
import {
  attachmentKey,
  headAttachment,
  listAttachments,
  parseAttachmentKey,
  presignDownload,
  presignUpload,
  readHead,
} from '../../../lambdas/shared/adapters/attachments-store.js';
import { createTestBucket } from '../../support/services.js';

beforeAll(async () => {
  process.env.BUCKET_NAME = await createTestBucket('store-attachments');
});

const PNG_MAGIC = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A browser-style multipart POST of the presigned fields and the file. */
async function postForm(url: string, fields: Record<string, string>, bytes: Uint8Array, type: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type }), 'upload.png');
  return fetch(url, { method: 'POST', body: form });
}

describe('attachments store', () => {
  it('presigns a POST whose policy pins key, content type and size range', async () => {
    const upload = await presignUpload({ filingId: 'f-1', kind: 'APP_ICON', contentType: 'image/png', minBytes: 1, maxBytes: 102400, expiresInSeconds: 600 });
    expect(upload.key).toBe(`filings/f-1/APP_ICON/${upload.attachmentId}`);
    expect(upload.fields.key).toBe(upload.key);
    expect(upload.fields['Content-Type']).toBe('image/png');
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    const policy = JSON.parse(Buffer.from(upload.fields.Policy as string, 'base64').toString('utf8')) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([{ key: upload.key }, ['eq', '$Content-Type', 'image/png'], ['content-length-range', 1, 102400]]),
    );
    expect(upload.url).toContain(process.env.BUCKET_NAME);
  });

  it('uploads through the presigned POST, then heads, reads the first bytes, lists and presigns a GET', async () => {
    const bytes = new Uint8Array(4096);
    bytes.set(PNG_MAGIC);
    const upload = await presignUpload({ filingId: 'f-2', kind: 'APP_ICON', contentType: 'image/png', minBytes: 1, maxBytes: 102400 });
    const response = await postForm(upload.url, upload.fields, bytes, 'image/png');
    expect(response.status).toBeLessThan(300);

    expect(await headAttachment(upload.key)).toMatchObject({ key: upload.key, size: 4096, contentType: 'image/png' });
    expect(Array.from(await readHead(upload.key, 8))).toEqual(Array.from(PNG_MAGIC));
    expect((await readHead(upload.key, 100_000)).length).toBe(4096);

    const listed = await listAttachments('f-2');
    expect(listed).toEqual([expect.objectContaining({ filingId: 'f-2', kind: 'APP_ICON', attachmentId: upload.attachmentId, key: upload.key, size: 4096 })]);

    const { url } = await presignDownload(upload.key, 60);
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it('lists only a filing’s own well-formed keys, across pages', async () => {
    for (let i = 0; i < 3; i += 1) {
      await s3().send(new PutObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: attachmentKey('f-3', 'DOMAIN_CERTIFICATE', `a${i}`), Body: 'x' }));
    }
    await s3().send(new PutObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: 'filings/f-3/stray', Body: 'x' }));
    await s3().send(new PutObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: attachmentKey('f-30', 'APP_ICON', 'z'), Body: 'x' }));
    expect((await listAttachments('f-3')).map((a) => a.attachmentId)).toEqual(['a0', 'a1', 'a2']);
  });

  it('answers null for a missing object and parses only attachment keys', async () => {
    expect(await headAttachment('filings/none/APP_ICON/none')).toBeNull();
    expect(parseAttachmentKey('filings/f/APP_ICON/a')).toEqual({ filingId: 'f', kind: 'APP_ICON', attachmentId: 'a' });
    expect(parseAttachmentKey('filings/f/APP_ICON/a/b')).toBeNull();
    expect(parseAttachmentKey('other/f/APP_ICON/a')).toBeNull();
    await expect(readHead('filings/f/APP_ICON/a', 0)).rejects.toBeInstanceOf(RangeError);
  });
});
