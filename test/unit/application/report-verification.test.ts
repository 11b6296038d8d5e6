import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { reportVerification } from '../../../lambdas/shared/application/report-verification.js';
import type { FilingRecord } from '../../../lambdas/shared/store/index.js';
import { documents, filingItem, useMockedAws } from '../lambdas/support.js';

/**
 * A customer's report (docs/durability.md "Decisions"): recorded in one transaction, then handed
 * to the workflow with the open task's token, which the filing carries beside the task's id, so
 * a report costs the filing's read (the caller's) and the transaction; nothing is written after
 * the send (the workflow's next transition settles the task).
 */
useMockedAws();
const sfn = mockClient(SFNClient);

const waiting = (overrides: Partial<FilingRecord>): FilingRecord => {
  const { pk: _pk, sk: _sk, ...record } = filingItem({ status: 'AWAITING_VERIFICATION', openTaskId: 'task-v', ...overrides });
  return record as unknown as FilingRecord;
};

beforeEach(() => {
  sfn.reset();
  sfn.on(SendTaskSuccessCommand).resolves({});
  documents.on(TransactWriteCommand).resolves({});
});

describe('reportVerification', () => {
  test('a filing that carries its open task token: the transaction is the only store call, then SendTaskSuccess with that token', async () => {
    expect(await reportVerification(waiting({ openTaskToken: 'token-v' }), 'VERIFICATION', 'customer')).toBe(true);
    expect(documents.calls()).toHaveLength(1);
    const items = documents.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items[0]!.Update!.Key).toEqual({ pk: 'TASK#task-v', sk: 'TASK' });
    expect(items[1]!.ConditionCheck!.ExpressionAttributeValues).toEqual({ ':status': 'AWAITING_VERIFICATION', ':taskId': 'task-v' });
    const send = sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input;
    expect(send.taskToken).toBe('token-v');
    expect(JSON.parse(send.output!)).toMatchObject({ stage: 'VERIFICATION', reportedBy: 'customer' });
    expect(documents.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  test('a filing from before the token was kept on it reads the task (strongly consistent) before answering', async () => {
    documents.on(GetCommand, { Key: { pk: 'TASK#task-v', sk: 'TASK' } }).resolves({
      Item: { pk: 'TASK#task-v', sk: 'TASK', taskId: 'task-v', token: 'token-old', stage: 'VERIFICATION', filingId: 'f-0001', accountId: '111111111111', createdAt: 'c', deadline: 'd', overdue: false, gsi2pk: 'OPEN_TASK#VERIFICATION' },
    });
    expect(await reportVerification(waiting({}), 'VERIFICATION', 'customer')).toBe(true);
    expect(documents.commandCalls(GetCommand)[0]!.args[0].input.ConsistentRead).toBe(true);
    expect(documents.calls().map((call) => call.args[0].constructor.name)).toEqual(['GetCommand', 'TransactWriteCommand']);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input.taskToken).toBe('token-old');
  });

  test("the token never shows in the filing's representation", async () => {
    const { filingBody } = await import('../../../lambdas/shared/http/representations.js');
    expect(JSON.stringify(filingBody(waiting({ openTaskToken: 'token-secret' })))).not.toContain('token-secret');
  });

  test('a filing that does not wait for this report: nothing is read or written', async () => {
    expect(await reportVerification(waiting({ openTaskToken: 'token-v' }), 'SMS_VERIFICATION', 'customer')).toBe(false);
    expect(documents.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });
});
