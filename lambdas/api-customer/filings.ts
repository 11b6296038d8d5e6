import { IdempotencyConfig, IdempotencyValidationError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { EDITABLE_STATUSES, FILING_STATUSES, attachmentRequirements, filingDocumentSchema, parseFilingDraft, type FilingDocument, type FilingStatus } from '../shared/domain/index.js';
import { HttpError, badRequest, validationFailed } from '../shared/http/errors.js';
import { IDEMPOTENCY_KEY_MAX } from '../shared/http/limits.js';
import { problem } from '../shared/messages/index.js';
import { applyMergePatch, unknownRemovals } from '../shared/http/merge-patch.js';
import { ifMatchVersion, todayInShanghai } from '../shared/http/preconditions.js';
import { headerOf, requireJsonObject } from '../shared/http/request.js';
import { documentOf, eventsSchema, filingBody, filingPageSchema, filingSchema, auditEventBody, verificationOf } from '../shared/http/representations.js';
import { etagOf, json, noContent } from '../shared/http/response.js';
import { pageQueryDoc, readPageQuery, type PageFilter } from '../shared/http/paging.js';
import { route, type Route } from '../shared/http/router.js';
import {
  FilingExistsError,
  createFiling,
  deleteDraft,
  filingIdForIdempotencyKey,
  getFiling,
  idempotencyPersistence,
  listEvents,
  listFilings,
  requestBodyHash,
  type FilingRecord,
} from '../shared/store/index.js';
import { saveEdit } from './edit-claims.js';
import { recentAccount } from './account-cache.js';

/** A filing of the caller's account, or 404 (another tenant's filing does not exist for them). */
export async function ownFiling(filingId: string, accountId: string): Promise<FilingRecord> {
  const record = await getFiling(filingId, { accountId });
  if (record === null) throw new HttpError(404);
  return record;
}

/** Shape and field formats of a draft (docs/design/api.md "When each rule is checked"), or 422 with them all. */
function parseDraft(input: unknown): FilingDocument {
  const parsed = parseFilingDraft(input, { today: todayInShanghai() });
  if (!parsed.ok) throw validationFailed(parsed.problems);
  return parsed.document;
}

function storedFields(document: FilingDocument) {
  return {
    type: document.type,
    ...('targetFilingId' in document && typeof document.targetFilingId === 'string' && { targetFilingId: document.targetFilingId }),
  };
}

const filingResponse = (status: number, record: FilingRecord, extra: Record<string, string> = {}): APIGatewayProxyResult =>
  json(status, filingBody(record), { etag: etagOf(record.version), ...extra });

// ---------------------------------------------------------------- idempotent create

/** `Idempotency-Key`: 1–255 visible ASCII characters (a UUID is the usual choice). */
const IDEMPOTENCY_KEY = new RegExp(`^[\\x21-\\x7e]{1,${IDEMPOTENCY_KEY_MAX}}$`);

interface CreateRequest {
  accountId: string;
  idempotencyKey: string;
  /** The body as sent: same key with a different body is refused, not replayed. */
  body: Record<string, unknown>;
}

async function createDraft(accountId: string, document: FilingDocument, actor: string, keyed?: CreateRequest): Promise<APIGatewayProxyResult> {
  const fields = { accountId, ...storedFields(document), document: document as Record<string, unknown> };
  let record: FilingRecord;
  if (keyed === undefined) record = await createFiling(fields, { actor });
  else {
    // The id follows from the key: a replay after a crash finds the first attempt's filing.
    const filingId = filingIdForIdempotencyKey(accountId, keyed.idempotencyKey);
    const bodyHash = requestBodyHash(keyed.body);
    try {
      record = await createFiling({ ...fields, filingId }, { actor, requestBodyHash: bodyHash });
    } catch (error) {
      if (!(error instanceof FilingExistsError)) throw error;
      const existing = await getFiling(filingId, { accountId });
      if (existing === null || existing.requestBodyHash !== bodyHash) throw new IdempotencyValidationError('the Idempotency-Key made a filing from another body');
      record = existing;
    }
  }
  return filingResponse(201, record, { location: `/v1/filings/${record.filingId}` });
}

let idempotentCreate: { config: IdempotencyConfig; create: (request: CreateRequest, actor: string) => Promise<APIGatewayProxyResult> } | undefined;

/**
 * Powertools idempotency over the single table: the key is (account, Idempotency-Key), the
 * body is validated against the first request's, the first answer is stored for 24 hours and
 * replayed. Built on first use so the table name is read when the function runs.
 */
function idempotent() {
  if (idempotentCreate === undefined) {
    const config = new IdempotencyConfig({
      eventKeyJmesPath: '[accountId, idempotencyKey]',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: 24 * 60 * 60,
      throwOnNoIdempotencyKey: true,
    });
    const create = makeIdempotent(
      async (request: CreateRequest, actor: string) => createDraft(request.accountId, parseDraft(request.body), actor, request),
      { persistenceStore: idempotencyPersistence(process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'apiCustomer'), config },
    );
    idempotentCreate = { config, create };
  }
  return idempotentCreate;
}

async function create(body: Record<string, unknown>, accountId: string, actor: string, key: string | undefined, context: Context): Promise<APIGatewayProxyResult> {
  // Parse first: a rejected body writes nothing, not even an idempotency record.
  const document = parseDraft(body);
  if (key === undefined) return createDraft(accountId, document, actor);
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw badRequest('IDEMPOTENCY_KEY_MALFORMED', {}, [problem('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key')]);
  }
  const { config, create: createOnce } = idempotent();
  config.registerLambdaContext(context);
  return createOnce({ accountId, idempotencyKey: key, body }, actor);
}

// ---------------------------------------------------------------- list

const statusFilter: PageFilter<FilingStatus> = { name: 'status', values: FILING_STATUSES, description: 'Only filings in this status' };

// ---------------------------------------------------------------- routes


export const filingRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/v1/filings',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'createFiling',
      summary: 'Create a draft application',
      description:
        'The body is a filing document of docs/design/filing.md; its shape and the format of every field present are checked (a draft may be incomplete). ' +
        'With an Idempotency-Key, the same key and body within 24 hours answer the first answer again and create nothing; the same key with a different body answers 409 IDEMPOTENCY_KEY_REUSED, and while the first request is still running 409 IDEMPOTENCY_IN_PROGRESS.',
      tags: ['filings'],
      headers: { 'Idempotency-Key': { description: '1–255 visible ASCII characters, e.g. a UUID', required: false } },
      body: { schema: filingDocumentSchema },
      responses: { 201: { description: 'The draft', schema: filingSchema, headers: { ETag: '"<version>"', Location: '/v1/filings/{filingId}' } } },
      errors: [409, 422],
    },
    handle: async ({ event, caller, lambdaContext }) =>
      create(requireJsonObject(event), caller.accountId, caller.principalArn, headerOf(event, 'idempotency-key'), lambdaContext),
  }),
  route({
    method: 'GET',
    path: '/v1/filings',
    audience: 'customer',
    writes: false,
    doc: {
      operationId: 'listFilings',
      summary: 'Own filings, newest first',
      tags: ['filings'],
      query: pageQueryDoc(statusFilter),
      responses: { 200: { description: 'One page', schema: filingPageSchema } },
    },
    handle: async ({ event, caller }) => {
      const { filter: status, ...page } = readPageQuery(event, statusFilter);
      const found = await listFilings(caller.accountId, { ...page, ...(status !== undefined && { status }) });
      return json(200, { items: found.items.map((record) => filingBody(record)), nextCursor: found.nextCursor ?? null });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/filings/{id}',
    audience: 'customer',
    writes: false,
    doc: {
      operationId: 'getFiling',
      summary: 'One filing, with its requirements',
      tags: ['filings'],
      responses: { 200: { description: 'The filing', schema: filingSchema, headers: { ETag: '"<version>"' } } },
    },
    handle: async ({ caller, params }) => {
      const [record, account] = await Promise.all([ownFiling(params.id!, caller.accountId), recentAccount(caller.accountId)]);
      const target = record.targetFilingId === undefined ? null : await getFiling(record.targetFilingId, { accountId: caller.accountId });
      const requirements = attachmentRequirements(documentOf(record), account?.profile, verificationOf(record), target === null ? undefined : documentOf(target));
      return json(200, filingBody(record, requirements), { etag: etagOf(record.version) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/filings/{id}',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'patchFiling',
      summary: 'Change a DRAFT or RETURNED filing (JSON merge patch, RFC 7396)',
      description: 'Needs If-Match with the ETag (428 without it, 412 when it is not the current version). null removes a field; arrays are replaced whole.',
      tags: ['filings'],
      headers: { 'If-Match': { description: 'The ETag of the filing, e.g. "3"', required: true } },
      body: { schema: filingDocumentSchema, mediaTypes: ['application/merge-patch+json', 'application/json'], description: 'A merge patch of the filing document' },
      responses: { 200: { description: 'The changed filing', schema: filingSchema, headers: { ETag: '"<version>"' } } },
      errors: [409, 412, 422, 428],
    },
    handle: async ({ event, caller, params }) => {
      const expectedVersion = ifMatchVersion(event, true)!;
      const patch = requireJsonObject(event);
      const current = await ownFiling(params.id!, caller.accountId);
      if (!EDITABLE_STATUSES.includes(current.status)) {
        throw new HttpError(409, { text: 'FILING_NOT_EDITABLE', params: { status: current.status } });
      }
      if (current.version !== expectedVersion) throw new HttpError(412);
      const merged = applyMergePatch(current.document, patch);
      const removals = unknownRemovals(patch, filingDocumentSchema, current.document, merged);
      const parsed = parseFilingDraft(merged, { today: todayInShanghai() });
      if (!parsed.ok || removals.length > 0) throw validationFailed([...removals, ...(parsed.ok ? [] : parsed.problems)]);
      const document = parsed.document;
      const fields = storedFields(document);
      // The method is derived again from the edited document until the next submit fixes it.
      const set = { type: fields.type, targetFilingId: fields.targetFilingId ?? null, verificationMethod: null };
      const record = await saveEdit(current, expectedVersion, document as Record<string, unknown>, set, caller.principalArn);
      return filingResponse(200, record);
    },
  }),
  route({
    method: 'DELETE',
    path: '/v1/filings/{id}',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'deleteFiling',
      summary: 'Delete a DRAFT',
      tags: ['filings'],
      headers: { 'If-Match': { description: 'Optional: delete only at this version', required: false } },
      responses: { 204: { description: 'Deleted' } },
      errors: [409, 412],
    },
    handle: async ({ event, caller, params }) => {
      const expectedVersion = ifMatchVersion(event, false);
      if (expectedVersion !== undefined) {
        const current = await ownFiling(params.id!, caller.accountId);
        if (current.version !== expectedVersion) throw new HttpError(412);
      }
      await deleteDraft(params.id!, caller.accountId);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/v1/filings/{id}/events',
    audience: 'customer',
    writes: false,
    doc: {
      operationId: 'listFilingEvents',
      summary: 'The audit trail, oldest first',
      tags: ['filings'],
      responses: { 200: { description: 'Every event', schema: eventsSchema } },
    },
    handle: async ({ caller, params }) => {
      await ownFiling(params.id!, caller.accountId);
      const events = await listEvents(params.id!);
      return json(200, { items: events.map(auditEventBody) });
    },
  }),
];

