/**
 * Puts the built console (console/dist) into the deployed stage's console bucket, where the API
 * serves it under `/<stage>/console/` (lib/constructs/console-site.ts, docs/console.md
 * "Deployed"). Done after `cdk deploy` by `npm run console:deploy`, not by the deployment itself:
 * the stacks run no code at deploy time (no custom resource; docs/deploy.md).
 *
 * Each file is written with the Content-Type API Gateway passes on to the browser; the hashed
 * assets first and index.html last, so that a page never names files not there yet. Files of
 * earlier builds are left (a tab still open may load them) unless `prune` removes them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CONSOLE_BUCKET_OUTPUT, CONSOLE_KEY_PREFIX } from '../../lib/constructs/console-site.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (path: string): string => CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

export interface ConsoleFile {
  /** The object key: `console/<path below dist>`. */
  key: string;
  path: string;
  contentType: string;
}

/** Every file below `dir`, but not in dot folders (Vite's `.vite/manifest.json` is for the bench, not the browser). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).filter((name) => !name.startsWith('.')).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The files of a build in upload order (index.html last); throws when there is no build. */
export function consoleFiles(distDir: string): ConsoleFile[] {
  const paths = filesUnder(distDir);
  if (!paths.some((path) => relative(distDir, path) === 'index.html')) throw new Error(`no console build in ${distDir} (npm run console:build)`);
  return paths
    .map((path) => ({ key: `${CONSOLE_KEY_PREFIX}/${relative(distDir, path).split(sep).join('/')}`, path, contentType: contentTypeOf(path) }))
    .sort((a, b) => Number(a.key.endsWith('/index.html')) - Number(b.key.endsWith('/index.html')) || a.key.localeCompare(b.key));
}

/** The stack's console bucket, from its `ConsoleBucket` output. */
export async function consoleBucketOf(cloudFormation: CloudFormationClient, stackName: string): Promise<string> {
  const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  const bucket = Stacks?.[0]?.Outputs?.find((output) => output.OutputKey === CONSOLE_BUCKET_OUTPUT)?.OutputValue;
  if (bucket === undefined) throw new Error(`stack ${stackName} has no ${CONSOLE_BUCKET_OUTPUT} output (is it deployed?)`);
  return bucket;
}

export interface UploadResult {
  uploaded: string[];
  removed: string[];
}

export async function uploadConsole(s3: S3Client, bucket: string, distDir: string, options: { prune?: boolean; log?: (line: string) => void } = {}): Promise<UploadResult> {
  const files = consoleFiles(distDir);
  for (const file of files) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: file.key, Body: readFileSync(file.path), ContentType: file.contentType }));
    options.log?.(`uploaded s3://${bucket}/${file.key}`);
  }
  const removed = options.prune ? await prune(s3, bucket, new Set(files.map((file) => file.key))) : [];
  for (const key of removed) options.log?.(`removed s3://${bucket}/${key}`);
  return { uploaded: files.map((file) => file.key), removed };
}

/** Deletes the keys under the console prefix that the build no longer has. */
async function prune(s3: S3Client, bucket: string, keep: ReadonlySet<string>): Promise<string[]> {
  const stale: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${CONSOLE_KEY_PREFIX}/`, ...(token === undefined ? {} : { ContinuationToken: token }) }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined && !keep.has(object.Key)) stale.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  for (let start = 0; start < stale.length; start += 1000) {
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: stale.slice(start, start + 1000).map((Key) => ({ Key })), Quiet: true } }));
  }
  return stale;
}
