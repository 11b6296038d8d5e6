import { Tags, type App, type Environment } from 'aws-cdk-lib';
import { ApiStack } from './api-stack.js';
import { PROJECT, readConfig, REGION, type RecordalConfig } from './config.js';
import { addCustomerAccessStack, type CustomerAccessStack } from './customer-access-stack.js';
import { DataStack } from './data-stack.js';
import { WorkflowStack } from './workflow-stack.js';

export interface RecordalStacks {
  readonly config: RecordalConfig;
  readonly data: DataStack;
  readonly workflow: WorkflowStack;
  readonly api: ApiStack;
  readonly customerAccess: CustomerAccessStack;
}

export interface RecordalAppOptions {
  /** The platform account; CDK_DEFAULT_ACCOUNT when unset, and none (an agnostic account) without it. */
  readonly account?: string;
  /** Another ASL file for the state machine (tests). */
  readonly lifecycleDefinitionFile?: string;
}

/** The API stack's name (its outputs: `ApiUrl`, `ConsoleBucket`). */
export const apiStackName = (stage: string): string => `IcpRecordal-${stage}-Api`;

/**
 * Adds every stack of the platform to the app, configured from its context. The platform's
 * account comes from CDK_DEFAULT_ACCOUNT when set (synth needs no credentials without it).
 */
export function addRecordalStacks(app: App, options: RecordalAppOptions = {}): RecordalStacks {
  const account = 'account' in options ? options.account : process.env.CDK_DEFAULT_ACCOUNT;
  const config = readConfig(app.node);
  const env: Environment = { region: REGION, ...(account !== undefined ? { account } : {}) };
  const prefix = `IcpRecordal-${config.stage}`;

  const data = new DataStack(app, `${prefix}-Data`, { env, config, description: 'ICP recordal: table, attachments, key' });
  const workflow = new WorkflowStack(app, `${prefix}-Workflow`, {
    env,
    config,
    description: 'ICP recordal: lifecycle state machine, step functions, events, topics, alarms',
    table: data.table,
    dataKey: data.key,
    ...(options.lifecycleDefinitionFile !== undefined ? { definitionFile: options.lifecycleDefinitionFile } : {}),
  });
  const api = new ApiStack(app, apiStackName(config.stage), {
    env,
    config,
    description: 'ICP recordal: REST API (AWS_IAM) and its handlers',
    table: data.table,
    dataKey: data.key,
    stateMachine: workflow.stateMachine,
    eventBus: workflow.eventBus,
    reviewerTopic: workflow.reviewerTopic,
    alarmTopic: workflow.alarmTopic,
    driftQueue: workflow.driftCheck.queue,
  });
  const customerAccess = addCustomerAccessStack(app, account);

  for (const stack of [data, workflow, api]) {
    Tags.of(stack).add('project', PROJECT);
    Tags.of(stack).add('stage', config.stage);
  }
  return { config, data, workflow, api, customerAccess };
}
