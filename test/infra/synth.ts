// Synthesizes the CDK app for the infra tests, the way `cdk synth` does (cdk.json context),
// once per test file, and helpers to read IAM out of the templates.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { addRecordalStacks, type RecordalAppOptions, type RecordalStacks } from '../../lib/recordal-app';

export const REPO_ROOT = join(__dirname, '..', '..');

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
