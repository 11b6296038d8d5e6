// Synthesizes the CDK app for the infra tests, the way `cdk synth` does (cdk.json context),
// once per test file, and helpers to read IAM out of the templates.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { addRecordalStacks, type RecordalAppOptions, type RecordalStacks } from '../../lib/recordal-app.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** The context `cdk synth` reads from cdk.json. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

export interface SynthOptions extends RecordalAppOptions {
  /** Context on top of cdk.json's. */
  readonly context?: Record<string, unknown>;
  /** Run esbuild for every function (slow); otherwise CDK skips asset bundling. */
  readonly bundle?: boolean;
}

export interface SynthesizedApp {
  readonly app: App;
  readonly stacks: RecordalStacks;
  readonly outdir: string;
  /** Every stack's template, by stack name. */
  readonly templates: Record<string, Template>;
  template(stack: Stack): Template;
  /** Removes the cloud assembly directory. */
  dispose(): void;
}

export function synthesizeApp(options: SynthOptions = {}): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'recordal-infra-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      ...options.context,
      // CDK bundles the assets of the stacks this lists only.
      'aws:cdk:bundling-stacks': options.bundle ? ['**'] : [],
    },
  });
  const { context: _context, bundle: _bundle, ...appOptions } = options;
  const stacks = addRecordalStacks(app, appOptions);
  const assembly = app.synth();
  const templates: Record<string, Template> = {};
  for (const artifact of assembly.stacks) templates[artifact.stackName] = Template.fromJSON(artifact.template as Record<string, unknown>);
  return {
    app,
    stacks,
    outdir,
    templates,
    template: (stack) => templates[stack.stackName] ?? fail(`no template for ${stack.stackName}`),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** Variables through which the AWS SDK or the CDK CLI could find credentials or an account. */
export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'CDK_DEFAULT_ACCOUNT',
];

export interface CliSynthesis {
  readonly status: number | null;
  /** What the CLI printed (stdout and stderr). */
  readonly output: string;
  readonly outdir: string;
  /** Every stack's template, by stack name. */
  readonly templates: Record<string, Template>;
  dispose(): void;
}

/**
 * Runs `cdk synth --quiet` as a user would, with no credentials, Docker made unusable
 * (`CDK_DOCKER=/bin/false`), and the CLI's version check, notices and telemetry off.
 */
export function cdkSynthCli(): CliSynthesis {
  const outdir = mkdtempSync(join(tmpdir(), 'recordal-cdk-synth-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_DOCKER: '/bin/false',
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    // An unusable home: no ~/.aws files to find credentials in.
    HOME: outdir,
  };
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  const result = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--no-notices', '--output', outdir], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 540_000,
  });
  const templates: Record<string, Template> = {};
  if (result.status === 0) {
    for (const name of readdirSync(outdir).filter((file) => file.endsWith('.template.json'))) {
      templates[name.replace(/\.template\.json$/, '')] = Template.fromJSON(JSON.parse(readFileSync(join(outdir, name), 'utf8')) as Record<string, unknown>);
    }
  }
  return {
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`,
    outdir,
    templates,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** A CloudFormation value (string or intrinsic) as cdk-nag prints it: `arn:<AWS::Partition>:…`. */
export function flat(value: unknown): string {
  return flattenCfnReference(value);
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function resourcesOf(template: Template): Resources {
  return (template.toJSON() as { Resources?: Resources }).Resources ?? {};
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every permission statement of every role of a template, by role logical id. */
export function roleStatements(template: Template): Map<string, Statement[]> {
  const byRole = new Map<string, Statement[]>();
  const add = (roleId: string, statements: Statement[]): void => {
    byRole.set(roleId, [...(byRole.get(roleId) ?? []), ...statements]);
  };
  for (const [id, resource] of Object.entries(resourcesOf(template))) {
    if (resource.Type === 'AWS::IAM::Role') {
      add(id, []);
      const inline = asArray(resource.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined);
      for (const policy of inline) add(id, policy.PolicyDocument.Statement);
    }
  }
  for (const resource of Object.values(resourcesOf(template))) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const document = resource.Properties?.PolicyDocument as { Statement: Statement[] };
    for (const role of asArray(resource.Properties?.Roles as { Ref: string }[] | undefined)) add(role.Ref, document.Statement);
  }
  return byRole;
}

/** The logical id of the role a function (by its deployed name) runs as. */
export function roleOfFunction(template: Template, functionName: string): string {
  for (const resource of Object.values(resourcesOf(template))) {
    if (resource.Type === 'AWS::Lambda::Function' && resource.Properties?.FunctionName === functionName) {
      const role = resource.Properties.Role as { 'Fn::GetAtt': [string, string] };
      return role['Fn::GetAtt'][0];
    }
  }
  throw new Error(`no function named ${functionName}`);
}

/** Logical id of the only resource of a type. */
export function onlyResourceId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0] as string;
}

/** Statements of a role that allow an action (exactly, or through a wildcard pattern). */
export function statementsAllowing(statements: Statement[], action: string): Statement[] {
  return statements.filter(
    (statement) =>
      statement.Effect === 'Allow' &&
      asArray(statement.Action).some((granted) => new RegExp(`^${granted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action)),
  );
}
