/**
 * Child-process entry of the bench (it keeps aws-cdk-lib out of the platform's memory):
 * synthesizes one throwaway stack holding a RecordalFunction per catalog function, so each
 * is bundled by NodejsFunction with exactly the house construct's options, and prints
 * `[{name, file, environment}]` (the bundle's entry file and the function's environment) as JSON.
 *
 * Usage: tsx lib/local/bench/synth-bundles.ts <outdir>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { FUNCTIONS, type FunctionName } from '../../lambdas/catalog.js';
import { RecordalFunction } from '../../lib/constructs/recordal-function.js';

export interface SynthesizedBundle {
  name: FunctionName;
  /** The bundle's entry file (index.mjs or index.js) in the asset folder. */
  file: string;
  /** The function's environment variables as deployed (NODE_OPTIONS among them). */
  environment: Record<string, string>;
}

interface TemplateResource {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties?: { Environment?: { Variables?: Record<string, unknown> } };
}

function synthesize(outdir: string): SynthesizedBundle[] {
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'BenchBundles', { env: { region: 'cn-northwest-1' } });
  const logicalIds = new Map<string, FunctionName>();
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const fn = new RecordalFunction(stack, name, { name, stage: 'bench', retainLogs: false });
    logicalIds.set(stack.getLogicalId(fn.lambda.node.defaultChild as never), name);
  }
  const assembly = app.synth();
  const template = JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8')) as {
    Resources: Record<string, TemplateResource>;
  };
  const bundles: SynthesizedBundle[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const name = logicalIds.get(logicalId);
    if (resource.Type !== 'AWS::Lambda::Function' || name === undefined) continue;
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (typeof assetPath !== 'string') throw new Error(`no asset path for ${name}`);
    const folder = join(assembly.directory, assetPath);
    const entry = ['index.mjs', 'index.js'].map((file) => join(folder, file)).find((file) => {
      try {
        readFileSync(file);
        return true;
      } catch {
        return false;
      }
    });
    if (entry === undefined) throw new Error(`no index.mjs or index.js in ${folder}`);
    const variables = resource.Properties?.Environment?.Variables ?? {};
    const environment: Record<string, string> = {};
    // Values that are tokens (references to other resources) are objects: not needed to import.
    for (const [key, value] of Object.entries(variables)) if (typeof value === 'string') environment[key] = value;
    bundles.push({ name, file: entry, environment });
  }
  return bundles;
}

const outdir = process.argv[2];
if (outdir === undefined) {
  process.stderr.write('usage: synth-bundles.ts <outdir>\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(synthesize(outdir))}\n`);
