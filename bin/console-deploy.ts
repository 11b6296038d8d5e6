/**
 * `npm run console:deploy -- [--stage prod] [--profile prod] [--bucket name] [--prune]`: builds
 * the web console and puts it into the deployed stage's console bucket (tools/console/upload.ts,
 * docs/console.md "Deployed"). Credentials: the AWS default provider chain.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { REGION } from '../lib/config.js';
import { apiStackName } from '../lib/recordal-app.js';
import { consoleBucketOf, uploadConsole } from '../tools/console/upload.js';

const USAGE = `usage: npm run console:deploy -- [--stage <stage, default dev>] [--profile <AWS profile>] [--bucket <ConsoleBucket output>] [--prune]
  --prune  also delete files of earlier builds (tabs still open on them may fail to load pages)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { stage: { type: 'string', default: 'dev' }, profile: { type: 'string' }, bucket: { type: 'string' }, prune: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = { region: REGION, ...(values.profile === undefined ? {} : { profile: values.profile }) };
  const bucket = values.bucket ?? (await consoleBucketOf(new CloudFormationClient(config), apiStackName(values.stage)));
  const result = await uploadConsole(new S3Client(config), bucket, join(import.meta.dirname, '..', 'console', 'dist'), {
    prune: values.prune,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`web console deployed: ${result.uploaded.length} files to s3://${bucket}/ (${result.removed.length} removed); open <ApiUrl>console/\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(1);
  },
);
