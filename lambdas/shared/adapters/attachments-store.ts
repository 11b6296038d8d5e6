import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash, randomBytes } from 'node:crypto';
import { s3, s3ForPresigning } from './clients.js';

/**
 * The attachments bucket (`BUCKET_NAME`): uploads at `filings/<filingId>/<kind>/<attachmentId>`,
 * written only through presigned POSTs whose policy pins the key, the content type and the
 * size range; at submit the counted ones are copied server-side to `evidence/…` (no grant
 * names a key there), which the workflow (head + first bytes) and reviewers (presigned GET)
 * read (docs/durability.md "Evidence"). No API function carries the bytes.
 */
export function bucketName(): string {
  const name = process.env.BUCKET_NAME;
  if (!name) throw new Error('BUCKET_NAME is not set');
  return name;
}

/** A new opaque attachment id (URL- and key-safe). */
export const newAttachmentId = (): string => randomBytes(12).toString('base64url');

export const filingPrefix = (filingId: string): string => `filings/${filingId}/`;
export const attachmentKey = (filingId: string, kind: string, attachmentId: string): string => `${filingPrefix(filingId)}${kind}/${attachmentId}`;

/** One submit's own key (`submitId`): a concurrent submit of the same revision cannot write over it. */
export const evidenceKey = (filingId: string, revision: number, submitId: string, kind: string, attachmentId: string): string =>
  `evidence/${filingId}/r${revision}/${submitId}/${kind}/${attachmentId}`;

export interface AttachmentRef {
  filingId: string;
  kind: string;
  attachmentId: string;
}

/** The parts of an attachment key; null for any other key. */
export function parseAttachmentKey(key: string): AttachmentRef | null {
  const match = /^filings\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(key);
  return match ? { filingId: match[1]!, kind: match[2]!, attachmentId: match[3]! } : null;
}

export interface UploadRequest {
  filingId: string;
  kind: string;
  contentType: string;
  /** Inclusive byte range the policy enforces. */
  minBytes: number;
  maxBytes: number;
  /** Generated when absent. */
  attachmentId?: string;
  /** Default 900 (15 minutes). */
  expiresInSeconds?: number;
}

export interface PresignedUpload {
  attachmentId: string;
  key: string;
  url: string;
  /** Form fields to send before the file, as given. */
  fields: Record<string, string>;
  expiresAt: string;
}

/** A presigned POST whose policy pins key, Content-Type and content-length-range. */
export async function presignUpload(request: UploadRequest): Promise<PresignedUpload> {
  const attachmentId = request.attachmentId ?? newAttachmentId();
  const key = attachmentKey(request.filingId, request.kind, attachmentId);
  const expiresInSeconds = request.expiresInSeconds ?? 900;
  const expiresAt = new Date(Date.now() + expiresInSeconds * 1000).toISOString();
  const { url, fields } = await createPresignedPost(s3ForPresigning(), {
    Bucket: bucketName(),
    Key: key, // createPresignedPost adds the exact-key condition itself
    Conditions: [
      ['eq', '$Content-Type', request.contentType],
      ['content-length-range', request.minBytes, request.maxBytes],
    ],
    Fields: { 'Content-Type': request.contentType },
    Expires: expiresInSeconds,
  });
  return { attachmentId, key, url, fields, expiresAt };
}

export interface AttachmentHead {
  key: string;
  size: number;
  contentType?: string;
  lastModified?: string;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/** The object's size and type (HeadObject); null when there is no such object. */
export async function headAttachment(key: string): Promise<AttachmentHead | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucketName(), Key: key }));
    return {
      key,
      size: head.ContentLength ?? 0,
      ...(head.ContentType !== undefined && { contentType: head.ContentType }),
      ...(head.LastModified !== undefined && { lastModified: head.LastModified.toISOString() }),
    };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The first `bytes` bytes of an object (a ranged GetObject; fewer when the object is shorter). */
export async function readHead(key: string, bytes: number): Promise<Uint8Array> {
  if (!Number.isInteger(bytes) || bytes < 1) throw new RangeError(`bytes must be a positive integer, got ${bytes}`);
  const result = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: key, Range: `bytes=0-${bytes - 1}` }));
  const body = await result.Body?.transformToByteArray();
  // A server that ignores Range sends everything: keep only what was asked for.
  return body ? body.subarray(0, bytes) : new Uint8Array();
}

export interface StoredAttachment extends AttachmentRef {
  key: string;
  size: number;
  lastModified?: string;
  etag?: string;
}

export interface EvidenceCopy {
  key: string;
  sha256: string;
  size: number;
  contentType: string;
  /** The upload's version id, where the bucket is versioned (S3 on AWS). */
  sourceVersionId?: string;
}

/** SHA-256 of an object's bytes, read as a stream (never held whole). */
async function sha256Of(key: string): Promise<string> {
  const result = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: key }));
  const hash = createHash('sha256');
  for await (const chunk of (result.Body ?? []) as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * A server-side copy (CopyObject) of an upload to an evidence key, and the copy's SHA-256: S3's
 * own checksum of the copy where it gives one (AWS), else the copy read back (s3rver has no
 * checksums). Null when the upload is gone.
 */
export async function copyToEvidence(sourceKey: string, key: string): Promise<EvidenceCopy | null> {
  if (!key.startsWith('evidence/')) throw new Error(`not an evidence key: ${key}`);
  let copied;
  try {
    copied = await s3().send(new CopyObjectCommand({ Bucket: bucketName(), Key: key, CopySource: `${bucketName()}/${sourceKey}`, ChecksumAlgorithm: 'SHA256' }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const checksum = copied.CopyObjectResult?.ChecksumSHA256;
  const [sha256, head] = await Promise.all([checksum ? Buffer.from(checksum, 'base64').toString('hex') : sha256Of(key), headAttachment(key)]);
  return {
    key,
    sha256,
    size: head?.size ?? 0,
    contentType: head?.contentType ?? 'application/octet-stream',
    ...(copied.CopySourceVersionId !== undefined && { sourceVersionId: copied.CopySourceVersionId }),
  };
}

/** Every object uploaded for a filing (ListObjectsV2, paginated), ordered by key. */
export async function listAttachments(filingId: string): Promise<StoredAttachment[]> {
  const found: StoredAttachment[] = [];
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucketName(), Prefix: filingPrefix(filingId), ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      const ref = object.Key ? parseAttachmentKey(object.Key) : null;
      if (!ref || !object.Key) continue;
      found.push({
        ...ref,
        key: object.Key,
        size: object.Size ?? 0,
        ...(object.LastModified !== undefined && { lastModified: object.LastModified.toISOString() }),
        ...(object.ETag !== undefined && { etag: object.ETag }),
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

/** A short-lived presigned GET (reviewers): default 300 s. */
export async function presignDownload(key: string, expiresInSeconds = 300): Promise<{ url: string; expiresAt: string }> {
  const url = await getSignedUrl(s3ForPresigning(), new GetObjectCommand({ Bucket: bucketName(), Key: key }), { expiresIn: expiresInSeconds });
  return { url, expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString() };
}
