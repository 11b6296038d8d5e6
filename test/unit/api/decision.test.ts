import { jest } from '@jest/globals';
import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { AnswerTaskInput, FilingRecord, TaskAnswer, TaskRecord, TaskView } from '../../../lambdas/shared/store/index.js';

const store = {
  getFiling: jest.fn<(id: string) => Promise<FilingRecord | null>>(),
  answerTask: jest.fn<(input: AnswerTaskInput) => Promise<TaskAnswer>>(),
  getTaskForDecision: jest.fn<(id: string) => Promise<TaskRecord | null>>(),
  markAnswerApplied: jest.fn<(id: string) => Promise<void>>(),
};
const actualStore = await import('../../../lambdas/shared/store/index.js');
jest.unstable_mockModule('../../../lambdas/shared/store/index.js', () => ({
  ...actualStore,
  getFiling: (id: string) => store.getFiling(id),
  answerTask: (input: AnswerTaskInput) => store.answerTask(input),
  getTaskForDecision: (id: string) => store.getTaskForDecision(id),
  markAnswerApplied: (id: string) => store.markAnswerApplied(id),
}));

import { Logger } from '@aws-lambda-powertools/logger';
const { reviewRoutes } = await import('../../../lambdas/api-review/routes.js');
const { apiHandler } = await import('../../../lambdas/shared/http/chain.js');
const { Router } = await import('../../../lambdas/shared/http/router.js');
import { IDENTITIES, REVIEWER_PRINCIPAL_ARNS, lambdaContext, proxyEvent } from '../../support/proxy-event.js';

const sfn = mockClient(SFNClient);
const handler = apiHandler(new Router(reviewRoutes, { reviewerPrincipals: () => [REVIEWER_PRINCIPAL_ARNS], audience: 'reviewer' }), new Logger({ logLevel: 'SILENT' }));

const view: TaskView = { taskId: 't-1', stage: 'CA_DECISION', filingId: 'f-1', accountId: '111111111111', createdAt: '2026-11-28T00:00:00.000Z', deadline: '2026-12-28T00:00:00.000Z', overdue: false };
const AT = '2026-11-29T00:00:00.000Z';
/** The open task as the decision reads it, token included (never shown). */
const open: TaskRecord = { ...view, state: 'OPEN', token: 'secret-token' };
const filing = {
  filingId: 'f-1',
  accountId: '111111111111',
  type: 'NEW',
  document: { type: 'NEW', entity: { province: '640000' } },
  status: 'CA_REVIEW',
  version: 7,
  revision: 1,
  verificationMethod: 'ELECTRONIC',
  reasons: [],
  createdAt: '2026-11-28T00:00:00.000Z',
  updatedAt: '2026-11-28T00:00:00.000Z',
} as FilingRecord;

async function decide(body: unknown) {
  const result = await handler(proxyEvent('POST', '/v1/review/tasks/t-1/decision', { as: IDENTITIES.reviewer, body }), lambdaContext());
  return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
}

beforeEach(() => {
  sfn.reset();
  for (const fn of Object.values(store)) fn.mockReset();
  store.getTaskForDecision.mockResolvedValue(open);
  store.getFiling.mockResolvedValue(filing);
  store.answerTask.mockImplementation(async (input) => ({ ...input.answer, at: AT }));
  store.markAnswerApplied.mockResolvedValue(undefined);
});

describe('POST /v1/review/tasks/{taskId}/decision', () => {
  it('records the decision first, then approves with SendTaskSuccess on the stored token, from the record', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    const answer = await decide({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' });
    expect(answer).toEqual({ status: 202, body: { taskId: 't-1', filingId: 'f-1', stage: 'CA_DECISION', decision: 'APPROVE' } });
    const calls = sfn.commandCalls(SendTaskSuccessCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input.taskToken).toBe('secret-token');
    expect(JSON.parse(calls[0]!.args[0].input.output!)).toEqual({ decision: 'APPROVE', reviewer: IDENTITIES.reviewer.userArn, recordNumber: '宁ICP备2024000001号-2A' });
    expect(JSON.stringify(answer.body)).not.toContain('secret-token');
    expect(store.answerTask).toHaveBeenCalledWith(expect.objectContaining({ taskId: 't-1', waitingStatus: 'CA_REVIEW', eventType: 'DECISION_RECORDED', answer: expect.objectContaining({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' }) }));
    // The task (with its token) is read once, before the answer; nothing is written after the send:
    // the workflow's next transition settles the task (store/tasks.ts settleTaskItem).
    expect(store.getTaskForDecision).toHaveBeenCalledTimes(1);
    expect(store.getTaskForDecision.mock.invocationCallOrder[0]).toBeLessThan(store.answerTask.mock.invocationCallOrder[0]!);
    expect(store.markAnswerApplied).not.toHaveBeenCalled();
  });

  it('marks the answer applied itself when the token is gone (the execution ended): nothing else would', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(Object.assign(new Error('gone'), { name: 'TaskTimedOut', $metadata: { httpStatusCode: 400 } }));
    expect((await decide({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' })).status).toBe(202);
    expect(store.markAnswerApplied).toHaveBeenCalledWith('t-1');
  });

  it('rejects with SendTaskFailure Recordal.Rejected, the reasons as the cause', async () => {
    sfn.on(SendTaskFailureCommand).resolves({});
    const answer = await decide({ decision: 'REJECT', reasons: [{ code: 'MATERIALS_UNCLEAR', message: 'Unreadable.' }] });
    expect(answer.status).toBe(202);
    const input = sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input;
    expect(input.error).toBe('Recordal.Rejected');
    expect(JSON.parse(input.cause!)).toEqual({ reasons: [{ path: '', code: 'MATERIALS_UNCLEAR', message: 'Unreadable.', messageZh: 'Unreadable.' }] });
  });

  it('refuses a CA approval without a valid record number (422) before claiming anything', async () => {
    const answer = await decide({ decision: 'APPROVE', recordNumber: '京ICP备2024000001号-2A' });
    expect(answer.status).toBe(422);
    expect((answer.body.error as { details: Array<{ code: string }> }).details.map((d) => d.code)).toEqual(['RECORD_NUMBER_PROVINCE_MISMATCH']);
    expect(store.answerTask).not.toHaveBeenCalled();
    expect(sfn.calls()).toHaveLength(0);
  });

  it('keeps a recorded decision (202) unapplied for the retry path when Step Functions fails transiently; never undoes it', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    const answer = await decide({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' });
    expect(answer.status).toBe(202);
    expect(store.markAnswerApplied).not.toHaveBeenCalled();
  });

  it('answers 409 when another decision or a withdrawal was recorded first', async () => {
    const { TaskAlreadyDecidedError } = actualStore;
    store.answerTask.mockRejectedValue(new TaskAlreadyDecidedError('t-1'));
    const answer = await decide({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' });
    expect(answer.status).toBe(409);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("decides from the facts the workflow recorded on the task, without reading the filing (an older task reads it)", async () => {
    store.getTaskForDecision.mockResolvedValue({ ...open, review: { type: 'NEW', verificationMethod: 'ELECTRONIC', provinceCode: '110000' } });
    sfn.on(SendTaskSuccessCommand).resolves({});
    // The task's province (Beijing) is what the record number is checked against.
    const refused = await decide({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' });
    expect((refused.body.error as { details: Array<{ code: string }> }).details.map((d) => d.code)).toEqual(['RECORD_NUMBER_PROVINCE_MISMATCH']);
    expect((await decide({ decision: 'APPROVE', recordNumber: '京ICP备2024000001号-2A' })).status).toBe(202);
    expect(store.getFiling).not.toHaveBeenCalled();
  });

  it('answers 404 for a task of a customer stage', async () => {
    store.getTaskForDecision.mockResolvedValue({ ...open, stage: 'SMS_VERIFICATION' });
    expect((await decide({ decision: 'APPROVE' })).status).toBe(404);
  });
});
