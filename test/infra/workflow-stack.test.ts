// The workflow stack: the state machine and its role, the step functions' permissions, the
// event bus, topics, alarms and the deadlines schedule.
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { aslValidator } from '../support/asl-validator.js';
import { FUNCTIONS, type FunctionName } from '../../lambdas/catalog.js';
import { deployedFunctionName } from '../../lib/constructs/recordal-function.js';
import { aslPlaceholders, EXTRA_SUBSTITUTIONS, functionArnSubstitution, LIFECYCLE_ASL_PATH } from '../../lib/lifecycle-definition.js';
import { STEP_FUNCTIONS } from '../../lib/workflow-stack.js';
import { asArray, flat, onlyResourceId, roleOfFunction, roleStatements, statementsAllowing, synthesizeApp, type SynthesizedApp } from './synth.js';


const FIXTURE_ASL = join(import.meta.dirname, 'fixtures', 'invokes-two-functions.asl.json');
const CATALOG = Object.keys(FUNCTIONS) as FunctionName[];

let deployed: SynthesizedApp; // the lifecycle of state-machines/
let fixture: SynthesizedApp; // the same app for an account, with an ASL that invokes two known functions
let workflow: Template;

beforeAll(() => {
  deployed = synthesizeApp({ context: { alarmEmail: 'ops@example.cn', reviewerEmails: ['li.lei@example.cn', 'han.meimei@example.cn'] } });
  // With an account, as when deploying with credentials.
  fixture = synthesizeApp({ lifecycleDefinitionFile: FIXTURE_ASL, account: '123456789012' });
  workflow = deployed.template(deployed.stacks.workflow);
}, 180_000);

afterAll(() => {
  deployed?.dispose();
  fixture?.dispose();
});

function stateMachineRoleStatements(app: SynthesizedApp) {
  const template = app.template(app.stacks.workflow);
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { RoleArn: { 'Fn::GetAtt': [string] } } };
  return roleStatements(template).get(machine.Properties.RoleArn['Fn::GetAtt'][0]) ?? [];
}

function functionArn(template: Template, name: FunctionName): string {
  const id = Object.entries(template.findResources('AWS::Lambda::Function')).find(
    ([, resource]) => (resource as { Properties: { FunctionName: string } }).Properties.FunctionName === deployedFunctionName('dev', name),
  )?.[0];
  return `<${id}.Arn>`;
}

describe('the drift check', () => {
  const workerName = deployedFunctionName('dev', 'driftCheck');

  it('is started by an EventBridge Scheduler schedule (daily by default) that sends START to the drift queue', () => {
    workflow.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 day)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DriftCheckQueue'), 'Arn'] },
        Input: Match.stringLikeRegexp('"kind":"START"'),
      }),
    });
  });

  it('feeds the worker one message at a time, at most four at once, with a dead-letter queue after five receives', () => {
    workflow.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: Match.anyValue(),
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
    workflow.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'icp-recordal-dev-drift',
      VisibilityTimeout: 1800,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
      SqsManagedSseEnabled: true,
    });
  });

  it('lets the worker assume customer access roles and send its own continuations, and nothing more of SQS', () => {
    const statements = roleStatements(workflow).get(roleOfFunction(workflow, workerName)) ?? [];
    expect(statementsAllowing(statements, 'sts:AssumeRole').flatMap((s) => asArray(s.Resource)).map(flat)).toEqual([
      'arn:<AWS::Partition>:iam::*:role/IcpRecordalAccess*',
    ]);
    expect(statementsAllowing(statements, 'sqs:SendMessage')).toHaveLength(1);
    expect(statementsAllowing(statements, 'sqs:DeleteMessage')).toHaveLength(1);
  });
});

describe('state machine', () => {
  it('is a Standard workflow loaded from the ASL file with logging to CloudWatch Logs', () => {
    workflow.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    workflow.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      StateMachineName: 'icp-recordal-dev-lifecycle',
      DefinitionS3Location: Match.objectLike({ Key: Match.stringLikeRegexp('\\.json$') }),
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } }],
      },
    });
  });

  it('substitutes the ARN of every catalog function as ${<name>Arn}, and the partition', () => {
    const machine = Object.values(workflow.findResources('AWS::StepFunctions::StateMachine'))[0] as {
      Properties: { DefinitionSubstitutions: Record<string, unknown> };
    };
    const substitutions = machine.Properties.DefinitionSubstitutions;
    expect(Object.keys(substitutions).sort()).toEqual([...CATALOG.map(functionArnSubstitution), ...EXTRA_SUBSTITUTIONS].sort());
    for (const name of STEP_FUNCTIONS) expect(flat(substitutions[functionArnSubstitution(name)])).toBe(functionArn(workflow, name));
    // The API functions live in the API stack, which depends on this one: named, not referenced.
    expect(flat(substitutions.apiCustomerArn)).toBe('arn:<AWS::Partition>:lambda:cn-northwest-1:<AWS::AccountId>:function:icp-recordal-dev-api-customer');
    expect(flat(substitutions.partition)).toBe('<AWS::Partition>');
  });

  it('has a substitution for every placeholder the ASL uses, and the substituted ASL is valid', () => {
    const asl = readFileSync(LIFECYCLE_ASL_PATH, 'utf8');
    const known = new Set<string>([...CATALOG.map(functionArnSubstitution), ...EXTRA_SUBSTITUTIONS]);
    expect([...aslPlaceholders(asl)].filter((name) => !known.has(name))).toEqual([]);
    const substituted = asl.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_match, name: string) =>
      ({ partition: 'aws-cn', region: 'cn-northwest-1', accountId: '123456789012' })[name] ??
      (name.endsWith('Arn') ? `arn:aws-cn:lambda:cn-northwest-1:123456789012:function:${name}` : name),
    );
    const result = aslValidator(JSON.parse(substituted) as object);
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it("has a role that invokes only the functions the ASL names (the fixture's two)", () => {
    const template = fixture.template(fixture.stacks.workflow);
    const invoke = statementsAllowing(stateMachineRoleStatements(fixture), 'lambda:InvokeFunction');
    const resources = invoke.flatMap((statement) => asArray(statement.Resource)).map(flat).sort();
    expect(resources).toEqual([functionArn(template, 'awaitCallback'), functionArn(template, 'checkResources')].sort());
    // Exactly the ARNs: no `:*` versions, no wildcard function.
    expect(invoke.flatMap((statement) => asArray(statement.Action))).toEqual(['lambda:InvokeFunction']);
  });

  it('has a role that may publish to the alarm topic only when the ASL does', () => {
    const alarmTopic = (app: SynthesizedApp): string =>
      `<${Object.entries(app.template(app.stacks.workflow).findResources('AWS::SNS::Topic')).find(([, topic]) =>
        String((topic as { Properties: { TopicName: string } }).Properties.TopicName).endsWith('-alarms'),
      )?.[0]}>`;
    const publish = (app: SynthesizedApp) => statementsAllowing(stateMachineRoleStatements(app), 'sns:Publish');
    expect(publish(fixture).flatMap((statement) => asArray(statement.Resource)).map(flat)).toEqual([alarmTopic(fixture)]);
    const deployedAsl = aslPlaceholders();
    if (!deployedAsl.has('alarmTopicArn')) expect(publish(deployed)).toEqual([]);
  });

  it('passes cdk-nag also with an account and an ASL that publishes to the alarm topic', () => {
    expect(new AwsSolutionsChecks().validateScope(fixture.app).violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it('has a role with no permission on the table, bucket, STS or task tokens', () => {
    for (const app of [deployed, fixture]) {
      const statements = stateMachineRoleStatements(app);
      for (const action of ['dynamodb:PutItem', 's3:GetObject', 'sts:AssumeRole', 'states:SendTaskSuccess', 'lambda:CreateFunction']) {
        expect({ action, statements: statementsAllowing(statements, action) }).toEqual({ action, statements: [] });
      }
    }
  });
});

describe('step functions', () => {
  it('lets only check-resources, update-ports and the drift check assume roles, and only the customer access roles', () => {
    const byRole = roleStatements(workflow);
    const allowed = new Set((['checkResources', 'updatePorts', 'driftCheck'] as const).map((name) => roleOfFunction(workflow, deployedFunctionName('dev', name))));
    const assuming = [...byRole].filter(([, statements]) => statementsAllowing(statements, 'sts:AssumeRole').length > 0).map(([role]) => role);
    expect(new Set(assuming)).toEqual(allowed);
    for (const role of allowed) {
      const resources = statementsAllowing(byRole.get(role) ?? [], 'sts:AssumeRole').flatMap((statement) => asArray(statement.Resource)).map(flat);
      expect(resources).toEqual(['arn:<AWS::Partition>:iam::*:role/IcpRecordalAccess*']);
    }
  });

  it('gives no step function a wildcard action or any Step Functions permission (the deadlines schedule answers recorded decisions only)', () => {
    for (const [role, statements] of roleStatements(workflow)) {
      for (const statement of statements) {
        for (const action of asArray(statement.Action)) {
          expect({ role, action }).not.toEqual({ role, action: expect.stringMatching(/^(\*|[a-z0-9-]+:\*)$/) });
        }
      }
      if (role.startsWith('LifecycleRole')) continue;
      const answers = statementsAllowing(statements, 'states:SendTaskSuccess');
      // The retry path of recorded answers (docs/durability.md): SendTaskSuccess/Failure, nothing else.
      if (role.startsWith('DeadlinesRole')) {
        expect(answers.flatMap((statement) => asArray(statement.Action)).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskSuccess']);
        continue;
      }
      expect({ role, states: answers }).toEqual({ role, states: [] });
    }
  });

  it('never grants a Scan, and names the table indexes instead of wildcarding them', () => {
    for (const [, statements] of roleStatements(workflow)) {
      expect(statementsAllowing(statements, 'dynamodb:Scan')).toEqual([]);
      for (const statement of statementsAllowing(statements, 'dynamodb:GetItem')) {
        for (const resource of asArray(statement.Resource).map(flat)) expect(resource).not.toContain('*');
      }
    }
  });

  it('let only check-attachments read, and only the evidence frozen at submit; nothing in the workflow writes', () => {
    const byRole = roleStatements(workflow);
    const reader = roleOfFunction(workflow, deployedFunctionName('dev', 'checkAttachments'));
    for (const [role, statements] of byRole) {
      expect({ role, put: statementsAllowing(statements, 's3:PutObject') }).toEqual({ role, put: [] });
      const reads = statementsAllowing(statements, 's3:GetObject').flatMap((statement) => asArray(statement.Resource)).map(flat);
      expect({ role, reads }).toEqual({
        role,
        reads: role === reader ? ['arn:<AWS::Partition>:s3:::icp-recordal-dev-attachments-<AWS::AccountId>/evidence/*'] : [],
      });
    }
    expect(statementsAllowing(byRole.get(reader) ?? [], 's3:ListBucket')).toHaveLength(1);
  });

  it('run on the deadlines schedule every 15 minutes', () => {
    const deadlines = Object.entries(workflow.findResources('AWS::Lambda::Function')).find(
      ([, resource]) => (resource as { Properties: { FunctionName: string } }).Properties.FunctionName === deployedFunctionName('dev', 'deadlines'),
    )?.[0];
    workflow.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [deadlines, 'Arn'] } })],
    });
  });

  it('know the table, bucket, bus and topics from their environment', () => {
    for (const resource of Object.values(workflow.findResources('AWS::Lambda::Function'))) {
      const variables = (resource as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
      expect(Object.keys(variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'BUCKET_NAME', 'EVENT_BUS_NAME', 'REVIEWER_TOPIC_ARN', 'ALARM_TOPIC_ARN']));
    }
  });
});

describe('events, topics and alarms', () => {
  it('has the event bus and two KMS-encrypted topics that refuse plain HTTP', () => {
    workflow.resourceCountIs('AWS::Events::EventBus', 1);
    workflow.resourceCountIs('AWS::SNS::Topic', 2);
    const keyId = onlyResourceId(workflow, 'AWS::KMS::Key');
    workflow.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    for (const topicId of Object.keys(workflow.findResources('AWS::SNS::Topic'))) {
      workflow.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      workflow.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('mails the alarm topic to alarmEmail and the reviewer notices to reviewerEmails', () => {
    const topicOf = (suffix: string) =>
      Object.entries(workflow.findResources('AWS::SNS::Topic')).find(([, topic]) => String((topic as { Properties: { TopicName: string } }).Properties.TopicName).endsWith(suffix))?.[0];
    workflow.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.cn', TopicArn: { Ref: topicOf('-alarms') } });
    for (const reviewer of ['li.lei@example.cn', 'han.meimei@example.cn']) {
      workflow.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: reviewer, TopicArn: { Ref: topicOf('-reviewer-notices') } });
    }
    workflow.resourceCountIs('AWS::SNS::Subscription', 3);
    const fixtureWorkflow = fixture.template(fixture.stacks.workflow);
    fixtureWorkflow.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('alarms to the alarm topic on failed and timed-out executions and on every step function error', () => {
    const alarmTopic = Object.entries(workflow.findResources('AWS::SNS::Topic')).find(([, topic]) =>
      String((topic as { Properties: { TopicName: string } }).Properties.TopicName).endsWith('-alarms'),
    )?.[0];
    const alarms = Object.values(workflow.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { MetricName: string; Namespace: string; AlarmActions: unknown[] };
    }>;
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: alarmTopic }]);
    const metrics = alarms.map((alarm) => `${alarm.Properties.Namespace}/${alarm.Properties.MetricName}`);
    expect(metrics.filter((metric) => metric === 'AWS/States/ExecutionsFailed')).toHaveLength(1);
    expect(metrics.filter((metric) => metric === 'AWS/States/ExecutionsTimedOut')).toHaveLength(1);
    // Every step function, and the drift check's worker.
    expect(metrics.filter((metric) => metric === 'AWS/Lambda/Errors')).toHaveLength(STEP_FUNCTIONS.length + 1);
  });
});
