import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { SqsSendMessage } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PROJECT } from '../config.js';
import { alarmOnAnyOccurrence } from './alarms.js';
import { acknowledgeKeyWildcards, grantAssumeCustomerAccessRoles, grantTable } from './grants.js';
import { RecordalFunction } from './recordal-function.js';

export interface DriftCheckProps {
  readonly stage: string;
  readonly retainLogs: boolean;
  /** An EventBridge Scheduler expression: `rate(1 day)`, `cron(0 2 * * ? *)`, … */
  readonly schedule: string;
  /** The workflow functions' environment (table, bus, topics); the queue's URL is added. */
  readonly environment: Record<string, string>;
  readonly table: ITable;
  readonly dataKey: IKey;
  readonly eventBus: IEventBus;
  readonly reviewerTopic: ITopic;
  readonly alarmTopic: ITopic;
}

/** The worker's timeout; it stops starting pages a minute before (lambdas/shared/application/drift-work.ts). */
const WORKER_TIMEOUT = Duration.minutes(5);
/** Shards checked at once: bounds the load on the table and on customers' EC2/STS. */
export const DRIFT_WORKER_CONCURRENCY = 4;

/**
 * The drift check deployed (docs/design/architecture.md "The drift check"): an EventBridge
 * Scheduler schedule puts a START message on the drift queue; the drift-check function, fed
 * by the queue one message at a time, fans out to the shards and checks their pages, sending
 * its own continuations. A message that keeps failing lands in the dead-letter queue, which
 * alarms.
 */
export class DriftCheck extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: RecordalFunction;

  constructor(scope: Construct, id: string, props: DriftCheckProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      queueName: `${PROJECT}-${props.stage}-drift-dead-letters`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: `${PROJECT}-${props.stage}-drift`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda event source: six times the function's timeout.
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });

    this.worker = new RecordalFunction(this, 'Worker', {
      name: 'driftCheck',
      stage: props.stage,
      retainLogs: props.retainLogs,
      timeout: WORKER_TIMEOUT,
      environment: { ...props.environment, DRIFT_QUEUE_URL: this.queue.queueUrl },
    });
    grantTable(this.worker, props.table, props.dataKey, 'readWrite');
    props.eventBus.grantPutEventsTo(this.worker.lambda);
    props.reviewerTopic.grantPublish(this.worker.lambda);
    acknowledgeKeyWildcards(this.worker, ['kms:GenerateDataKey*']);
    grantAssumeCustomerAccessRoles(this.worker);
    // Fan-out and continuations go back onto the same queue.
    this.queue.grantSendMessages(this.worker.lambda);
    this.worker.lambda.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: DRIFT_WORKER_CONCURRENCY }),
    );
    this.worker.alarmOnErrors(props.alarmTopic);
    alarmOnAnyOccurrence(
      this,
      'DeadLettersAlarm',
      this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'Drift check work failed five times and was set aside in the dead-letter queue',
      props.alarmTopic,
    );

    const schedule = new Schedule(this, 'Schedule', {
      description: 'Starts the drift check over every approved filing',
      schedule: ScheduleExpression.expression(props.schedule),
      target: new SqsSendMessage(this.queue, {
        // The schedule's execution id is the check's id.
        input: ScheduleTargetInput.fromObject({ kind: 'START', checkId: ContextAttribute.executionId }),
        retryAttempts: 3,
      }),
    });
    Validations.of(schedule).acknowledge({
      id: 'AwsSolutions-IAM5',
      reason: 'The scheduler role CDK creates may send to the one drift queue only.',
    });
  }
}
