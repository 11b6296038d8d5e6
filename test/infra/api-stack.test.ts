// The API stack: a REGIONAL REST API, AWS_IAM on every method but the two public ones, the
// routes to the two handlers, logs, throttling; and who may answer task tokens.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { deployedFunctionName } from '../../lib/constructs/recordal-function.js';
import { API_THROTTLING, PUBLIC_ROUTES } from '../../lib/api-stack.js';
import { lifecycleStateMachineName } from '../../lib/config.js';
import { CONSOLE_ROUTES } from '../../lib/constructs/console-site.js';
import { asArray, flat, roleOfFunction, roleStatements, statementsAllowing, synthesizeApp, type SynthesizedApp } from './synth.js';

const REVIEWERS = ['arn:aws-cn:iam::999999999999:role/IcpReviewer', 'arn:aws-cn:iam::999999999999:user/carol'];

let synthesized: SynthesizedApp;
let api: Template;
let workflow: Template;

beforeAll(() => {
  synthesized = synthesizeApp({ context: { reviewerPrincipalArns: REVIEWERS } });
  api = synthesized.template(synthesized.stacks.api);
  workflow = synthesized.template(synthesized.stacks.workflow);
}, 180_000);

afterAll(() => synthesized?.dispose());

type Resources = Record<string, { Properties: Record<string, unknown> }>;

/** Every method as `GET /v1/health`, with its properties. */
function methods(template: Template = api): Map<string, Record<string, unknown>> {
  const resources = template.findResources('AWS::ApiGateway::Resource') as Resources;
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    if (id === undefined || !(id in resources)) return ''; // the API root
    const resource = resources[id] as { Properties: { PathPart: string; ParentId: unknown } };
    return `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
  };
  const byRoute = new Map<string, Record<string, unknown>>();
  for (const method of Object.values(template.findResources('AWS::ApiGateway::Method') as Resources)) {
    byRoute.set(`${String(method.Properties.HttpMethod)} ${pathOf(method.Properties.ResourceId)}`, method.Properties);
  }
  return byRoute;
}

function functionId(name: 'apiCustomer' | 'apiReview'): string {
  return Object.entries(api.findResources('AWS::Lambda::Function')).find(
    ([, resource]) => (resource as { Properties: { FunctionName: string } }).Properties.FunctionName === deployedFunctionName('dev', name),
  )?.[0] as string;
}

describe('REST API', () => {
  it('is REGIONAL (the only endpoint type in China)', () => {
    api.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    api.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  it("lets signed callers of any account through its resource policy (customers are other accounts)", () => {
    const restApi = Object.values(api.findResources('AWS::ApiGateway::RestApi'))[0] as { Properties: { Policy: { Statement: unknown[] } } };
    expect(restApi.Properties.Policy.Statement).toHaveLength(1);
    const [statement] = restApi.Properties.Policy.Statement as Array<{ Effect: string; Principal: unknown; Action: string; Resource: unknown }>;
    expect(statement).toMatchObject({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke' });
    expect(flat(statement?.Resource)).toBe('execute-api:/*');
  });

  it('requires AWS_IAM on every method except GET /v1/health, GET /v1/openapi.json and the web console', () => {
    const routes = methods();
    const publicRoutes = [...PUBLIC_ROUTES, ...CONSOLE_ROUTES].map((route) => `${route.method} ${route.path}`);
    expect(publicRoutes).toEqual(['GET /v1/health', 'GET /v1/openapi.json', 'GET /console', 'GET /console/{proxy+}']);
    expect(routes.size).toBeGreaterThan(publicRoutes.length);
    for (const [route, method] of routes) {
      const expected = publicRoutes.includes(route) ? 'NONE' : 'AWS_IAM';
      expect({ route, auth: method.AuthorizationType }).toEqual({ route, auth: expected });
    }
    for (const route of publicRoutes) expect(routes.has(route)).toBe(true);
  });

  it('with publicRoutesRequireIam (no ICP licence for unauthenticated routes in China), requires AWS_IAM on every method', () => {
    const signedOnly = synthesizeApp({ context: { publicRoutesRequireIam: true } });
    try {
      const routes = methods(signedOnly.template(signedOnly.stacks.api));
      for (const route of PUBLIC_ROUTES) expect(routes.has(`${route.method} ${route.path}`)).toBe(true);
      // The console's static files stay unsigned (a browser cannot sign a page load): see docs/console.md.
      for (const [route, method] of routes) {
        if (route.startsWith('GET /console')) continue;
        expect({ route, auth: method.AuthorizationType }).toEqual({ route, auth: 'AWS_IAM' });
      }
    } finally {
      signedOnly.dispose();
    }
  }, 180_000);

  it('routes /v1/review/* to the review handler and every other path to the customer handler', () => {
    const integrationTarget = (route: string): string => {
      const integration = methods().get(route)?.Integration as { Type: string; Uri: unknown };
      expect(integration.Type).toBe('AWS_PROXY');
      return flat(integration.Uri);
    };
    expect(integrationTarget('ANY /v1/review/{proxy+}')).toContain(`<${functionId('apiReview')}.Arn>`);
    for (const route of ['ANY /v1/{proxy+}', 'GET /v1/health', 'GET /v1/openapi.json', 'ANY /{proxy+}']) {
      expect(integrationTarget(route)).toContain(`<${functionId('apiCustomer')}.Arn>`);
    }
  });

  it('validates requests on every method', () => {
    const validators = Object.keys(api.findResources('AWS::ApiGateway::RequestValidator', {
      Properties: { ValidateRequestBody: true, ValidateRequestParameters: true },
    }));
    expect(validators).toHaveLength(1);
    for (const [route, method] of methods()) expect({ route, validator: method.RequestValidatorId }).toEqual({ route, validator: { Ref: validators[0] } });
  });

  it('writes access logs and throttles the stage, without logging bodies or tracing', () => {
    api.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.stringLikeRegexp('requestId') },
      TracingEnabled: false,
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          DataTraceEnabled: false,
          ThrottlingRateLimit: API_THROTTLING.rateLimit,
          ThrottlingBurstLimit: API_THROTTLING.burstLimit,
        }),
      ],
    });
  });

  it("answers API Gateway's own refusals with the error body of docs/design/api.md (unsigned: 401, too large: 413)", () => {
    for (const [type, status, code] of [
      ['MISSING_AUTHENTICATION_TOKEN', '401', 'UNAUTHENTICATED'],
      ['INVALID_SIGNATURE', '401', 'UNAUTHENTICATED'],
      ['ACCESS_DENIED', '403', 'FORBIDDEN'],
      ['REQUEST_TOO_LARGE', '413', 'PAYLOAD_TOO_LARGE'],
      ['THROTTLED', '429', 'THROTTLED'],
    ] as const) {
      const responses = Object.values(api.findResources('AWS::ApiGateway::GatewayResponse', { Properties: { ResponseType: type } })) as Resources[string][];
      expect(responses).toHaveLength(1);
      const properties = responses[0]?.Properties as { StatusCode?: string; ResponseTemplates: Record<string, string> };
      expect(properties.StatusCode).toBe(status);
      const body = JSON.parse(properties.ResponseTemplates['application/json'] as string) as { error: Record<string, unknown> };
      expect(body.error).toEqual({ code, message: expect.any(String), messageZh: expect.any(String), requestId: '$context.requestId', details: [] });
    }
    // Server-side failures keep API Gateway's status (502, 504 …) with the same body shape.
    const fallback = Object.values(api.findResources('AWS::ApiGateway::GatewayResponse', { Properties: { ResponseType: 'DEFAULT_5XX' } }))[0] as Resources[string];
    expect(fallback.Properties.StatusCode).toBeUndefined();
    expect(JSON.parse((fallback.Properties.ResponseTemplates as Record<string, string>)['application/json'] as string)).toMatchObject({ error: { code: 'INTERNAL_ERROR' } });
  });
});

describe('handlers', () => {
  it('know every resource and the reviewer principals from their environment', () => {
    for (const name of ['apiCustomer', 'apiReview'] as const) {
      const fn = (api.findResources('AWS::Lambda::Function') as Resources)[functionId(name)] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
      const variables = fn.Properties.Environment.Variables;
      expect(Object.keys(variables)).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'BUCKET_NAME', 'STATE_MACHINE_ARN', 'EVENT_BUS_NAME', 'REVIEWER_TOPIC_ARN', 'ALARM_TOPIC_ARN']),
      );
      expect(variables.REVIEWER_PRINCIPAL_ARNS).toBe(REVIEWERS.join(','));
      // The cursor key is read at run time: only the secret's ARN is in the configuration.
      expect(variables.CURSOR_SECRET).toBeUndefined();
      expect(variables.CURSOR_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/^CursorKey/) });
      const statements = roleStatements(api).get(roleOfFunction(api, deployedFunctionName('dev', name))) ?? [];
      expect(statementsAllowing(statements, 'secretsmanager:GetSecretValue').map((s) => s.Resource)).toEqual([{ Ref: expect.stringMatching(/^CursorKey/) }]);
    }
    expect(JSON.stringify(api.toJSON())).not.toContain('resolve:secretsmanager');
  });

  it('outputs the API URL (what callers and npm run smoke use)', () => {
    api.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });

  it('are the only functions that hold states:SendTask*, scoped to this state machine (and the deadlines retry path its success and failure)', () => {
    const stateMachineId = Object.keys(workflow.findResources('AWS::StepFunctions::StateMachine'))[0];
    const exported = (importName: string): unknown =>
      // Cross-stack references are exports; the operator's outputs (topic, bus) are not.
      Object.values((workflow.toJSON() as { Outputs: Record<string, { Value: unknown; Export?: { Name: string } }> }).Outputs).find(
        (output) => output.Export?.Name === importName,
      )?.Value;
    const inApi = (role: string) => `${synthesized.stacks.api.stackName}/${role}`;
    const callbackRoles = [deployedFunctionName('dev', 'apiCustomer'), deployedFunctionName('dev', 'apiReview')].map((name) => inApi(roleOfFunction(api, name)));
    // The deadlines function re-applies recorded answers a lost SendTask left unapplied; it names
    // the state machine by its ARN (a reference would be a cycle with the definition).
    const deadlinesRole = `${synthesized.stacks.workflow.stackName}/${roleOfFunction(workflow, deployedFunctionName('dev', 'deadlines'))}`;
    const expectedHolders: Record<string, string[]> = {
      'states:SendTaskSuccess': [...callbackRoles, deadlinesRole],
      'states:SendTaskFailure': [...callbackRoles, deadlinesRole],
      'states:SendTaskHeartbeat': callbackRoles,
    };
    for (const [action, expected] of Object.entries(expectedHolders)) {
      const holders: string[] = [];
      for (const [stackName, template] of Object.entries(synthesized.templates)) {
        for (const [role, statements] of roleStatements(template)) {
          const granting = statementsAllowing(statements, action);
          if (granting.length === 0) continue;
          holders.push(`${stackName}/${role}`);
          for (const resource of granting.flatMap((statement) => asArray(statement.Resource))) {
            if (`${stackName}/${role}` === deadlinesRole) {
              expect(JSON.stringify(resource)).toContain(`:stateMachine:${lifecycleStateMachineName('dev')}`);
              continue;
            }
            const imported = (resource as { 'Fn::ImportValue'?: string })['Fn::ImportValue'];
            expect(imported).toBeDefined();
            expect(exported(imported as string)).toEqual({ Ref: stateMachineId });
          }
        }
      }
      expect(holders.sort()).toEqual([...expected].sort());
    }
  });

  it('let the customer handler start, stop and describe executions of this state machine only', () => {
    const statements = roleStatements(api).get(roleOfFunction(api, deployedFunctionName('dev', 'apiCustomer'))) ?? [];
    const resourcesFor = (action: string) => statementsAllowing(statements, action).flatMap((statement) => asArray(statement.Resource)).map(flat);
    expect(resourcesFor('states:StartExecution')).toHaveLength(1);
    expect(resourcesFor('states:StartExecution')[0]).toMatch(/ExportsOutputRefLifecycle/);
    for (const action of ['states:StopExecution', 'states:DescribeExecution']) {
      expect(resourcesFor(action)).toEqual(['arn:<AWS::Partition>:states:cn-northwest-1:<AWS::AccountId>:execution:icp-recordal-dev-lifecycle:*']);
    }
    const review = roleStatements(api).get(roleOfFunction(api, deployedFunctionName('dev', 'apiReview'))) ?? [];
    expect(statementsAllowing(review, 'states:StartExecution')).toEqual([]);
    expect(statementsAllowing(review, 's3:PutObject')).toEqual([]);
  });

  it("let only the customer handler assume roles (to check the profile's verificationIp), and only customer access roles", () => {
    const customer = roleStatements(api).get(roleOfFunction(api, deployedFunctionName('dev', 'apiCustomer'))) ?? [];
    const resources = statementsAllowing(customer, 'sts:AssumeRole').flatMap((statement) => asArray(statement.Resource)).map(flat);
    expect(resources).toEqual(['arn:<AWS::Partition>:iam::*:role/IcpRecordalAccess*']);
    const review = roleStatements(api).get(roleOfFunction(api, deployedFunctionName('dev', 'apiReview'))) ?? [];
    expect(statementsAllowing(review, 'sts:AssumeRole')).toEqual([]);
  });

  it('alarm to the alarm topic on any error', () => {
    const alarms = Object.values(api.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { MetricName: string; Period: number; AlarmActions: unknown[]; Dimensions: Array<{ Value: unknown }> };
    }>;
    expect(alarms.map((alarm) => alarm.Properties.Dimensions[0]?.Value).sort()).toEqual(
      [{ Ref: functionId('apiCustomer') }, { Ref: functionId('apiReview') }].sort((a, b) => a.Ref.localeCompare(b.Ref)),
    );
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ MetricName: 'Errors', Period: 300 });
      expect(flat(alarm.Properties.AlarmActions[0])).toMatch(/ExportsOutputRefAlarmTopic/);
    }
  });

  it('customers write uploads and evidence; reviewers read only the evidence; both list uploads, of the one bucket only', () => {
    const bucket = 'arn:<AWS::Partition>:s3:::icp-recordal-dev-attachments-<AWS::AccountId>';
    const objects = (...prefixes: string[]) => prefixes.map((prefix) => `${bucket}/${prefix}*`);
    const expected = {
      apiCustomer: { get: objects('filings/', 'evidence/'), put: objects('filings/', 'evidence/') },
      apiReview: { get: objects('evidence/'), put: [] },
    };
    for (const name of ['apiCustomer', 'apiReview'] as const) {
      const statements = roleStatements(api).get(roleOfFunction(api, deployedFunctionName('dev', name))) ?? [];
      const resources = (action: string) => statementsAllowing(statements, action).flatMap((statement) => asArray(statement.Resource)).map(flat);
      expect({ name, get: resources('s3:GetObject').sort(), put: resources('s3:PutObject').sort() }).toEqual({ name, get: expected[name].get.sort(), put: expected[name].put.sort() });
      const listing = statementsAllowing(statements, 's3:ListBucket');
      expect(listing.map((statement) => [asArray(statement.Resource).map(flat), statement.Condition])).toEqual([
        [[bucket], { StringLike: { 's3:prefix': ['filings/*'] } }],
      ]);
    }
  });
});
