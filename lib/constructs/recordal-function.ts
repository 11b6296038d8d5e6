import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { FUNCTIONS, handlerEntry, type FunctionName } from '../../lambdas/catalog.js';
import { PROJECT } from '../config.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../lambdas/shared/runtime-environment.js';
import { alarmOnAnyOccurrence } from './alarms.js';

/** Node runtime of every function (available in cn-northwest-1). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

/** Service name Powertools logs and metrics carry. */
export const POWERTOOLS_SERVICE_NAME = SERVICE_NAME;

/**
 * The deployed name of a catalog function. Names are deterministic so that a stack can
 * name another stack's function (e.g. in state machine substitutions) without a reference.
 */
export function deployedFunctionName(stage: string, name: FunctionName): string {
  return `${PROJECT}-${stage}-${FUNCTIONS[name].dir}`;
}

/** The ARN of a catalog function of this stage in the stack's account and region. */
export function deployedFunctionArn(scope: Construct, stage: string, name: FunctionName): string {
  return Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: deployedFunctionName(stage, name),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

export interface RecordalFunctionProps {
  /** Which function of `lambdas/catalog.ts`. */
  readonly name: FunctionName;
  readonly stage: string;
  /** Keep the log group when the stack is deleted. */
  readonly retainLogs: boolean;
  /** Variables on top of the house defaults (Powertools, source maps). */
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Kept this long; three months by default. */
  readonly logRetention?: RetentionDays;
  /** Bundle another entry file the same way (the bench's floor bundles); the catalog's by default. */
  readonly entry?: string;
}

/**
 * The SDK's default credential chain, replaced in every bundle by the environment provider
 * (lambdas/shared/adapters/lambda-credentials.ts): the only source a Lambda needs. esbuild
 * resolves an alias's relative path from its working directory, the project root.
 */
export const CREDENTIALS_ALIAS = '@aws-sdk/credential-provider-node=./lambdas/shared/adapters/lambda-credentials.ts';

/**
 * A catalog function with the house defaults: Node 22, bundled by the local esbuild
 * (minified, source maps, no Docker), Powertools settings, its own log group with a
 * retention, its own role (logs only; callers add grants), and no X-Ray (not in China).
 */
export class RecordalFunction extends Construct {
  readonly lambda: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly catalogName: FunctionName;

  constructor(scope: Construct, id: string, props: RecordalFunctionProps) {
    super(scope, id);
    this.catalogName = props.name;
    const functionName = deployedFunctionName(props.stage, props.name);

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // An own role instead of the managed AWSLambdaBasicExecutionRole: it may write to its
    // own log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${FUNCTIONS[props.name].purpose} (${props.stage})`,
    });
    this.logGroup.grantWrite(this.role);

    this.lambda = new NodejsFunction(this, 'Function', {
      functionName,
      description: FUNCTIONS[props.name].purpose,
      entry: props.entry ?? handlerEntry(props.name),
      handler: 'handler',
      runtime: FUNCTION_RUNTIME,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.DISABLED,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 512,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node22',
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        // Bundle the SDK too: the version the code was tested with, not the runtime's.
        externalModules: [],
        esbuildArgs: { '--alias': CREDENTIALS_ALIAS },
      },
    });
    Validations.of(this.lambda).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The project pins and tests on Node 22 everywhere, and nodejs22.x is verified available in cn-northwest-1.',
    });
  }

  /** Alarms when the function reports any error within five minutes. */
  alarmOnErrors(topic: ITopic): Alarm {
    return alarmOnAnyOccurrence(
      this,
      'ErrorsAlarm',
      this.lambda.metricErrors(),
      `${this.lambda.functionName}: ${FUNCTIONS[this.catalogName].purpose} failed`,
      topic,
    );
  }

  /** Sets an environment variable (e.g. one that names a resource created later). */
  addEnvironment(key: string, value: string): void {
    this.lambda.addEnvironment(key, value);
  }
}
