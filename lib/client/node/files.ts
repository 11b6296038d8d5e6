/**
 * Attachments from disk: the bytes, the content type judged from them (the magic numbers the
 * domain checks uploads with, so the type declared is the type the platform will find), and the
 * kind a file stands for when it is named after one (`APP_ICON.png`, `entity-certificate.pdf`).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ATTACHMENT_KINDS, sniffFormat } from '../../../lambdas/shared/domain/attachments.js';
import type { AttachmentKind } from '../../../lambdas/shared/domain/schemas.js';
import { UNKNOWN_CONTENT_TYPE, type UploadFile } from '../uploads.js';

export { UNKNOWN_CONTENT_TYPE };

export function sniffContentType(bytes: Uint8Array): string {
  return sniffFormat(bytes.subarray(0, 16)) ?? UNKNOWN_CONTENT_TYPE;
}

export async function readUploadFile(path: string): Promise<UploadFile> {
  const bytes = new Uint8Array(await readFile(path));
  return { bytes, contentType: sniffContentType(bytes), fileName: basename(path) };
}

/** The attachment kind a file name stands for (extension, case and `-`/`_` aside), or undefined. */
export function kindOfFileName(fileName: string): AttachmentKind | undefined {
  const stem = basename(fileName, extname(fileName)).toUpperCase().replace(/-/g, '_');
  return ATTACHMENT_KINDS.find((kind) => kind === stem);
}
