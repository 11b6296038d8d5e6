import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { installAdapters } from '../../../lambdas/shared/adapters/composition.js';
import { notifyOperators, notifyReviewers } from '../../../lambdas/shared/adapters/notifier.js';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws-cn:sns:cn-northwest-1:000000000000:reviewers';

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  installAdapters({ notices: undefined });
  process.env.REVIEWER_TOPIC_ARN = TOPIC;
  delete process.env.ALARM_TOPIC_ARN;
});

describe('notifier', () => {
  it('publishes a reviewer notice to the reviewer topic, ids only', async () => {
    await notifyReviewers({ kind: 'TASK_OVERDUE', taskId: 't-1', stage: 'PRELIMINARY_REVIEW', filingId: 'f-1', deadline: '2026-12-01T00:00:00.000Z' });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe(TOPIC);
    expect(input?.Subject).toBe('Review task overdue: PRELIMINARY_REVIEW');
    expect(JSON.parse(input?.Message ?? '{}')).toMatchObject({ kind: 'TASK_OVERDUE', taskId: 't-1', filingId: 'f-1' });
    expect(input?.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'TASK_OVERDUE' }, stage: { DataType: 'String', StringValue: 'PRELIMINARY_REVIEW' } });
  });

  it('keeps SNS subjects ASCII and short, and logs when the topic is not configured', async () => {
    process.env.ALARM_TOPIC_ARN = 'arn:aws-cn:sns:cn-northwest-1:000000000000:alarms';
    await notifyOperators({ subject: `系统错误 ${'x'.repeat(200)}`, message: 'SYSTEM_ERROR', filingId: 'f-2' });
    const subject = sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject ?? '';
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);

    delete process.env.ALARM_TOPIC_ARN;
    await notifyOperators({ subject: 's', message: 'm' });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });
});
