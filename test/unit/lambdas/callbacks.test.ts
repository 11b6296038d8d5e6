import { PutEventsCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as awaitCallback } from '../../../lambdas/await-callback/handler.js';
import { handler as deadlines } from '../../../lambdas/deadlines/handler.js';
import { handler as transition } from '../../../lambdas/transition/handler.js';
import { handler as applyDecision } from '../../../lambdas/apply-decision/handler.js';
import { handler as submitToAdministration } from '../../../lambdas/submit-to-administration/handler.js';
import { FILING_ID, context, documents, failureOf, filingItem, storeFilings, useMockedAws } from './support.js';

const sns = mockClient(SNSClient);
const eventBridge = mockClient(EventBridgeClient);
useMockedAws();

const REVIEWER_TOPIC = 'arn:aws-cn:sns:cn-northwest-1:123456789012:icp-recordal-reviewers';
const ALARM_TOPIC = 'arn:aws-cn:sns:cn-northwest-1:123456789012:icp-recordal-alarms';

beforeEach(() => {
  sns.reset();
  eventBridge.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
  documents.on(TransactWriteCommand).resolves({});
  documents.on(PutCommand).resolves({});
  process.env.REVIEWER_TOPIC_ARN = REVIEWER_TOPIC;
  process.env.ALARM_TOPIC_ARN = ALARM_TOPIC;
});

const transactItems = () => documents.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;

describe('await-callback', () => {
  test('enters the stage and stores the token under a new task id in ONE transaction, then notifies reviewers', async () => {
    storeFilings(filingItem({ status: 'AWAITING_VERIFICATION' }));
    const { taskId } = (await awaitCallback({ filingId: FILING_ID, revision: 1, stage: 'PRELIMINARY_REVIEW', taskToken: 'token-123' }, context('await-callback'))) as { taskId: string };
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const items = transactItems();
    // The filing carries the token beside the task's id (a customer's report needs no read of the task).
    expect(Object.values(items[0]!.Update!.ExpressionAttributeValues!)).toEqual(expect.arrayContaining(['PRELIMINARY_REVIEW', 'AWAITING_VERIFICATION', taskId, 'token-123']));
    const task = items.find((i) => i.Put?.Item?.pk === `TASK#${taskId}`)!.Put!.Item!;
    expect(task).toMatchObject({ token: 'token-123', stage: 'PRELIMINARY_REVIEW', filingId: FILING_ID, accountId: '111111111111', gsi2pk: 'OPEN_TASK#PRELIMINARY_REVIEW' });
    // What the reviewer's decision is checked against, so that it need not read the filing.
    expect(task.review).toEqual({ type: 'NEW', verificationMethod: 'ELECTRONIC', provinceCode: '640000' });
    expect(Date.parse(String(task.deadline))).toBeGreaterThan(Date.now());
    const notice = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(notice.TopicArn).toBe(REVIEWER_TOPIC);
    expect(notice.Message).toContain(taskId);
    expect(notice.Message).not.toContain('token-123');
  });

  test("settles the answered task of the stage it leaves in the same transaction (no write of the API's after SendTask*)", async () => {
    storeFilings(filingItem({ status: 'AWAITING_VERIFICATION', openTaskId: 'task-v' }));
    await awaitCallback({ filingId: FILING_ID, revision: 1, stage: 'PRELIMINARY_REVIEW', taskToken: 'token-2' }, context('await-callback'));
    expect(documents.calls()).toHaveLength(2);
    const settled = transactItems().filter((i) => i.Update?.Key?.pk === 'TASK#task-v');
    expect(settled).toHaveLength(1);
    expect(settled[0]!.Update!.UpdateExpression).toBe('SET appliedAt = if_not_exists(appliedAt, :now) REMOVE gsi2pk, gsi2sk');
  });

  test('customer stages notify nobody; a stage entered from the wrong status ends quietly', async () => {
    storeFilings(filingItem({ status: 'SUBMITTED' }));
    await awaitCallback({ filingId: FILING_ID, revision: 1, stage: 'VERIFICATION', taskToken: 't' }, context('await-callback'));
    expect(sns.calls()).toHaveLength(0);
    expect(transactItems().find((i) => String(i.Put?.Item?.pk).startsWith('TASK#'))!.Put!.Item!.review).toBeUndefined();
    documents.reset();
    storeFilings(filingItem({ status: 'WITHDRAWN' }));
    expect((await failureOf(awaitCallback({ filingId: FILING_ID, revision: 1, stage: 'VERIFICATION', taskToken: 't' }, context('await-callback')))).name).toBe('Recordal.FilingSuperseded');
  });
});

describe('transition (the way back)', () => {
  test('a rejection: RETURNED with the reasons of the cause, the open task closed in the same transaction', async () => {
    storeFilings(filingItem({ status: 'PRELIMINARY_REVIEW', openTaskId: 'task-1' }));
    const cause = JSON.stringify({ reasons: [{ code: 'APP_CONTENT', message: 'No content yet.' }] });
    const result = await transition({ filingId: FILING_ID, revision: 1, error: { Error: 'Recordal.Rejected', Cause: cause } }, context('transition'));
    expect(result).toEqual({ filingId: FILING_ID, outcome: 'RETURNED', codes: ['APP_CONTENT'] });
    const items = transactItems();
    expect(Object.values(items[0]!.Update!.ExpressionAttributeValues!)).toContain('RETURNED');
    // Closed once, by the rejection's own cancel (an item may appear only once in a transaction).
    expect(items.filter((i) => i.Update?.Key?.pk === 'TASK#task-1')).toHaveLength(1);
    expect(sns.calls()).toHaveLength(0);
  });

  test('a verification timeout: VERIFICATION_EXPIRED', async () => {
    storeFilings(filingItem({ status: 'AWAITING_VERIFICATION', openTaskId: 'task-1' }));
    expect(await transition({ filingId: FILING_ID, revision: 1, error: { Error: 'States.Timeout' } }, context('transition'))).toMatchObject({ codes: ['VERIFICATION_EXPIRED'] });
  });

  test('a system error: SYSTEM_ERROR and the alarm topic', async () => {
    storeFilings(filingItem({ status: 'CA_REVIEW', openTaskId: 'task-1' }));
    expect(await transition({ filingId: FILING_ID, revision: 1, error: { Error: 'Lambda.Unknown' }, systemError: true }, context('transition'))).toMatchObject({ outcome: 'RETURNED', codes: ['SYSTEM_ERROR'] });
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input.TopicArn).toBe(ALARM_TOPIC);
  });

  test('a filing that already left the workflow is left alone (but a system error still alarms)', async () => {
    storeFilings(filingItem({ status: 'WITHDRAWN' }));
    expect(await transition({ filingId: FILING_ID, revision: 1, error: { Error: 'X' }, systemError: true }, context('transition'))).toMatchObject({ outcome: 'UNCHANGED' });
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(sns.calls()).toHaveLength(1);
  });
});

describe('apply-decision', () => {
  test('NEW: APPROVED with the record number and the ports, in one conditional transaction', async () => {
    storeFilings(filingItem({ status: 'CA_REVIEW' }));
    const ports = { [FILING_ID]: { open: true, securityGroupIds: ['sg-0a1b2c3d4e5f60001'], openedAt: '2026-11-20T00:00:00.000Z' } };
    await applyDecision({ filingId: FILING_ID, revision: 1, decision: { decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-1A' }, ports }, context('apply-decision'));
    const values = Object.values(transactItems()[0]!.Update!.ExpressionAttributeValues!);
    expect(values).toEqual(expect.arrayContaining(['APPROVED', 'CA_REVIEW', '宁ICP备2024000001号-1A', ports[FILING_ID]]));
  });

  test('NEW with a record number of another province is refused (never APPROVED)', async () => {
    storeFilings(filingItem({ status: 'CA_REVIEW' }));
    const error = await failureOf(applyDecision({ filingId: FILING_ID, revision: 1, decision: { decision: 'APPROVE', recordNumber: '川ICP备2024000001号-1A' }, ports: {} }, context('apply-decision')));
    expect(error.name).toBe('Recordal.InvalidDecision');
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

/** The filing's partition from `EVENT#` on, as one Query answers it: its events, then the filing. */
const filingWithEvents = (filing: Record<string, unknown>, ...events: Record<string, unknown>[]) =>
  documents.on(QueryCommand).resolves({ Items: [...events.map((e, i) => ({ pk: filing.pk, sk: `EVENT#2026-11-02T00:00:0${i}.000Z#x`, ...e })), filing] });

describe('submit-to-administration', () => {
  test('records the hand-over once and publishes it on the bus, reading the filing and its trail in ONE call', async () => {
    process.env.EVENT_BUS_NAME = 'icp-recordal-test';
    filingWithEvents(filingItem({ status: 'PRELIMINARY_REVIEW' }));
    await submitToAdministration({ filingId: FILING_ID, revision: 1 }, context('submit-to-administration'));
    const entry = eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]!;
    expect(entry).toMatchObject({ EventBusName: 'icp-recordal-test', Source: 'icp-recordal', DetailType: 'Filing Submitted To Administration' });
    expect(JSON.parse(entry.Detail!)).toMatchObject({ filingId: FILING_ID, province: '640000', revision: 1 });
    expect(documents.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({ type: 'SUBMITTED_TO_ADMINISTRATION', actor: 'workflow' });
    expect(documents.commandCalls(QueryCommand)).toHaveLength(1);
    expect(documents.commandCalls(GetCommand)).toHaveLength(0);
  });

  test('a retried hand-over of the same revision publishes and records nothing again', async () => {
    process.env.EVENT_BUS_NAME = 'icp-recordal-test';
    filingWithEvents(filingItem({ status: 'PRELIMINARY_REVIEW' }), { type: 'SUBMITTED_TO_ADMINISTRATION', details: { revision: 1 } });
    await submitToAdministration({ filingId: FILING_ID, revision: 1 }, context('submit-to-administration'));
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    expect(documents.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe('deadlines', () => {
  test('marks each overdue open task once, records it and escalates to the reviewers', async () => {
    documents.on(QueryCommand).resolves({ Items: [{ taskId: 'task-9', stage: 'PRELIMINARY_REVIEW', filingId: FILING_ID, accountId: '111111111111', createdAt: 'x', deadline: '2026-11-01T00:00:00.000Z', overdue: false }] });
    // No recorded answer waits to be handed to the workflow (the retry path runs first).
    documents.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'UNAPPLIED_ANSWER' } }).resolves({ Items: [] });
    documents.on(UpdateCommand).resolves({ Attributes: { taskId: 'task-9', stage: 'PRELIMINARY_REVIEW', filingId: FILING_ID, accountId: '111111111111', createdAt: 'x', deadline: '2026-11-01T00:00:00.000Z', overdue: true } });
    expect(await deadlines({}, context('deadlines'))).toEqual({ escalated: 2, answersApplied: 0 });
    const query = documents.commandCalls(QueryCommand)[1]!.args[0].input;
    expect(query).toMatchObject({ IndexName: 'gsi2', ExpressionAttributeValues: expect.objectContaining({ ':pk': 'OPEN_TASK#PRELIMINARY_REVIEW' }) });
    expect(documents.commandCalls(UpdateCommand)[0]!.args[0].input.ConditionExpression).toContain('overdue');
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toMatchObject({ TopicArn: REVIEWER_TOPIC });
    expect(documents.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({ type: 'TASK_OVERDUE' });
  });
});

describe('submit-to-administration, refused event entry', () => {
  test('a throttled entry is Recordal.TransientError and nothing is recorded', async () => {
    process.env.EVENT_BUS_NAME = 'icp-recordal-test';
    filingWithEvents(filingItem({ status: 'PRELIMINARY_REVIEW' }));
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] });
    expect((await failureOf(submitToAdministration({ filingId: FILING_ID, revision: 1 }, context('submit-to-administration')))).name).toBe('Recordal.TransientError');
    expect(documents.commandCalls(PutCommand)).toHaveLength(0);
  });
});
