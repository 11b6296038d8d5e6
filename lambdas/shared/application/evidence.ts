import { countsByKind, matchUploads, newestUploadFirst, type AttachmentKind, type Requirement } from '../domain/index.js';
import { copyToEvidence, evidenceKey, newAttachmentId } from '../adapters/attachments-store.js';
import type { Evidence, EvidenceItem, FilingRecord, SeenUpload } from '../store/index.js';
import type { Upload } from './uploads.js';

/**
 * Evidence frozen at submit (docs/durability.md "Evidence"): each counted upload is copied
 * server-side to a key under `evidence/` of this submit's own, a prefix no upload grant names,
 * and the copy's SHA-256 recorded. The workflow's byte checks and the reviewer's downloads read
 * those copies, so an upload written after submit (with a grant obtained before) changes
 * nothing they see. Works alike on S3 and on s3rver, which has no versioning; where S3 gives
 * the upload's version id it is recorded too.
 */

/** Copies a few objects at a time. */
const PARALLEL_COPIES = 4;

async function freezeOne(filingId: string, revision: number, submitId: string, upload: Upload): Promise<EvidenceItem | null> {
  const copy = await copyToEvidence(upload.key, evidenceKey(filingId, revision, submitId, upload.kind, upload.attachmentId));
  if (copy === null) return null;
  return {
    kind: upload.kind,
    attachmentId: upload.attachmentId,
    key: copy.key,
    sha256: copy.sha256,
    size: copy.size,
    contentType: copy.contentType,
    lastModified: upload.lastModified,
    grantedAt: upload.grantedAt,
    ...(copy.sourceVersionId !== undefined && { sourceVersionId: copy.sourceVersionId }),
  };
}

/** The counted upload of every requirement, copied; a requirement without an upload has no item. */
export async function freezeEvidence(filingId: string, revision: number, requirements: readonly Requirement[], uploads: readonly Upload[]): Promise<Evidence> {
  const frozenAt = new Date().toISOString();
  const submitId = newAttachmentId();
  const counted = matchUploads(requirements, uploads).flatMap(({ upload }) => (upload === undefined ? [] : [upload]));
  const items: EvidenceItem[] = [];
  for (let i = 0; i < counted.length; i += PARALLEL_COPIES) {
    const copied = await Promise.all(counted.slice(i, i + PARALLEL_COPIES).map((upload) => freezeOne(filingId, revision, submitId, upload)));
    for (const item of copied) if (item !== null) items.push(item);
  }
  return { revision, frozenAt, items, seen: seenAtSubmit(uploads) };
}

/** Enough to name later writes and keep the filing item small: older uploads were there before. */
const MAX_SEEN = 300;

/** Every upload present at submit (the newest MAX_SEEN), as listed: a later write changes its ETag. */
function seenAtSubmit(uploads: readonly Upload[]): SeenUpload[] {
  return [...uploads]
    .sort(newestUploadFirst)
    .slice(0, MAX_SEEN)
    .map(({ attachmentId, lastModified, etag }) => ({ attachmentId, lastModified, ...(etag !== undefined && { etag }) }));
}

/** The evidence of the filing's current revision (none before its first submit). */
export function currentEvidence(filing: FilingRecord): Evidence | undefined {
  return filing.evidence !== undefined && filing.evidence.revision === filing.revision ? filing.evidence : undefined;
}

/** The evidence items answering each needed kind, as many as needed (fewer: missing). */
export function evidenceByKind(evidence: Evidence | undefined, requirements: readonly Pick<Requirement, 'kind'>[]): Map<AttachmentKind, EvidenceItem[]> {
  const found = new Map<AttachmentKind, EvidenceItem[]>();
  for (const [kind, count] of countsByKind(requirements)) {
    found.set(kind, (evidence?.items ?? []).filter((item) => item.kind === kind).slice(0, count));
  }
  return found;
}

/**
 * Uploads that are not the evidence of the last submit: objects written under granted keys after
 * it (a grant obtained before submit lets S3 take an object until it expires), new keys or over
 * one present at submit (its ETag, or without one its time, differs). All of them when the
 * filing was never submitted.
 */
export function uploadsAfterSubmit(evidence: Evidence | undefined, uploads: readonly Upload[]): Upload[] {
  if (evidence === undefined) return [...uploads];
  const seen = new Map((evidence.seen ?? []).map((upload) => [upload.attachmentId, upload]));
  const frozenSecond = evidence.frozenAt.slice(0, 19);
  return uploads.filter((upload) => {
    const before = seen.get(upload.attachmentId);
    if (before === undefined) return upload.lastModified.slice(0, 19) >= frozenSecond || seen.size < MAX_SEEN;
    if (before.etag !== undefined && upload.etag !== undefined) return before.etag !== upload.etag;
    return before.lastModified !== upload.lastModified;
  });
}
