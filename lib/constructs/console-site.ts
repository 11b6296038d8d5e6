import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AuthorizationType, AwsIntegration, type IRequestValidator, type IResource, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.js';

export interface ConsoleSiteProps {
  api: RestApi;
  removalPolicy: RemovalPolicy;
  requestValidator: IRequestValidator;
}

/** The console's routes: unsigned, like docs/design/api.md's public routes. */
export const CONSOLE_ROUTES = [
  { method: 'GET', path: '/console' },
  { method: 'GET', path: '/console/{proxy+}' },
] as const;

/** The key prefix of the console's files in its bucket (`npm run console:deploy` writes them: tools/console/upload.ts). */
export const CONSOLE_KEY_PREFIX = 'console';
/** The stack output naming the bucket, read by `npm run console:deploy`. */
export const CONSOLE_BUCKET_OUTPUT = 'ConsoleBucket';

const PUBLIC_REASON = 'The web console\'s static files are public by the API contract (docs/design/api.md "Web console") and hold no customer data; every API call they make is SigV4-signed.';

/**
 * The web console served by the REST API itself (same origin, no CORS): `GET /console` and
 * `GET /console/{proxy+}` read `console/index.html` and `console/<path>` from a private bucket
 * through an S3 integration with a read-only role. The files get there by `npm run console:deploy`
 * after `cdk deploy` (tools/console/upload.ts), not by a custom resource: the stacks run no code at
 * deploy time (docs/deploy.md).
 */
export class ConsoleSite extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds only the built console, written by the deployment and read by API Gateway, whose access log records every read.',
    });
    const reader = new Role(this, 'Reader', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway reads the web console files',
    });
    // Objects only (no listing, so a missing file is 403 from S3, answered as 404).
    const files = this.bucket.arnForObjects(`${CONSOLE_KEY_PREFIX}/*`);
    reader.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [files] }));
    acknowledgeWildcardResource(reader, files, 'API Gateway reads any of the console\'s built files, whose names carry content hashes that change with every build.');

    const file = (key: string, parameters: Record<string, string> = {}) =>
      new AwsIntegration({
        service: 's3',
        integrationHttpMethod: 'GET',
        path: `${this.bucket.bucketName}/${key}`,
        options: {
          credentialsRole: reader,
          requestParameters: parameters,
          integrationResponses: [
            {
              statusCode: '200',
              responseParameters: {
                'method.response.header.Content-Type': 'integration.response.header.Content-Type',
                'method.response.header.Cache-Control': "'no-cache'",
              },
            },
            { statusCode: '404', selectionPattern: '4\\d{2}', responseTemplates: { 'application/json': '{"error":{"code":"NOT_FOUND","message":"No such route or resource.","messageZh":"接口或资源不存在。","requestId":"$context.requestId","details":[]}}' } },
          ],
        },
      });
    const methodResponses = [
      { statusCode: '200', responseParameters: { 'method.response.header.Content-Type': true, 'method.response.header.Cache-Control': true } },
      { statusCode: '404' },
    ];
    const serve = (resource: IResource, integration: AwsIntegration, requestParameters: Record<string, boolean> = {}) => {
      const method = resource.addMethod('GET', integration, { authorizationType: AuthorizationType.NONE, requestValidator: props.requestValidator, methodResponses, requestParameters });
      Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason: PUBLIC_REASON }, { id: 'AwsSolutions-COG4', reason: PUBLIC_REASON });
    };
    // API Gateway takes `/console/` as `/console`: both serve index.html, whose own script adds the slash.
    const root = props.api.root.addResource('console');
    serve(root, file(`${CONSOLE_KEY_PREFIX}/index.html`));
    serve(root.addResource('{proxy+}'), file(`${CONSOLE_KEY_PREFIX}/{key}`, { 'integration.request.path.key': 'method.request.path.proxy' }), { 'method.request.path.proxy': true });

    // Its own name as the output key (not a path-derived one), so that the upload finds it.
    new CfnOutput(this, 'ConsoleBucket', { value: this.bucket.bucketName, description: 'The web console files: npm run console:deploy puts console/dist here under console/ (docs/console.md)' }).overrideLogicalId(CONSOLE_BUCKET_OUTPUT);
  }
}
