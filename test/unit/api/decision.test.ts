import { jest } from '@jest/globals';
import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { FilingRecord, TaskRecord, TaskView } from '../../../lambdas/shared/store/index.js';

const store = {
  getTask: jest.fn<(id: string) => Promise<TaskView | null>>(),
  getFiling: jest.fn<(id: string) => Promise<FilingRecord | null>>(),
  claimTask: jest.fn<(id: string, by: string) => Promise<TaskRecord>>(),
  reopenTask: jest.fn<(task: TaskRecord) => Promise<boolean>>(),
};
const actualStore = await import('../../../lambdas/shared/store/index.js');
jest.unstable_mockModule('../../../lambdas/shared/store/index.js', () => ({
  ...actualStore,
  getTask: (id: string) => store.getTask(id),
  getFiling: (id: string) => store.getFiling(id),
  claimTask: (id: string, by: string) => store.claimTask(id, by),
  reopenTask: (task: TaskRecord) => store.reopenTask(task),
}));

import { Logger } from '@aws-lambda-powertools/logger';
const { reviewRoutes } = await import('../../../lambdas/api-review/routes.js');
const { apiHandler } = await import('../../../lambdas/shared/http/chain.js');
const { Router } = await import('../../../lambdas/shared/http/router.js');
import { IDENTITIES, REVIEWER_PRINCIPAL_ARNS, lambdaContext, proxyEvent } from '../../support/proxy-event.js';

const sfn = mockClient(SFNClient);
const handler = apiHandler(new Router(reviewRoutes, { reviewerPrincipals: () => [REVIEWER_PRINCIPAL_ARNS], audience: 'reviewer' }), new Logger({ logLevel: 'SILENT' }));

const view: TaskView = { taskId: 't-1', stage: 'CA_DECISION', filingId: 'f-1', accountId: '111111111111', createdAt: '2026-11-28T00:00:00.000Z', deadline: '2026-12-28T00:00:00.000Z', overdue: false };
const claimed: TaskRecord = { ...view, state: 'OPEN', token: 'secret-token', decidedBy: IDENTITIES.reviewer.userArn, decidedAt: '2026-11-29T00:00:00.000Z' };
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
  store.getTask.mockResolvedValue(view);
  store.getFiling.mockResolvedValue(filing);
  store.claimTask.mockResolvedValue(claimed);
  store.reopenTask.mockResolvedValue(true);
});

describe('POST /v1/review/tasks/{taskId}/decision', () => {
  it('approves with SendTaskSuccess on the stored token, the record number in the output', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    const answer = await decide({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' });
    expect(answer).toEqual({ status: 202, body: { taskId: 't-1', filingId: 'f-1', stage: 'CA_DECISION', decision: 'APPROVE' } });
    const calls = sfn.commandCalls(SendTaskSuccessCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input.taskToken).toBe('secret-token');
    expect(JSON.parse(calls[0]!.args[0].input.output!)).toEqual({ decision: 'APPROVE', reviewer: IDENTITIES.reviewer.userArn, recordNumber: '宁ICP备2024000001号-2A' });
    expect(JSON.stringify(answer.body)).not.toContain('secret-token');
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
    expect(store.claimTask).not.toHaveBeenCalled();
    expect(sfn.calls()).toHaveLength(0);
  });

  it('gives the task back and answers 503 when Step Functions fails transiently', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    const answer = await decide({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' });
    expect(answer.status).toBe(503);
    expect(store.reopenTask).toHaveBeenCalledWith(claimed);
  });

  it('answers 409 when the execution no longer waits for the token (withdrawn, timed out)', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(Object.assign(new Error('gone'), { name: 'TaskTimedOut' }));
    const answer = await decide({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' });
    expect(answer.status).toBe(409);
    expect(store.reopenTask).not.toHaveBeenCalled();
  });

  it('answers 404 for a task of a customer stage', async () => {
    store.getTask.mockResolvedValue({ ...view, stage: 'SMS_VERIFICATION' });
    expect((await decide({ decision: 'APPROVE' })).status).toBe(404);
  });
});
