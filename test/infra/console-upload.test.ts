// How the built console reaches a deployed stage (docs/console.md "Deployed"): `npm run
// console:deploy` reads the API stack's ConsoleBucket output and writes console/<file> keys, the
// very keys the API's S3 integration reads and its role may get. Not a custom resource: the
// deployment itself runs no code (test/infra/app.test.ts "resources").
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import type { Template } from 'aws-cdk-lib/assertions';
import { CONSOLE_BUCKET_OUTPUT, CONSOLE_KEY_PREFIX } from '../../lib/constructs/console-site.js';
import { apiStackName } from '../../lib/recordal-app.js';
import { consoleBucketOf, consoleFiles, uploadConsole } from '../../tools/console/upload.js';
import { synthesizeApp, type SynthesizedApp } from './synth.js';

let synthesized: SynthesizedApp;
let api: Template;
let dist: string;

beforeAll(() => {
  synthesized = synthesizeApp();
  api = synthesized.template(synthesized.stacks.api);
  dist = mkdtempSync(join(tmpdir(), 'recordal-console-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="./assets/index-abc.js"></script>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(dist, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(dist, 'assets', 'font-abc.woff2'), 'wOF2');
  writeFileSync(join(dist, 'assets', 'logo-abc.svg'), '<svg/>');
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, '.vite', 'manifest.json'), '{}');
}, 180_000);
afterAll(() => {
  synthesized?.dispose();
  rmSync(dist, { recursive: true, force: true });
});

const s3 = mockClient(S3Client);
const cloudFormation = mockClient(CloudFormationClient);
beforeEach(() => {
  s3.reset();
  cloudFormation.reset();
});

describe('the console upload after cdk deploy', () => {
  it('finds the bucket by the API stack’s ConsoleBucket output, the one the template declares', async () => {
    const outputs = api.findOutputs(CONSOLE_BUCKET_OUTPUT);
    expect(Object.keys(outputs)).toEqual([CONSOLE_BUCKET_OUTPUT]);
    const bucketId = Object.keys(api.findResources('AWS::S3::Bucket')).find((id) => id.startsWith('Console'));
    expect(outputs[CONSOLE_BUCKET_OUTPUT]!.Value).toEqual({ Ref: bucketId });
    expect(synthesized.stacks.api.stackName).toBe(apiStackName('dev'));

    cloudFormation.on(DescribeStacksCommand, { StackName: apiStackName('prod') }).resolves({
      Stacks: [{ StackName: apiStackName('prod'), CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'ApiUrl', OutputValue: 'https://x/prod/' }, { OutputKey: CONSOLE_BUCKET_OUTPUT, OutputValue: 'console-files-1' }] }],
    });
    expect(await consoleBucketOf(new CloudFormationClient({ region: 'cn-northwest-1' }), apiStackName('prod'))).toBe('console-files-1');
    cloudFormation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'x', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] }] });
    await expect(consoleBucketOf(new CloudFormationClient({ region: 'cn-northwest-1' }), 'x')).rejects.toThrow(/no ConsoleBucket output/);
  });

  it('writes console/<file> keys, which the API serves and its role may read, index.html last, each with its type', async () => {
    s3.on(PutObjectCommand).resolves({});
    const result = await uploadConsole(new S3Client({ region: 'cn-northwest-1' }), 'console-files-1', dist);
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts.map((put) => [put.Key, put.ContentType])).toEqual([
      ['console/assets/font-abc.woff2', 'font/woff2'],
      ['console/assets/index-abc.css', 'text/css; charset=utf-8'],
      ['console/assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['console/assets/logo-abc.svg', 'image/svg+xml'],
      ['console/index.html', 'text/html; charset=utf-8'],
    ]);
    expect(puts.every((put) => put.Bucket === 'console-files-1')).toBe(true);
    expect(result.removed).toEqual([]);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);

    // What the API reads: console/index.html and console/{key}; what its role may get: console/*.
    const uris = JSON.stringify(Object.values(api.findResources('AWS::ApiGateway::Method')).map((method) => (method as { Properties: { Integration?: { Uri?: unknown } } }).Properties.Integration?.Uri));
    expect(uris).toContain(`/${CONSOLE_KEY_PREFIX}/index.html`);
    expect(uris).toContain(`/${CONSOLE_KEY_PREFIX}/{key}`);
    expect(result.uploaded.every((key) => key.startsWith(`${CONSOLE_KEY_PREFIX}/`))).toBe(true);
  });

  it('with prune, deletes the files of earlier builds and only those', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(ListObjectsV2Command).resolvesOnce({ IsTruncated: true, NextContinuationToken: 't', Contents: [{ Key: 'console/index.html' }, { Key: 'console/assets/index-old.js' }] })
      .resolvesOnce({ IsTruncated: false, Contents: [{ Key: 'console/assets/index-abc.js' }, { Key: 'console/assets/old.css' }] });
    s3.on(DeleteObjectsCommand).resolves({});
    const result = await uploadConsole(new S3Client({ region: 'cn-northwest-1' }), 'console-files-1', dist, { prune: true });
    expect(result.removed).toEqual(['console/assets/index-old.js', 'console/assets/old.css']);
    expect(s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'console-files-1', Prefix: 'console/' },
      { Bucket: 'console-files-1', Prefix: 'console/', ContinuationToken: 't' },
    ]);
    expect(s3.commandCalls(DeleteObjectsCommand)[0]!.args[0].input.Delete!.Objects).toEqual([{ Key: 'console/assets/index-old.js' }, { Key: 'console/assets/old.css' }]);
  });

  it('refuses a folder with no build, before writing anything', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'recordal-console-empty-'));
    try {
      expect(() => consoleFiles(empty)).toThrow(/npm run console:build/);
      await expect(uploadConsole(new S3Client({ region: 'cn-northwest-1' }), 'b', empty)).rejects.toThrow(/no console build/);
      expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
