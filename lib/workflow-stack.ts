import { readFileSync } from 'node:fs';
import { ArnFormat, Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName } from '../lambdas/catalog.js';
import { attachmentsBucketName, lifecycleStateMachineName, PROJECT, removalPolicyOf, type RecordalConfig } from './config.js';
import { functionEnvironment } from '../lambdas/shared/runtime-environment.js';
import { alarmOnAnyOccurrence } from './constructs/alarms.js';
import { EVIDENCE_KEY_PREFIX, acknowledgeKeyWildcards, grantAssumeCustomerAccessRoles, grantAttachments, grantTable } from './constructs/grants.js';
import { DriftCheck } from './constructs/drift-check.js';
import { deployedFunctionArn, RecordalFunction } from './constructs/recordal-function.js';
import {
  aslPlaceholders,
  functionArnSubstitution,
  functionsInvokedByAsl,
  LIFECYCLE_ASL_PATH,
  type ExtraSubstitution,
} from './lifecycle-definition.js';

export interface WorkflowStackProps extends StackProps {
  readonly config: RecordalConfig;
  readonly table: ITable;
  readonly dataKey: IKey;
  /** The ASL file; the lifecycle of state-machines/ unless a test substitutes one. */
  readonly definitionFile?: string;
}

/** The functions the workflow stack deploys (the API stack deploys the other two). */
export const STEP_FUNCTIONS = [
  'checkResources',
  'checkAttachments',
  'awaitCallback',
  'transition',
  'submitToAdministration',
  'applyDecision',
  'updatePorts',
  'deadlines',
  'publishEvents',
] as const satisfies readonly FunctionName[];
export type StepFunctionName = (typeof STEP_FUNCTIONS)[number];

/**
 * What each step function may touch beyond the table and the event bus, which they all use:
 * every step moves or reads the filing through the store. `stream`: the consumer of the
 * table's stream, which reads the stream only (not the table) and publishes to the bus.
 */
const STEP_ACCESS: Record<
  StepFunctionName,
  {
    /** Reads the evidence frozen at submit (never the upload keys). */
    attachments?: 'evidence';
    /** STS AssumeRole into customer access roles (IcpRecordalAccess*). */
    customerAccounts?: true;
    reviewerTopic?: true;
    alarmTopic?: true;
    stream?: true;
  }
> = {
  checkResources: { customerAccounts: true },
  checkAttachments: { attachments: 'evidence' },
  awaitCallback: { reviewerTopic: true },
  transition: { alarmTopic: true },
  submitToAdministration: {},
  applyDecision: {},
  updatePorts: { customerAccounts: true },
  deadlines: { reviewerTopic: true },
  publishEvents: { stream: true },
};

/**
 * The recordal lifecycle: the Standard state machine loaded from the ASL file, its step
 * functions, the event bus, the reviewer and alarm topics, the alarms, the schedule that
 * escalates overdue tasks, and the drift check over approved filings.
 */
export class WorkflowStack extends Stack {
  readonly stateMachine: StateMachine;
  readonly eventBus: EventBus;
  readonly reviewerTopic: Topic;
  readonly alarmTopic: Topic;
  readonly functions: Record<StepFunctionName, RecordalFunction>;
  readonly driftCheck: DriftCheck;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = removalPolicyOf(config);

    // Topics get their own key: CloudWatch alarms must be allowed to publish through it.
    const notificationsKey = new Key(this, 'NotificationsKey', {
      alias: `alias/${PROJECT}-${config.stage}-notifications`,
      description: 'Encrypts the reviewer and alarm topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    notificationsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    this.reviewerTopic = new Topic(this, 'ReviewerTopic', {
      topicName: `${PROJECT}-${config.stage}-reviewer-notices`,
      displayName: 'ICP recordal: review tasks',
      masterKey: notificationsKey,
      enforceSSL: true,
    });
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      topicName: `${PROJECT}-${config.stage}-alarms`,
      displayName: 'ICP recordal: alarms',
      masterKey: notificationsKey,
      enforceSSL: true,
    });
    if (config.alarmEmail !== undefined) {
      this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    }
    // Other subscribers (an HTTPS endpoint, a queue, a chat bridge) are added to the topic by
    // the operator, and the event bus carries every status change (docs/deploy.md).
    for (const email of config.reviewerEmails) this.reviewerTopic.addSubscription(new EmailSubscription(email));

    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: `${PROJECT}-${config.stage}` });
    // Where an operator adds subscribers and rules (docs/deploy.md "Notices and events").
    new CfnOutput(this, 'ReviewerNoticesTopicArn', { description: 'SNS topic of the reviewer notices', value: this.reviewerTopic.topicArn });
    new CfnOutput(this, 'EventBusName', { description: 'EventBridge bus carrying every filing status change', value: this.eventBus.eventBusName });

    const attachments = Bucket.fromBucketName(this, 'Attachments', attachmentsBucketName(config.stage));
    const environment = functionEnvironment({
      TABLE_NAME: props.table.tableName,
      BUCKET_NAME: attachments.bucketName,
      EVENT_BUS_NAME: this.eventBus.eventBusName,
      REVIEWER_TOPIC_ARN: this.reviewerTopic.topicArn,
      ALARM_TOPIC_ARN: this.alarmTopic.topicArn,
    });
    const functions = {} as Record<StepFunctionName, RecordalFunction>;
    for (const name of STEP_FUNCTIONS) {
      const access = STEP_ACCESS[name];
      const fn = new RecordalFunction(this, pascal(name), {
        name,
        stage: config.stage,
        retainLogs: config.retainData,
        environment,
        timeout: name === 'deadlines' ? Duration.minutes(2) : Duration.seconds(30),
      });
      if (access.stream) this.consumeTableStream(fn, props.table);
      else grantTable(fn, props.table, props.dataKey, 'readWrite');
      this.eventBus.grantPutEventsTo(fn.lambda);
      if (access.attachments) grantAttachments(fn, attachments, props.dataKey, { read: [EVIDENCE_KEY_PREFIX], list: [EVIDENCE_KEY_PREFIX] });
      if (access.reviewerTopic) this.reviewerTopic.grantPublish(fn.lambda);
      if (access.alarmTopic) this.alarmTopic.grantPublish(fn.lambda);
      if (access.reviewerTopic || access.alarmTopic) acknowledgeKeyWildcards(fn, ['kms:GenerateDataKey*']);
      if (access.customerAccounts) grantAssumeCustomerAccessRoles(fn);
      fn.alarmOnErrors(this.alarmTopic);
      functions[name] = fn;
    }
    this.functions = functions;

    this.stateMachine = this.lifecycleStateMachine(config, removalPolicy, props.definitionFile ?? LIFECYCLE_ASL_PATH);
    // The retry path of recorded answers left unapplied (docs/durability.md "Decisions"). By
    // name: the definition already names the function, so a reference back would be a cycle.
    const lifecycleArn = this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: lifecycleStateMachineName(config.stage), arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    functions.deadlines.lambda.addToRolePolicy(new PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: [lifecycleArn] }));

    // Escalates overdue callback tasks; the workflow itself keeps waiting.
    new Rule(this, 'DeadlinesSchedule', {
      description: 'Marks overdue review and verification tasks and escalates them',
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(functions.deadlines.lambda, { retryAttempts: 2 })],
    });

    this.driftCheck = new DriftCheck(this, 'DriftCheck', {
      stage: config.stage,
      retainLogs: config.retainData,
      schedule: config.driftCheckSchedule,
      environment,
      table: props.table,
      dataKey: props.dataKey,
      eventBus: this.eventBus,
      reviewerTopic: this.reviewerTopic,
      alarmTopic: this.alarmTopic,
    });

    alarmOnAnyOccurrence(this, 'LifecycleExecutionsFailedAlarm', this.stateMachine.metricFailed(), 'Recordal lifecycle executions failed', this.alarmTopic);
    alarmOnAnyOccurrence(this, 'LifecycleExecutionsTimedOutAlarm', this.stateMachine.metricTimedOut(), 'Recordal lifecycle executions timed out', this.alarmTopic);
  }

  /**
   * Status changes are published from the table's stream, so a committed change is published
   * whatever happens to its writer (docs/durability.md "Events"). EventBridge Pipes exists in
   * cn-northwest-1, but its filter cannot compare the old and new status and its input template
   * cannot unmarshal the reasons list, so a small function does it: the same one the local
   * platform feeds from DynamoDB Local's stream. A record it cannot publish is retried, in order,
   * (retries unbounded, up to the stream's 24 h retention).
   */
  private consumeTableStream(fn: RecordalFunction, table: ITable): void {
    fn.lambda.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxBatchingWindow: Duration.seconds(1),
      }),
    );
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'The DynamoDB Streams event source needs dynamodb:ListStreams, which supports no resource-level permission.',
    });
  }

  private lifecycleStateMachine(config: RecordalConfig, removalPolicy: RemovalPolicy, definitionFile: string): StateMachine {
    const placeholders = aslPlaceholders(readFileSync(definitionFile, 'utf8'));
    const role = new Role(this, 'LifecycleRole', {
      assumedBy: new ServicePrincipal('states.amazonaws.com'),
      description: 'Recordal lifecycle state machine: invokes its own functions only',
    });

    // Every catalog function has a substitution; the API functions (another stack) by name.
    const definitionSubstitutions: Record<string, string> = {};
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      const own = (this.functions as Partial<Record<FunctionName, RecordalFunction>>)[name];
      definitionSubstitutions[functionArnSubstitution(name)] = own
        ? own.lambda.functionArn
        : deployedFunctionArn(this, config.stage, name);
    }
    const extras: Record<ExtraSubstitution, string> = {
      partition: Aws.PARTITION,
      region: Aws.REGION,
      accountId: Aws.ACCOUNT_ID,
      alarmTopicArn: this.alarmTopic.topicArn,
      eventBusName: this.eventBus.eventBusName,
    };
    Object.assign(definitionSubstitutions, extras);

    // The role may invoke exactly the functions the ASL names, and publish what it names.
    const invoked = functionsInvokedByAsl(placeholders);
    if (invoked.length > 0) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: invoked.map((name) => definitionSubstitutions[functionArnSubstitution(name)] as string),
        }),
      );
    }
    if (placeholders.has('alarmTopicArn')) this.alarmTopic.grantPublish(role);
    if (placeholders.has('eventBusName')) this.eventBus.grantPutEventsTo(role);

    const logGroup = new LogGroup(this, 'LifecycleLogs', {
      logGroupName: `/aws/vendedlogs/states/${PROJECT}-${config.stage}-lifecycle`,
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy,
    });

    const stateMachine = new StateMachine(this, 'Lifecycle', {
      stateMachineName: lifecycleStateMachineName(config.stage),
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(definitionFile),
      definitionSubstitutions,
      role,
      // Execution data holds PII (names, ID numbers): log the events, not the payloads.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: false,
    });
    Validations.of(stateMachine).acknowledge({
      id: 'AwsSolutions-SF2',
      reason: 'Tracing is off platform-wide because Lambda has no X-Ray integration in the China regions, so a workflow trace would stop at every task.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'The CloudWatch Logs delivery actions Step Functions needs for logging support no resource-level permissions.',
    });
    if (placeholders.has('alarmTopicArn')) acknowledgeKeyWildcards(role, ['kms:GenerateDataKey*']);
    return stateMachine;
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
