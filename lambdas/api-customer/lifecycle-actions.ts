import { CALLBACK_STAGES, WITHDRAWABLE_STATUSES, type FilingStatus } from '../shared/domain/index.js';
import { reportVerification } from '../shared/application/report-verification.js';
import { submitFiling, type SubmitOutcome } from '../shared/application/submit.js';
import { withdrawFiling, type WithdrawOutcome } from '../shared/application/withdraw.js';
import { HttpError, validationFailed } from '../shared/http/errors.js';
import { problem } from '../shared/messages/index.js';
import { ifMatchVersion } from '../shared/http/preconditions.js';
import { requireNoBody } from '../shared/http/request.js';
import { filingBody, filingSchema } from '../shared/http/representations.js';
import { etagOf, json } from '../shared/http/response.js';
import { route, type RequestContext, type Route } from '../shared/http/router.js';
import { getFilingWithGrants, type FilingRecord } from '../shared/store/index.js';
import { recentAccount } from './account-cache.js';
import { ownFiling } from './filings.js';

/** Routes of this file take no body; an empty object is tolerated, anything else is 422. */
const noBody = requireNoBody;

function wrongStatus(record: FilingRecord, allowed: readonly FilingStatus[]): HttpError {
  return new HttpError(409, {
    text: 'STATUS_NOT_ALLOWED',
    params: { status: record.status, allowed: { or: allowed } },
    details: [problem('WRONG_STATUS', 'status', { status: record.status })],
  });
}

/** The use cases' refusals as docs/design/api.md answers them. */
function refusal(outcome: Exclude<SubmitOutcome | WithdrawOutcome, { filing: FilingRecord; kind: 'SUBMITTED' | 'WITHDRAWN' }>): HttpError {
  switch (outcome.kind) {
    case 'NOT_FOUND':
      return new HttpError(404);
    case 'VERSION_MISMATCH':
      return new HttpError(412);
    case 'WRONG_STATUS':
      return wrongStatus(outcome.filing, outcome.allowed);
    case 'INVALID':
      return validationFailed(outcome.problems);
  }
}

async function submit({ event, caller, params }: RequestContext<'customer'>) {
  const expectedVersion = ifMatchVersion(event, false);
  noBody(event);
  // The filing with its upload grants in one read (what submit counts as uploads).
  const read = await getFilingWithGrants(params.id!, { accountId: caller.accountId });
  if (read === null) throw new HttpError(404);
  const { filing, grants } = read;
  const outcome = await submitFiling({ filing, grants, actor: caller.principalArn, readAccount: recentAccount, ...(expectedVersion !== undefined && { expectedVersion }) });
  if (outcome.kind !== 'SUBMITTED') throw refusal(outcome);
  return json(202, filingBody(outcome.filing), { etag: etagOf(outcome.filing.version) });
}

/**
 * The customer's callbacks: recorded on the filing's open task of this stage (exactly one report
 * wins) and handed to the workflow from the record (lambdas/shared/application).
 */
async function report(context: RequestContext<'customer'>, stage: 'VERIFICATION' | 'SMS_VERIFICATION') {
  const { event, caller, params } = context;
  noBody(event);
  const record = await ownFiling(params.id!, caller.accountId);
  if (!(await reportVerification(record, stage, caller.principalArn))) throw wrongStatus(record, [CALLBACK_STAGES[stage]]);
  return json(202, filingBody(record), { etag: etagOf(record.version) });
}

async function withdraw({ event, caller, params }: RequestContext<'customer'>) {
  const expectedVersion = ifMatchVersion(event, false);
  noBody(event);
  const outcome = await withdrawFiling({ filingId: params.id!, accountId: caller.accountId, actor: caller.principalArn, ...(expectedVersion !== undefined && { expectedVersion }) });
  if (outcome.kind !== 'WITHDRAWN') throw refusal(outcome);
  return json(202, filingBody(outcome.filing), { etag: etagOf(outcome.filing.version) });
}

const filingAccepted = { 202: { description: 'Accepted; the filing as it is now', schema: filingSchema, headers: { ETag: '"<version>"' } } };

export const lifecycleRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/v1/filings/{id}/submit',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'submitFiling',
      summary: 'Check everything that can be checked now, then start the lifecycle',
      description: 'Completeness and every rule that needs no call into the customer account (attachments present included): 422 listing all. Then SUBMITTED (a new revision) and the workflow starts. If-Match is optional.',
      tags: ['lifecycle'],
      responses: filingAccepted,
      errors: [409, 412, 422],
    },
    handle: submit,
  }),
  route({
    method: 'POST',
    path: '/v1/filings/{id}/verification',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'reportVerification',
      summary: 'Report the electronic verification done',
      tags: ['lifecycle'],
      responses: filingAccepted,
      errors: [409],
    },
    handle: (context) => report(context, 'VERIFICATION'),
  }),
  route({
    method: 'POST',
    path: '/v1/filings/{id}/sms-verification',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'reportSmsVerification',
      summary: 'Report the SMS verification done',
      tags: ['lifecycle'],
      responses: filingAccepted,
      errors: [409],
    },
    handle: (context) => report(context, 'SMS_VERIFICATION'),
  }),
  route({
    method: 'POST',
    path: '/v1/filings/{id}/withdraw',
    audience: 'customer',
    writes: true,
    doc: {
      operationId: 'withdrawFiling',
      summary: 'Withdraw before the Communications Administration has the application',
      description: `Possible in ${WITHDRAWABLE_STATUSES.join(', ')}; 409 otherwise (once the Communications Administration has it, DRAFT: delete it instead).`,
      tags: ['lifecycle'],
      responses: filingAccepted,
      errors: [409, 412],
    },
    handle: withdraw,
  }),
];
