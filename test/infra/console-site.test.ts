// The web console served by the API stack (docs/design/api.md "Web console"): a private bucket,
// two unsigned GET methods with an S3 integration, and a role that reads only the console's keys.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthesizeApp, type SynthesizedApp } from './synth.js';

let synthesized: SynthesizedApp;
let api: Template;

beforeAll(() => {
  synthesized = synthesizeApp();
  api = synthesized.template(synthesized.stacks.api);
}, 180_000);
afterAll(() => synthesized?.dispose());

describe('the web console in the API stack', () => {
  it('keeps the files in a private, encrypted bucket', () => {
    api.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
    });
  });

  it('serves /console and /console/{proxy+} unsigned through S3 GETs of console/…', () => {
    const methods = api.findResources('AWS::ApiGateway::Method', { Properties: { Integration: { Type: 'AWS', IntegrationHttpMethod: 'GET' } } });
    const uris = Object.values(methods).map((method) => JSON.stringify((method as { Properties: { Integration: { Uri: unknown } } }).Properties.Integration.Uri));
    expect(uris).toHaveLength(2);
    expect(uris.some((uri) => uri.includes('/console/index.html'))).toBe(true);
    expect(uris.some((uri) => uri.includes('/console/{key}'))).toBe(true);
    for (const method of Object.values(methods)) expect((method as { Properties: { AuthorizationType: string; HttpMethod: string } }).Properties).toMatchObject({ AuthorizationType: 'NONE', HttpMethod: 'GET' });
  });

  it('lets API Gateway read the console keys and nothing else', () => {
    const policies = api.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('ConsoleReader') } });
    const statements = Object.values(policies).flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Action).toBe('s3:GetObject');
      expect(JSON.stringify(statement.Resource)).toContain('console/*');
    }
  });
});
