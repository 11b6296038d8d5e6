import { ATTACHMENT_CONSTRAINTS, type AttachmentKind, type GrantedUpload } from '../domain/index.js';
import { listAttachments, newAttachmentId, presignUpload, type PresignedUpload } from '../adapters/attachments-store.js';
import { listUploadGrants, recordUploadGrant, type FilingRecord, type UploadGrant } from '../store/index.js';

/**
 * Upload grants and the uploads they let in (docs/durability.md "Evidence"): the platform
 * records every presigned POST it issues, and only an object under a granted key is an
 * upload of the filing. Which upload of a kind counts is domain/counted-uploads.ts.
 */

/** An upload: an object found under a granted key. */
export interface Upload extends GrantedUpload {
  key: string;
  size: number;
  etag?: string;
}

/** A presigned POST for one attachment, recorded before it is handed out. */
export async function grantUpload(filing: FilingRecord, kind: AttachmentKind, contentType: string, actor: string): Promise<PresignedUpload> {
  const constraints = ATTACHMENT_CONSTRAINTS[kind];
  const attachmentId = newAttachmentId();
  const upload = await presignUpload({ filingId: filing.filingId, kind, contentType, minBytes: constraints.minBytes, maxBytes: constraints.maxBytes, attachmentId });
  await recordUploadGrant(filing.filingId, {
    attachmentId,
    kind,
    key: upload.key,
    contentType,
    grantedAt: new Date().toISOString(),
    expiresAt: upload.expiresAt,
    revision: filing.revision,
    actor,
  });
  return upload;
}

/**
 * The filing's uploads: its objects (ListObjectsV2) under keys it was granted (`grants` when the
 * caller read them with the filing, else 1 Query).
 */
export async function grantedUploads(filingId: string, known?: readonly UploadGrant[]): Promise<Upload[]> {
  const [objects, grants] = await Promise.all([listAttachments(filingId), known ?? listUploadGrants(filingId)]);
  const grantOf = new Map(grants.map((grant) => [grant.key, grant]));
  const uploads: Upload[] = [];
  for (const object of objects) {
    const grant = grantOf.get(object.key);
    if (grant === undefined) continue;
    uploads.push({
      kind: grant.kind,
      attachmentId: grant.attachmentId,
      key: object.key,
      size: object.size,
      lastModified: object.lastModified ?? grant.grantedAt,
      grantedAt: grant.grantedAt,
      ...(object.etag !== undefined && { etag: object.etag }),
    });
  }
  return uploads;
}
