// The whole app: `cdk synth --quiet` run as a user runs it (real esbuild bundling, no Docker,
// no credentials), its templates and bundles; and cdk-nag over the construct tree.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Validations } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { FUNCTIONS } from '../../lambdas/catalog.js';
import { deployedFunctionName } from '../../lib/constructs/recordal-function.js';
import { LIFECYCLE_ASL_PATH } from '../../lib/lifecycle-definition.js';
import { asArray, cdkSynthCli, synthesizeApp, type CliSynthesis, type SynthesizedApp } from './synth.js';

let cli: CliSynthesis; // templates and bundles, from the CLI
let tree: SynthesizedApp; // the construct tree (cdk-nag, acknowledgments), unbundled

beforeAll(() => {
  cli = cdkSynthCli();
  tree = synthesizeApp();
}, 600_000);

afterAll(() => {
  cli?.dispose();
  tree?.dispose();
});

describe('cdk synth', () => {
  it('succeeds with no credentials and no Docker, writing the four stacks', () => {
    expect({ status: cli.status, output: cli.status === 0 ? '' : cli.output.slice(-3000) }).toEqual({ status: 0, output: '' });
    expect(Object.keys(cli.templates).sort()).toEqual(
      ['IcpRecordal-dev-Api', 'IcpRecordal-dev-Data', 'IcpRecordal-dev-Workflow', 'IcpRecordalCustomerAccess'].sort(),
    );
  });
});

type LambdaProperties = {
  FunctionName: string;
  Runtime: string;
  Handler: string;
  Code: { S3Key: string };
  Environment: { Variables: Record<string, unknown> };
  TracingConfig?: { Mode: string };
  LoggingConfig?: { LogGroup: { Ref: string } };
};

function allFunctions(): Array<{ stack: string; id: string; properties: LambdaProperties; logGroups: Record<string, { Properties: { RetentionInDays?: number } }> }> {
  return Object.entries(cli.templates).flatMap(([stack, template]) =>
    Object.entries(template.findResources('AWS::Lambda::Function')).map(([id, resource]) => ({
      stack,
      id,
      properties: resource.Properties as LambdaProperties,
      logGroups: template.findResources('AWS::Logs::LogGroup') as Record<string, { Properties: { RetentionInDays?: number } }>,
    })),
  );
}

describe('functions', () => {
  it('deploys every function of the catalog once, under its deterministic name', () => {
    const names = allFunctions().map((fn) => fn.properties.FunctionName).sort();
    const expected = (Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]).map((name) => deployedFunctionName('dev', name)).sort();
    expect(names).toEqual(expected);
  });

  it('runs every Lambda of every stack on nodejs22.x', () => {
    const functions = allFunctions();
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect({ fn: fn.id, runtime: fn.properties.Runtime }).toEqual({ fn: fn.id, runtime: 'nodejs22.x' });
  });

  it('gives every function the house defaults: source maps, Powertools, its own log group with retention, no X-Ray', () => {
    for (const fn of allFunctions()) {
      const variables = fn.properties.Environment.Variables;
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe('icp-recordal');
      expect(variables.POWERTOOLS_LOG_LEVEL).toBeDefined();
      expect(fn.properties.TracingConfig?.Mode ?? 'PassThrough').toBe('PassThrough');
      const logGroupId = fn.properties.LoggingConfig?.LogGroup.Ref;
      expect(logGroupId).toBeDefined();
      expect(fn.logGroups[logGroupId as string]?.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('bundles every function with the local esbuild into a minified ES module with its source map', () => {
    for (const fn of allFunctions()) {
      const assetDir = join(cli.outdir, `asset.${fn.properties.Code.S3Key.replace(/\.zip$/, '')}`);
      expect(fn.properties.Handler).toBe('index.handler');
      expect(existsSync(join(assetDir, 'index.mjs'))).toBe(true);
      expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
      const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
      expect(code).toMatch(/sourceMappingURL=index\.mjs\.map/);
      // Minified: a real bundle (the SDK included) is a few very long lines; a tiny placeholder proves nothing.
      if (code.length > 10_000) expect(code.length / code.split('\n').length).toBeGreaterThan(1_000);
      // An ES module whose handler is exported under its own name.
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{[^}]*\bhandler\b/);
    }
  });


  it('bundles every function into a module that Node 22 imports and that exports handler()', () => {
    for (const fn of allFunctions()) {
      const entry = join(cli.outdir, `asset.${fn.properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
      // The deployed variables, with references to other resources replaced by stand-ins.
      const variables = Object.fromEntries(
        Object.entries(fn.properties.Environment.Variables).map(([key, value]) => [key, typeof value === 'string' ? value : `stand-in-${key.toLowerCase()}`]),
      );
      const result = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(entry).href)}); console.log(typeof m.handler);`],
        { env: { PATH: process.env.PATH, AWS_REGION: 'cn-northwest-1', ...variables }, encoding: 'utf8', timeout: 30_000 },
      );
      expect({ fn: fn.properties.FunctionName, stdout: result.stdout.trim(), stderr: result.stderr.slice(0, 500) }).toEqual({
        fn: fn.properties.FunctionName,
        stdout: 'function',
        stderr: '',
      });
    }
  }, 120_000);
});

describe('resources', () => {
  it('include no custom resource (nothing installs an SDK or runs code at deploy time)', () => {
    const custom = Object.entries(cli.templates).flatMap(([stack, template]) =>
      Object.entries((template.toJSON() as { Resources: Record<string, { Type: string }> }).Resources)
        .filter(([, resource]) => resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource')
        .map(([id]) => `${stack}/${id}`),
    );
    expect(custom).toEqual([]);
  });
});

describe('partition', () => {
  function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  }

  it('has no literal arn:aws: in any synthesized template', () => {
    const templates = readdirSync(cli.outdir).filter((name) => name.endsWith('.template.json'));
    expect(templates.length).toBe(4);
    for (const name of templates) {
      expect({ name, literal: readFileSync(join(cli.outdir, name), 'utf8').includes('arn:aws:') }).toEqual({ name, literal: false });
    }
  });

  it('has no literal arn:aws: in any asset either (the ASL and the bundles)', () => {
    expect(readFileSync(LIFECYCLE_ASL_PATH, 'utf8')).not.toContain('arn:aws:');
    const offenders = filesUnder(cli.outdir)
      .filter((path) => /\.(json|mjs)$/.test(path))
      .filter((path) => readFileSync(path, 'utf8').includes('arn:aws:'));
    expect(offenders).toEqual([]);
  });
});

describe('service principals', () => {
  it("are the ones CDK's region facts give for cn-northwest-1", () => {
    const principals = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'Service') asArray(inner as string | string[]).forEach((name) => principals.add(name));
          else collect(inner);
        }
      }
    };
    Object.values(cli.templates).forEach((template) => collect(template.toJSON()));
    expect(principals.size).toBeGreaterThan(0);
    const stack = tree.stacks.workflow;
    for (const principal of principals) {
      expect(stack.resolve(ServicePrincipal.servicePrincipalName(principal))).toBe(principal);
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning on any stack', () => {
    const report = new AwsSolutionsChecks().validateScope(tree.app);
    const findings = report.violations.map(
      (violation) => `${violation.severity} ${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives every acknowledgment a reason of one sentence', () => {
    const acknowledgments: Array<{ path: string; id: string; reason: unknown }> = [];
    const visit = (construct: IConstruct): void => {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          acknowledgments.push({ path: construct.node.path, id, reason });
        }
      }
      construct.node.children.forEach(visit);
    };
    visit(tree.app);
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledgments) {
      expect({ path, id, reason }).toEqual({ path, id, reason: expect.stringMatching(/^[A-Z][^]{20,}\.$/) });
      // One sentence: no sentence end before the final full stop.
      expect({ path, id, sentences: (reason as string).slice(0, -1).split(/[.!?]\s+(?=[A-Z])/).length }).toEqual({ path, id, sentences: 1 });
    }
  });
});
