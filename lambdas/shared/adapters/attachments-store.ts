import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash, randomBytes } from 'node:crypto';
import { s3, s3ForPresigning } from './clients.js';

/**
 * The attachments bucket (`BUCKET_NAME`): uploads at `filings/<filingId>/<kind>/<attachmentId>`,
 * written only through presigned POSTs whose policy pins the key, the content type and the
 * size range; at submit the counted ones are copied to `evidence/…` (no grant names a key
 * there), which the workflow (head + first bytes) and reviewers (presigned GET) read
 * (docs/durability.md "Evidence").
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

/** Content-addressed, so a key once written never holds other bytes (concurrent submits write the same). */
export const evidenceKey = (filingId: string, revision: number, kind: string, sha256: string): string =>
  `evidence/${filingId}/r${revision}/${kind}/${sha256}`;

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

export interface WholeObject {
  bytes: Uint8Array;
  sha256: string;
  contentType: string;
  lastModified?: string;
  etag?: string;
  versionId?: string;
}

/** An object's bytes and what S3 says of them (GetObject); null when there is no such object. */
export async function readObject(key: string): Promise<WholeObject | null> {
  try {
    const result = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: key }));
    const bytes = (await result.Body?.transformToByteArray()) ?? new Uint8Array();
    return {
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentType: result.ContentType ?? 'application/octet-stream',
      ...(result.LastModified !== undefined && { lastModified: result.LastModified.toISOString() }),
      ...(result.ETag !== undefined && { etag: result.ETag }),
      ...(result.VersionId !== undefined && { versionId: result.VersionId }),
    };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Writes the platform's own copy of an object (evidence keys only: uploads go through grants). */
export async function putEvidenceObject(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
  if (!key.startsWith('evidence/')) throw new Error(`not an evidence key: ${key}`);
  await s3().send(new PutObjectCommand({ Bucket: bucketName(), Key: key, Body: bytes, ContentType: contentType }));
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
