import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, StarPrincipal } from 'aws-cdk-lib/aws-iam';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type MethodOptions,
} from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { HTTP_ERRORS, type HttpErrorStatus } from '../lambdas/shared/http/errors.js';
import { attachmentsBucketName, lifecycleStateMachineName, PROJECT, removalPolicyOf, type RecordalConfig } from './config.js';
import { functionEnvironment } from '../lambdas/shared/runtime-environment.js';
import { acknowledgeWildcardResource } from './constructs/nag.js';
import { ATTACHMENT_KEY_PREFIX, EVIDENCE_KEY_PREFIX, grantAssumeCustomerAccessRoles, grantAttachments, grantTable } from './constructs/grants.js';
import { ConsoleSite } from './constructs/console-site.js';
import { RecordalFunction } from './constructs/recordal-function.js';

export interface ApiStackProps extends StackProps {
  readonly config: RecordalConfig;
  readonly table: ITable;
  readonly dataKey: IKey;
  readonly stateMachine: IStateMachine;
  readonly eventBus: IEventBus;
  readonly reviewerTopic: ITopic;
  readonly alarmTopic: ITopic;
  /** Where `POST /v1/review/drift-checks` puts the START of a check. */
  readonly driftQueue: IQueue;
}

export { PUBLIC_ROUTES } from '../lambdas/shared/http/public-routes.js';
import { PUBLIC_ROUTES } from '../lambdas/shared/http/public-routes.js';

/** Stage throttling: steady requests per second and burst, per account and region. */
export const API_THROTTLING = { rateLimit: 50, burstLimit: 100 } as const;

// API Gateway's own refusals, answered with the error body of docs/design/api.md instead of its default.
const GATEWAY_ERRORS: ReadonlyArray<[ResponseType, HttpErrorStatus]> = [
  [ResponseType.MISSING_AUTHENTICATION_TOKEN, 401],
  [ResponseType.INVALID_SIGNATURE, 401],
  [ResponseType.EXPIRED_TOKEN, 401],
  [ResponseType.UNAUTHORIZED, 401],
  [ResponseType.ACCESS_DENIED, 403],
  [ResponseType.RESOURCE_NOT_FOUND, 404],
  [ResponseType.BAD_REQUEST_BODY, 400],
  [ResponseType.BAD_REQUEST_PARAMETERS, 400],
  [ResponseType.REQUEST_TOO_LARGE, 413],
  [ResponseType.UNSUPPORTED_MEDIA_TYPE, 415],
  [ResponseType.THROTTLED, 429],
  [ResponseType.QUOTA_EXCEEDED, 429],
  [ResponseType.DEFAULT_5XX, 500],
];
// Their own status is kept (e.g. 504 for an integration timeout); only the body is ours.
const KEEP_STATUS: readonly ResponseType[] = [ResponseType.DEFAULT_5XX];

/**
 * The HTTP API of docs/design/api.md as a REGIONAL REST API (the only kind in China) with AWS_IAM on
 * every method but the two public ones, and its two handlers.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly customerFunction: RecordalFunction;
  readonly reviewFunction: RecordalFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = removalPolicyOf(config);

    const attachments = Bucket.fromBucketName(this, 'Attachments', attachmentsBucketName(config.stage));
    // Signs the pagination cursors (lambdas/shared/store/cursor.ts). The handlers read it at run
    // time (cursor-key.ts), so it is neither in the template nor in the functions' configuration.
    const cursorKey = new Secret(this, 'CursorKey', {
      description: 'HMAC key of the API pagination cursors',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(cursorKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Replacing this key only invalidates page cursors in flight, so it is rotated by replacing the secret rather than by a rotation function.',
    });
    const environment = functionEnvironment({
      TABLE_NAME: props.table.tableName,
      BUCKET_NAME: attachments.bucketName,
      STATE_MACHINE_ARN: props.stateMachine.stateMachineArn,
      EVENT_BUS_NAME: props.eventBus.eventBusName,
      REVIEWER_TOPIC_ARN: props.reviewerTopic.topicArn,
      ALARM_TOPIC_ARN: props.alarmTopic.topicArn,
      REVIEWER_PRINCIPAL_ARNS: config.reviewerPrincipalArns.join(','),
      CURSOR_SECRET_ARN: cursorKey.secretArn,
      DRIFT_QUEUE_URL: props.driftQueue.queueUrl,
    });
    const handlerDefaults = {
      stage: config.stage,
      retainLogs: config.retainData,
      environment,
      // API Gateway gives up on an integration after 29 seconds.
      timeout: Duration.seconds(28),
      memorySize: 1024,
    };

    this.customerFunction = new RecordalFunction(this, 'ApiCustomer', { name: 'apiCustomer', ...handlerDefaults });
    this.reviewFunction = new RecordalFunction(this, 'ApiReview', { name: 'apiReview', ...handlerDefaults });

    for (const fn of [this.customerFunction, this.reviewFunction]) {
      grantTable(fn, props.table, props.dataKey, 'readWrite');
      // Callback answers (SendTaskSuccess / Failure / Heartbeat), on this state machine only.
      props.stateMachine.grantTaskResponse(fn.lambda);
      fn.alarmOnErrors(props.alarmTopic);
      cursorKey.grantRead(fn.lambda);
    }
    // Customers upload (presigned POST) and read back; submit copies the counted uploads to
    // evidence/; reviewers download only the evidence and list uploads to name the late ones.
    const both = [ATTACHMENT_KEY_PREFIX, EVIDENCE_KEY_PREFIX];
    grantAttachments(this.customerFunction, attachments, props.dataKey, { read: both, write: both, list: [ATTACHMENT_KEY_PREFIX] });
    grantAttachments(this.reviewFunction, attachments, props.dataKey, { read: [EVIDENCE_KEY_PREFIX], list: [ATTACHMENT_KEY_PREFIX] });
    // Reviewers start a drift check now.
    props.driftQueue.grantSendMessages(this.reviewFunction.lambda);
    // The account profile's verificationIp is checked in the customer's account (docs/design/api.md).
    grantAssumeCustomerAccessRoles(this.customerFunction);
    // Submit starts an execution; withdraw stops it.
    props.stateMachine.grantStartExecution(this.customerFunction.lambda);
    const executions = this.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${lifecycleStateMachineName(config.stage)}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.customerFunction.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['states:StopExecution', 'states:DescribeExecution'], resources: [executions] }),
    );
    acknowledgeWildcardResource(
      this.customerFunction,
      executions,
      'Executions are named per filing at run time, so stop and describe cover the executions of this one state machine.',
    );

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${PROJECT}-${config.stage}-access`,
      retention: RetentionDays.ONE_YEAR,
      removalPolicy,
    });

    this.api = new RestApi(this, 'Api', {
      restApiName: `${PROJECT}-${config.stage}`,
      description: 'APP ICP recordal API (docs/design/api.md): SigV4-signed customer and reviewer routes',
      endpointTypes: [EndpointType.REGIONAL],
      // Customers are other AWS accounts: a cross-account SigV4 call reaches an AWS_IAM method
      // only if the API's resource policy lets it (the handlers then decide what it may see).
      policy: new PolicyDocument({
        statements: [new PolicyStatement({ principals: [new StarPrincipal()], actions: ['execute-api:Invoke'], resources: ['execute-api:/*'] })],
      }),
      // Execution logs need the account-level CloudWatch role of API Gateway.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: config.stage,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        // Request and response bodies carry PII: never log them.
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: false,
        throttlingRateLimit: API_THROTTLING.rateLimit,
        throttlingBurstLimit: API_THROTTLING.burstLimit,
      },
    });

    // What customers, reviewers and `npm run smoke -- --url` call (docs/deploy.md).
    new CfnOutput(this, 'ApiUrl', { description: 'Base URL of the recordal API (the stage URL)', value: this.api.url });

    for (const [type, status] of GATEWAY_ERRORS) {
      const { code, message, messageZh } = HTTP_ERRORS[status];
      this.api.addGatewayResponse(`Gateway${type.responseType}`, {
        type,
        ...(KEEP_STATUS.includes(type) ? {} : { statusCode: String(status) }),
        responseHeaders: { 'Content-Type': "'application/json'" },
        templates: {
          'application/json': JSON.stringify({
            error: { code, message, messageZh, requestId: '$context.requestId', details: [] },
          }),
        },
      });
    }

    // API Gateway cannot cap a body below its own 10 MB; the handlers refuse more than
    // 256 KiB with 413. The validator checks what the methods declare.
    const requestValidator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const signed: MethodOptions = { authorizationType: AuthorizationType.IAM, requestValidator };
    const unsigned: MethodOptions = { authorizationType: AuthorizationType.NONE, requestValidator };

    const customer = new LambdaIntegration(this.customerFunction.lambda);
    const review = new LambdaIntegration(this.reviewFunction.lambda);
    const v1 = this.api.root.addResource('v1');
    for (const route of PUBLIC_ROUTES) {
      const resource = v1.addResource(route.path.slice('/v1/'.length));
      // In China, API Gateway answers unauthenticated routes only for ICP-licensed accounts.
      if (config.publicRoutesRequireIam) {
        resource.addMethod(route.method, customer, signed);
        continue;
      }
      const method = resource.addMethod(route.method, customer, unsigned);
      Validations.of(method).acknowledge(
        { id: 'AwsSolutions-APIG4', reason: 'The API contract (docs/design/api.md) makes this read-only route public (no signature), and it returns no customer data.' },
        { id: 'AwsSolutions-COG4', reason: 'The API contract (docs/design/api.md) makes this read-only route public (no signature), and it returns no customer data.' },
      );
    }
    // Methods added explicitly: a proxy's own ANY method would drop the request validator.
    v1.addResource('review').addProxy({ anyMethod: false }).addMethod('ANY', review, signed);
    v1.addProxy({ anyMethod: false }).addMethod('ANY', customer, signed);
    // Any other path: the customer handler answers 404 (API Gateway itself would say 403).
    this.api.root.addProxy({ anyMethod: false }).addMethod('ANY', customer, signed);
    // The web console's static files, unsigned, from their own private bucket.
    new ConsoleSite(this, 'Console', { api: this.api, removalPolicy, requestValidator });

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-COG4',
        reason: 'Cognito user pools do not exist in cn-northwest-1, so every method authenticates callers with AWS_IAM (SigV4).',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason: 'Every route is SigV4-authenticated and stage-throttled, and a WAFv2 web ACL is left to each deployment to attach.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'The account-level API Gateway logging role uses the AWS managed policy made for exactly that purpose.',
      },
    );
  }
}
