import { countsByKind, matchUploads, type AttachmentKind, type Requirement } from '../domain/index.js';
import { evidenceKey, putEvidenceObject, readObject } from '../adapters/attachments-store.js';
import type { Evidence, EvidenceItem, FilingRecord } from '../store/index.js';
import type { Upload } from './uploads.js';

/**
 * Evidence frozen at submit (docs/durability.md "Evidence"): each counted upload's bytes are
 * read once, digested (SHA-256) and written to a content-addressed key under `evidence/`, a
 * prefix no upload grant names. The workflow's byte checks and the reviewer's downloads read
 * those copies, so an upload written after submit (with a grant obtained before) changes
 * nothing they see. Works alike on S3 and on s3rver, which has no versioning; where S3 gives
 * the upload's version id it is recorded too.
 */

/** Reads and copies a few objects at a time (each at most 5 MiB, docs/design/rules.md). */
const PARALLEL_COPIES = 4;

async function freezeOne(filingId: string, revision: number, upload: Upload): Promise<EvidenceItem | null> {
  const object = await readObject(upload.key);
  if (object === null) return null;
  const key = evidenceKey(filingId, revision, upload.kind, object.sha256);
  await putEvidenceObject(key, object.bytes, object.contentType);
  return {
    kind: upload.kind,
    attachmentId: upload.attachmentId,
    key,
    sha256: object.sha256,
    size: object.bytes.length,
    contentType: object.contentType,
    lastModified: object.lastModified ?? upload.lastModified,
    grantedAt: upload.grantedAt,
    ...(object.etag !== undefined && { sourceEtag: object.etag }),
    ...(object.versionId !== undefined && { sourceVersionId: object.versionId }),
  };
}

/** The counted upload of every requirement, copied; a requirement without an upload has no item. */
export async function freezeEvidence(filingId: string, revision: number, requirements: readonly Requirement[], uploads: readonly Upload[]): Promise<Evidence> {
  const frozenAt = new Date().toISOString();
  const counted = matchUploads(requirements, uploads).flatMap(({ upload }) => (upload === undefined ? [] : [upload]));
  const items: EvidenceItem[] = [];
  for (let i = 0; i < counted.length; i += PARALLEL_COPIES) {
    const copied = await Promise.all(counted.slice(i, i + PARALLEL_COPIES).map((upload) => freezeOne(filingId, revision, upload)));
    for (const item of copied) if (item !== null) items.push(item);
  }
  return { revision, frozenAt, items };
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
 * Uploads that are not the evidence of the last submit: written after it (a grant obtained
 * before submit still lets S3 take an object until it expires), or over an object that was
 * frozen. All of them when the filing was never submitted.
 */
export function uploadsAfterSubmit(evidence: Evidence | undefined, uploads: readonly Upload[]): Upload[] {
  if (evidence === undefined) return [...uploads];
  const frozenSecond = evidence.frozenAt.slice(0, 19);
  const frozen = new Map(evidence.items.map((item) => [item.attachmentId, item]));
  return uploads.filter((upload) => {
    const item = frozen.get(upload.attachmentId);
    if (item !== undefined) {
      if (item.sourceEtag !== undefined && upload.etag !== undefined) return item.sourceEtag !== upload.etag;
      return upload.lastModified.slice(0, 19) !== item.lastModified.slice(0, 19);
    }
    return upload.lastModified.slice(0, 19) >= frozenSecond;
  });
}
