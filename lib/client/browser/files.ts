/**
 * Attachments from the browser: a picked or dropped `File` as the bytes, content type and name
 * an upload sends (the counterpart of ../node/files.js). The type is the one the browser
 * gives (from the extension); the platform checks the bytes after the upload.
 */
import type { UploadFile } from '../uploads.js';
import { UNKNOWN_CONTENT_TYPE } from '../uploads.js';

/** What this needs of a `File`. */
export interface PickedFile {
  name: string;
  type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function uploadFileOf(file: PickedFile): Promise<UploadFile> {
  return { bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.type || UNKNOWN_CONTENT_TYPE, fileName: file.name };
}
