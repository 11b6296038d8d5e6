/**
 * Child-process entry of the bench (it keeps aws-cdk-lib out of the platform's memory):
 * synthesizes one throwaway stack holding a RecordalFunction per catalog function, so each
 * is bundled by NodejsFunction with exactly the house construct's options; then a second one
 * holding each function's floor (floor-bundles.ts: the SDK clients its bundle carries, one
 * command each) bundled by the same construct. Prints `[{name, file, environment, floor}]`
 * (the bundles' entry files and the function's environment) as JSON.
 *
 * Usage: tsx tools/bench/synth-bundles.ts <outdir>
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFloorEntries } from './floor-bundles.js';
import { App, Stack } from 'aws-cdk-lib';
import { FUNCTIONS, type FunctionName } from '../../lambdas/catalog.js';
import { RecordalFunction } from '../../lib/constructs/recordal-function.js';

export interface SynthesizedBundle {
  name: FunctionName;
  /** The bundle's entry file (index.mjs or index.js) in the asset folder. */
  file: string;
  /** The function's environment variables as deployed (NODE_OPTIONS among them). */
  environment: Record<string, string>;
  /** Its floor's bundle entry and the SDK clients the floor holds. */
  floor: { file: string; clients: string[] };
}

type Bundled = Omit<SynthesizedBundle, 'floor'>;

interface TemplateResource {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties?: { Environment?: { Variables?: Record<string, unknown> } };
}

/** One stack of RecordalFunctions, one per catalog function (of `entries`' files, when given). */
function synthesize(outdir: string, entries?: ReadonlyMap<string, string>): Bundled[] {
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'BenchBundles', { env: { region: 'cn-northwest-1' } });
  const logicalIds = new Map<string, FunctionName>();
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const entry = entries?.get(name);
    const fn = new RecordalFunction(stack, name, { name, stage: 'bench', retainLogs: false, ...(entry !== undefined && { entry }) });
    logicalIds.set(stack.getLogicalId(fn.lambda.node.defaultChild as never), name);
  }
  const assembly = app.synth();
  const template = JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8')) as {
    Resources: Record<string, TemplateResource>;
  };
  const bundles: Bundled[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const name = logicalIds.get(logicalId);
    if (resource.Type !== 'AWS::Lambda::Function' || name === undefined) continue;
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (typeof assetPath !== 'string') throw new Error(`no asset path for ${name}`);
    const folder = join(assembly.directory, assetPath);
    const entry = ['index.mjs', 'index.js'].map((file) => join(folder, file)).find((file) => existsSync(file));
    if (entry === undefined) throw new Error(`no index.mjs or index.js in ${folder}`);
    const variables = resource.Properties?.Environment?.Variables ?? {};
    const environment: Record<string, string> = {};
    // Values that are tokens (references to other resources) are objects: not needed to import.
    for (const [key, value] of Object.entries(variables)) if (typeof value === 'string') environment[key] = value;
    bundles.push({ name, file: entry, environment });
  }
  return bundles;
}

function withFloors(outdir: string): SynthesizedBundle[] {
  const functions = synthesize(join(outdir, 'functions'));
  const root = join(import.meta.dirname, '..', '..');
  // Under the project (gitignored .bench/): NodejsFunction bundles only entries under its root.
  const floors = writeFloorEntries(functions, join(root, '.bench', 'floors'), root);
  const entries = new Map([...floors].map(([name, floor]) => [name, floor.entry]));
  const floorBundles = new Map(synthesize(join(outdir, 'floors'), entries).map((b) => [b.name, b.file]));
  return functions.map((fn) => ({ ...fn, floor: { file: floorBundles.get(fn.name)!, clients: floors.get(fn.name)!.clients } }));
}

const outdir = process.argv[2];
if (outdir === undefined) {
  process.stderr.write('usage: synth-bundles.ts <outdir>\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(withFloors(outdir))}\n`);
