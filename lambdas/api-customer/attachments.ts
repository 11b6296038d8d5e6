import { ATTACHMENT_CONSTRAINTS, EDITABLE_STATUSES, attachmentRequestSchema, attachmentRequirements, checkAttachmentBytes, matchUploads, parseWithProblems, type AttachmentKind, type GrantedUpload } from '../shared/domain/index.js';
import type { Problem } from '../shared/domain/problem.js';
import { headAttachment, readHead } from '../shared/adapters/attachments-store.js';
import { grantUpload, grantedUploads } from '../shared/application/uploads.js';
import { currentEvidence } from '../shared/application/evidence.js';
import { HttpError, validationFailed } from '../shared/http/errors.js';
import { problem } from '../shared/messages/index.js';
import { requireJsonObject } from '../shared/http/request.js';
import { documentOf, presignedPostSchema, requirementBody, requirementsSchema, verificationOf } from '../shared/http/representations.js';
import { json } from '../shared/http/response.js';
import { route, type Route } from '../shared/http/router.js';
import { getFiling } from '../shared/store/index.js';
import { recentAccount } from './account-cache.js';
import { ownFiling } from './filings.js';

/** Enough of an object's head for its format, pixel size and colour (JPEG frame headers may follow EXIF). */
const HEAD_BYTES = 64 * 1024;

/** What is wrong with one uploaded object (docs/design/rules.md attachment codes, from its bytes). */
async function objectProblems(kind: AttachmentKind, key: string): Promise<Problem[]> {
  const head = await headAttachment(key);
  if (head === null) return [];
  const bytes = await readHead(key, Math.min(HEAD_BYTES, Math.max(1, head.size)));
  return checkAttachmentBytes(kind, { contentLength: head.size, head: bytes });
}


export const attachmentRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/filings/{id}/requirements',
    audience: 'customer',
    writes: false,
    doc: {
      operationId: 'listRequirements',
      summary: 'The attachments this filing needs, each with its constraints and whether it is uploaded and valid',
      tags: ['attachments'],
      responses: { 200: { description: 'One item per attachment kind needed', schema: requirementsSchema } },
    },
    handle: async ({ caller, params }) => {
      const record = await ownFiling(params.id!, caller.accountId);
      const frozen = EDITABLE_STATUSES.includes(record.status) ? undefined : currentEvidence(record);
      const [account, uploaded, target] = await Promise.all([
        recentAccount(caller.accountId),
        // Once submitted, what was frozen is what counts (docs/durability.md "Evidence").
        frozen === undefined ? grantedUploads(record.filingId) : Promise.resolve<(GrantedUpload & { key: string })[]>(frozen.items),
        record.targetFilingId === undefined ? Promise.resolve(null) : getFiling(record.targetFilingId, { accountId: caller.accountId }),
      ]);
      const requirements = attachmentRequirements(documentOf(record), account?.profile, verificationOf(record), target === null ? undefined : documentOf(target));
      // The upload that counts is the domain's one rule (a re-upload replaces the last).
      const items = await Promise.all(
        matchUploads(requirements, uploaded).map(async ({ requirement, upload }) => {
          const problems = upload === undefined ? [] : await objectProblems(requirement.kind, upload.key);
          return { ...requirementBody(requirement), uploaded: upload !== undefined, problems };
        }),
      );
      return json(200, { items });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/filings/{id}/attachments',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'createAttachmentUpload',
      summary: 'A presigned S3 POST for one attachment',
      description:
        "The policy pins the object key, the Content-Type and the kind's content-length-range. POST a multipart form to url: every field, then the file (field name \"file\"). The bytes are checked again by the workflow.",
      tags: ['attachments'],
      body: { schema: attachmentRequestSchema },
      responses: { 201: { description: 'Where and how to upload', schema: presignedPostSchema } },
      errors: [409, 422],
    },
    handle: async ({ event, caller, params }) => {
      const parsed = parseWithProblems(attachmentRequestSchema, requireJsonObject(event));
      if (!parsed.ok) throw validationFailed(parsed.problems);
      const { kind, contentType } = parsed.document;
      const record = await ownFiling(params.id!, caller.accountId);
      if (!EDITABLE_STATUSES.includes(record.status)) {
        throw new HttpError(409, { text: 'FILING_NOT_UPLOADABLE', params: { status: record.status } });
      }
      const constraints = ATTACHMENT_CONSTRAINTS[kind];
      const declared = contentType.split(';')[0]!.trim().toLowerCase();
      if (!(constraints.contentTypes as readonly string[]).includes(declared)) {
        const params = { kind, accepted: constraints.contentTypes, contentType: JSON.stringify(contentType.slice(0, 100)) };
        throw validationFailed([{ ...problem('CONTENT_TYPE_NOT_ACCEPTED', 'contentType', params), code: 'ATTACHMENT_TYPE' }]);
      }
      // Recorded before it is handed out: only granted keys are uploads (docs/durability.md "Evidence").
      const upload = await grantUpload(record, kind, declared, caller.principalArn);
      return json(201, { attachmentId: upload.attachmentId, url: upload.url, fields: upload.fields, expiresAt: upload.expiresAt, constraints });
    },
  }),
];

