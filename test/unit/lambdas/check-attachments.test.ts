import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Evidence } from '../../../lambdas/shared/store/index.js';
import { BatchGetCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, HEAD_BYTES } from '../../../lambdas/check-attachments/handler.js';
import { ATTACHMENT_KINDS } from '../../../lambdas/shared/domain/index.js';
import { sampleAttachment, samplePng } from '../../../lib/local/samples/attachments.js';
import { FILING_ID, context, documents, failureOf, filingItem, storeFilings, useMockedAws } from './support.js';

const s3 = mockClient(S3Client);
useMockedAws();

const KINDS = ATTACHMENT_KINDS.filter((k) => k !== 'PRE_APPROVAL_DOCUMENT');
const keyOf = (kind: string) => `evidence/${FILING_ID}/r1/${kind}/sha-of-${kind.toLowerCase()}`;

/** The evidence a submit froze for these files (revision 1, the filing's). */
function evidenceOf(files: Record<string, Buffer>, revision = 1): Evidence {
  const items = Object.entries(files).map(([kind, bytes]) => ({
    kind: kind as Evidence['items'][number]['kind'],
    attachmentId: `${kind.toLowerCase()}-1`,
    key: keyOf(kind),
    sha256: `sha-of-${kind.toLowerCase()}`,
    size: bytes.length,
    contentType: 'image/png',
    lastModified: '2026-11-01T00:00:00.000Z',
    grantedAt: '2026-11-01T00:00:00.000Z',
  }));
  return { revision, frozenAt: '2026-11-01T00:00:01.000Z', items };
}

function serve(files: Record<string, Buffer>): void {
  // Uploads under the customer's keys are never read: only the evidence is.
  s3.on(ListObjectsV2Command).rejects(new Error('the workflow lists no uploads'));
  for (const [kind, bytes] of Object.entries(files)) {
    s3.on(HeadObjectCommand, { Key: keyOf(kind) }).resolves({ ContentLength: bytes.length, ContentType: 'image/png' });
    // Only the part of the body stream the handler uses.
    s3.on(GetObjectCommand, { Key: keyOf(kind) }).resolves({ Body: { transformToByteArray: async () => new Uint8Array(bytes) } } as never);
  }
}

beforeEach(() => {
  s3.reset();
  documents.on(GetCommand, { Key: { pk: 'ACCOUNT#111111111111', sk: 'PROFILE' } }).resolves({});
  documents.on(TransactWriteCommand).resolves({});
});

describe('check-attachments', () => {
  test('HeadObject then a ranged GetObject of the head of each required object; all good: the workflow state', async () => {
    const files = Object.fromEntries(KINDS.map((kind) => [kind, sampleAttachment(kind).bytes]));
    storeFilings(filingItem({ evidence: evidenceOf(files) }));
    serve(files);
    const state = await handler({ filingId: FILING_ID, revision: 1 }, context('check-attachments'));
    expect(state).toMatchObject({ electronicVerification: true });
    const heads = s3.commandCalls(HeadObjectCommand).map((c) => c.args[0].input);
    expect(heads).toContainEqual({ Bucket: 'recordal-attachments-test', Key: keyOf('ENTITY_CERTIFICATE') });
    const get = s3.commandCalls(GetObjectCommand).find((c) => c.args[0].input.Key === keyOf('ENTITY_CERTIFICATE'))!.args[0].input;
    const size = sampleAttachment('ENTITY_CERTIFICATE').bytes.length;
    expect(get).toEqual({ Bucket: 'recordal-attachments-test', Key: keyOf('ENTITY_CERTIFICATE'), Range: `bytes=0-${Math.min(size, HEAD_BYTES) - 1}` });
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  test('given the account (CheckResources answers it), the filing and the profile are ONE BatchGetItem', async () => {
    const files = Object.fromEntries(KINDS.map((kind) => [kind, sampleAttachment(kind).bytes]));
    documents.on(BatchGetCommand).resolves({ Responses: { [process.env.TABLE_NAME!]: [filingItem({ evidence: evidenceOf(files) })] } });
    serve(files);
    const state = await handler({ filingId: FILING_ID, revision: 1, accountId: '111111111111' }, context('check-attachments'));
    expect(state).toMatchObject({ electronicVerification: true, accountId: '111111111111' });
    const keys = documents.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems![process.env.TABLE_NAME!]!;
    expect(keys).toMatchObject({ ConsistentRead: true, Keys: [{ pk: `FILING#${FILING_ID}`, sk: 'FILING' }, { pk: 'ACCOUNT#111111111111', sk: 'PROFILE' }] });
    expect(documents.commandCalls(BatchGetCommand)).toHaveLength(1);
    expect(documents.commandCalls(GetCommand)).toHaveLength(0);
  });

  test('a grayscale certificate and a missing icon: RETURNED listing both', async () => {
    const files = Object.fromEntries(KINDS.filter((k) => k !== 'APP_ICON').map((kind) => [kind, sampleAttachment(kind).bytes]));
    files.ENTITY_CERTIFICATE = samplePng({ width: 1600, height: 1150, targetBytes: 150 * 1024, colour: false, seed: 3 });
    storeFilings(filingItem({ evidence: evidenceOf(files) }));
    serve(files);
    const error = await failureOf(handler({ filingId: FILING_ID, revision: 1 }, context('check-attachments')));
    expect(error.name).toBe('Recordal.FilingReturned');
    const update = documents.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Update!;
    const reasons = Object.values(update.ExpressionAttributeValues!).find(Array.isArray) as { code: string }[];
    expect(reasons.map((r) => r.code).sort()).toEqual(['ATTACHMENT_MISSING', 'ATTACHMENT_NOT_COLOUR']);
  });

  test('evidence of an earlier revision is not this submission\'s: every attachment missing', async () => {
    const files = Object.fromEntries(KINDS.map((kind) => [kind, sampleAttachment(kind).bytes]));
    storeFilings(filingItem({ revision: 2, evidence: evidenceOf(files, 1) }));
    serve(files);
    expect((await failureOf(handler({ filingId: FILING_ID, revision: 2 }, context('check-attachments')))).name).toBe('Recordal.FilingReturned');
    expect(s3.calls()).toHaveLength(0);
  });

  test('S3 throttling (SlowDown) is Recordal.TransientError', async () => {
    storeFilings(filingItem({ evidence: evidenceOf({ APP_ICON: sampleAttachment('APP_ICON').bytes }) }));
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } }));
    expect((await failureOf(handler({ filingId: FILING_ID, revision: 1 }, context('check-attachments')))).name).toBe('Recordal.TransientError');
  });

  test('CHANGE_IP and cancellations read no attachment', async () => {
    storeFilings(filingItem({ type: 'CANCEL_APP', targetFilingId: 'f-target' }, { type: 'CANCEL_APP', targetFilingId: 'f-target' }), filingItem({ filingId: 'f-target', status: 'APPROVED' }));
    await handler({ filingId: FILING_ID, revision: 1 }, context('check-attachments'));
    expect(s3.calls()).toHaveLength(0);
  });
});
