import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { REVIEWER_STAGES, checkReviewDecision, parseWithProblems, reviewDecisionSchema, type FilingDocument, type ReviewDecision } from '../shared/domain/index.js';
import type { Problem } from '../shared/domain/problem.js';
import { GONE_TOKEN_ERRORS, WORKFLOW_ERRORS } from '../shared/workflow/errors.js';
import { listAttachments, presignDownload } from '../shared/adapters/attachments-store.js';
import { sfn } from '../shared/adapters/clients.js';
import { HttpError, validationFailed } from '../shared/http/errors.js';
import { problem } from '../shared/messages/index.js';
import { requireJsonObject } from '../shared/http/request.js';
import { decisionAcceptedSchema, documentOf, filingBody, reviewFilingSchema, taskBody, taskPageSchema, verificationOf } from '../shared/http/representations.js';
import { etagOf, json } from '../shared/http/response.js';
import { pageQueryDoc, readPageQuery, type PageFilter } from '../shared/http/paging.js';
import { route, type RequestContext, type Route } from '../shared/http/router.js';
import { getFiling, getTask, claimTask, listOpenTasks, reopenTask, type TaskRecord } from '../shared/store/index.js';
import { driftRoutes } from './drift-routes.js';

const stageFilter: PageFilter<(typeof REVIEWER_STAGES)[number]> = { name: 'stage', values: REVIEWER_STAGES, description: 'Only this stage' };

const provinceOf = (document: FilingDocument | undefined): string | undefined =>
  document !== undefined && 'entity' in document ? document.entity?.province : undefined;

/** Step Functions' limit on a SendTaskFailure cause. */
const MAX_CAUSE_CHARS = 32_768;

/** The reviewer's reasons as the workflow stores them (`Problem`s), within the cause limit. */
function rejectionCause(reasons: NonNullable<ReviewDecision['reasons']>): string {
  const problems: Problem[] = reasons.map((r) => ({ path: r.path ?? '', code: r.code, message: r.message, messageZh: r.messageZh ?? r.message }));
  let cause = JSON.stringify({ reasons: problems });
  for (let keep = problems.length - 1; cause.length > MAX_CAUSE_CHARS && keep >= 1; keep -= 1) cause = JSON.stringify({ reasons: problems.slice(0, keep) });
  return cause;
}

/** Step Functions answers these when the token's state is no longer waiting (withdrawn, timed out). */

async function answer(task: TaskRecord, decision: ReviewDecision, reviewer: string): Promise<void> {
  try {
    if (decision.decision === 'APPROVE') {
      const output = {
        decision: 'APPROVE',
        reviewer,
        ...(decision.recordNumber !== undefined && { recordNumber: decision.recordNumber }),
        ...(decision.paperMaterialsReceived !== undefined && { paperMaterialsReceived: decision.paperMaterialsReceived }),
      };
      await sfn().send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify(output) }));
    } else {
      await sfn().send(new SendTaskFailureCommand({ taskToken: task.token, error: WORKFLOW_ERRORS.rejected, cause: rejectionCause(decision.reasons ?? []) }));
    }
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (GONE_TOKEN_ERRORS.has(name)) {
      throw new HttpError(409, { text: 'TASK_CLOSED', details: [problem('TASK_ALREADY_DECIDED', '', { closed: true })] });
    }
    // A transient failure: let the decision be taken again.
    await reopenTask(task);
    throw error;
  }
}

async function decide({ event, caller, params }: RequestContext<'reviewer'>) {
  const parsed = parseWithProblems(reviewDecisionSchema, requireJsonObject(event));
  if (!parsed.ok) throw validationFailed(parsed.problems);
  const decision = parsed.document;
  const task = await getTask(params.taskId!);
  if (task === null || !(REVIEWER_STAGES as readonly string[]).includes(task.stage)) throw new HttpError(404);
  const filing = await getFiling(task.filingId);
  if (filing === null) throw new HttpError(404);
  const document = documentOf(filing);
  const target = filing.targetFilingId === undefined ? null : await getFiling(filing.targetFilingId);
  const problems = checkReviewDecision(decision, {
    stage: task.stage,
    type: filing.type,
    verificationMethod: verificationOf(filing),
    provinceCode: provinceOf(document) ?? provinceOf(target === null ? undefined : documentOf(target)),
  });
  if (problems.length > 0) throw validationFailed(problems);
  // Exactly one of any number of concurrent decisions claims the task; the others get 409.
  const claimed = await claimTask(task.taskId, caller.principalArn);
  await answer(claimed, decision, caller.principalArn);
  return json(202, { taskId: task.taskId, filingId: task.filingId, stage: task.stage, decision: decision.decision });
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
      tags: ['review'],
      responses: { 200: { description: 'The filing', schema: reviewFilingSchema, headers: { ETag: '"<version>"' } } },
    },
    handle: async ({ params }) => {
      const filing = await getFiling(params.id!);
      if (filing === null) throw new HttpError(404);
      const objects = await listAttachments(filing.filingId);
      const attachments = await Promise.all(
        objects.map(async (object) => ({ kind: object.kind, attachmentId: object.attachmentId, size: object.size, ...(await presignDownload(object.key)) })),
      );
      return json(200, { ...filingBody(filing), attachments }, { etag: etagOf(filing.version) });
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
        'Exactly one of any number of concurrent decisions on a task wins; the others answer 409. 422: a REJECT without reasons, a CA approval of a NEW filing without a valid record number, a MANUAL preliminary approval without paperMaterialsReceived: true.',
      tags: ['review'],
      body: { schema: reviewDecisionSchema },
      responses: { 202: { description: 'The decision was handed to the workflow', schema: decisionAcceptedSchema } },
      errors: [409, 422],
    },
    handle: decide,
  }),
  ...driftRoutes,
];
