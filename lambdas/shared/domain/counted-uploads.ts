/**
 * Which uploads count (docs/durability.md "Evidence"): the ONE rule that requirements, submit,
 * the workflow's byte checks and the reviewer's view all use. Pure: the caller passes the
 * objects found under keys the platform granted.
 */
import type { AttachmentKind } from './schemas.js';
import type { Requirement } from './attachments.js';

/** An object found under a key the platform granted for this filing. */
export interface GrantedUpload {
  kind: AttachmentKind;
  attachmentId: string;
  /** When the object was last written (ISO 8601, as the object store reports it). */
  lastModified: string;
  /** When the platform issued the grant for its key (ISO 8601, milliseconds). */
  grantedAt: string;
}

/**
 * S3 reports an object's time to the second (HeadObject's Last-Modified is an HTTP date), so
 * uploads of one second are compared by when their grants were issued, then by id: every
 * reader breaks a tie the same way, whatever precision its listing has.
 */
const uploadSecond = (upload: GrantedUpload): string => upload.lastModified.slice(0, 19);

/** Newest first: the later second, then the later grant, then the greater id. */
export function newestUploadFirst(a: GrantedUpload, b: GrantedUpload): number {
  return (
    uploadSecond(b).localeCompare(uploadSecond(a)) ||
    b.grantedAt.localeCompare(a.grantedAt) ||
    (b.attachmentId < a.attachmentId ? -1 : b.attachmentId > a.attachmentId ? 1 : 0)
  );
}

/** The `count` uploads of `kind` that count: a later upload replaces an earlier one. */
export function countedUploads<U extends GrantedUpload>(uploads: readonly U[], kind: AttachmentKind, count = 1): U[] {
  return uploads.filter((upload) => upload.kind === kind).sort(newestUploadFirst).slice(0, Math.max(0, count));
}

/** How many uploads of each kind the requirements ask for (a kind listed twice needs two). */
export function countsByKind(requirements: readonly Pick<Requirement, 'kind'>[]): Map<AttachmentKind, number> {
  const counts = new Map<AttachmentKind, number>();
  for (const { kind } of requirements) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/**
 * Each requirement paired with the upload that answers it (undefined: none): the n-th
 * requirement of a kind gets the kind's n-th counted upload.
 */
export function matchUploads<R extends Pick<Requirement, 'kind'>, U extends GrantedUpload>(requirements: readonly R[], uploads: readonly U[]): { requirement: R; upload: U | undefined }[] {
  const counted = new Map<AttachmentKind, U[]>();
  for (const [kind, count] of countsByKind(requirements)) counted.set(kind, countedUploads(uploads, kind, count));
  const used = new Map<AttachmentKind, number>();
  return requirements.map((requirement) => {
    const index = used.get(requirement.kind) ?? 0;
    used.set(requirement.kind, index + 1);
    return { requirement, upload: counted.get(requirement.kind)?.[index] };
  });
}
