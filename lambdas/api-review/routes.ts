import { REVIEWER_STAGES, parseWithProblems, reviewDecisionSchema } from '../shared/domain/index.js';
import { decideTask } from '../shared/application/decide.js';
import { presignDownload } from '../shared/adapters/attachments-store.js';
import { currentEvidence, uploadsAfterSubmit } from '../shared/application/evidence.js';
import { grantedUploads } from '../shared/application/uploads.js';
import { HttpError, validationFailed } from '../shared/http/errors.js';
import { requireJsonObject } from '../shared/http/request.js';
import { decisionAcceptedSchema, filingBody, reviewFilingSchema, taskBody, taskPageSchema } from '../shared/http/representations.js';
import { etagOf, json } from '../shared/http/response.js';
import { pageQueryDoc, readPageQuery, type PageFilter } from '../shared/http/paging.js';
import { route, type RequestContext, type Route } from '../shared/http/router.js';
import { getFiling, listOpenTasks } from '../shared/store/index.js';
import { driftRoutes } from './drift-routes.js';

const stageFilter: PageFilter<(typeof REVIEWER_STAGES)[number]> = { name: 'stage', values: REVIEWER_STAGES, description: 'Only this stage' };

async function decide({ event, caller, params }: RequestContext<'reviewer'>) {
  const parsed = parseWithProblems(reviewDecisionSchema, requireJsonObject(event));
  if (!parsed.ok) throw validationFailed(parsed.problems);
  // Recorded first, then handed to the workflow; the answer reads what was recorded.
  const outcome = await decideTask({ taskId: params.taskId!, decision: parsed.document, reviewer: caller.principalArn });
  if (outcome.kind === 'NOT_FOUND') throw new HttpError(404);
  if (outcome.kind === 'INVALID') throw validationFailed(outcome.problems);
  const { task, answer } = outcome;
  return json(202, { taskId: task.taskId, filingId: task.filingId, stage: task.stage, decision: answer.decision });
}

export const reviewRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/review/tasks',
    audience: 'reviewer',
    writes: false,
    doc: {
      operationId: 'listReviewTasks',
      summary: 'Open reviewer tasks, oldest deadline first',
      tags: ['review'],
      query: pageQueryDoc(stageFilter),
      responses: { 200: { description: 'One page', schema: taskPageSchema } },
    },
    handle: async ({ event }) => {
      const { filter: stage, ...paging } = readPageQuery(event, stageFilter);
      const page = await listOpenTasks({ ...paging, ...(stage !== undefined && { stage }) });
      return json(200, { items: page.items.map(taskBody), nextCursor: page.nextCursor ?? null });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/review/filings/{id}',
    audience: 'reviewer',
    writes: false,
    doc: {
      operationId: 'getReviewFiling',
      summary: "Any account's filing, with short-lived presigned GET URLs of its attachments",
      description:
        'attachments: the evidence frozen at the last submit (each with its SHA-256); the URLs serve exactly those bytes. uploadsAfterSubmit: objects written under upload keys after that submit (or all, before a first submit): not evidence, no URL.',
      tags: ['review'],
      responses: { 200: { description: 'The filing', schema: reviewFilingSchema, headers: { ETag: '"<version>"' } } },
    },
    handle: async ({ params }) => {
      const filing = await getFiling(params.id!);
      if (filing === null) throw new HttpError(404);
      // The reviewer judges what was submitted (docs/durability.md "Evidence").
      const evidence = currentEvidence(filing);
      const [attachments, uploads] = await Promise.all([
        Promise.all(
          (evidence?.items ?? []).map(async (item) => ({ kind: item.kind, attachmentId: item.attachmentId, size: item.size, sha256: item.sha256, ...(await presignDownload(item.key)) })),
        ),
        grantedUploads(filing.filingId),
      ]);
      const late = uploadsAfterSubmit(evidence, uploads).map(({ kind, attachmentId, size, lastModified }) => ({ kind, attachmentId, size, lastModified }));
      return json(200, { ...filingBody(filing), attachments, uploadsAfterSubmit: late }, { etag: etagOf(filing.version) });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/review/tasks/{taskId}/decision',
    audience: 'reviewer',
    writes: true,
    doc: {
      operationId: 'decideReviewTask',
      summary: 'Approve or reject a task (SendTaskSuccess / SendTaskFailure; the task token never leaves the server)',
      description:
        'The decision is recorded with the task (and in the audit trail) before it is handed to the workflow. Exactly one of any number of concurrent decisions on a task, or a withdrawal, wins; the others answer 409. 422: a REJECT without reasons, a CA approval of a NEW filing without a valid record number, a MANUAL preliminary approval without paperMaterialsReceived: true.',
      tags: ['review'],
      body: { schema: reviewDecisionSchema },
      responses: { 202: { description: 'The decision was handed to the workflow', schema: decisionAcceptedSchema } },
      errors: [409, 422],
    },
    handle: decide,
  }),
  ...driftRoutes,
];
