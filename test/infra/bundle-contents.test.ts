// No local code in a Lambda: every catalog function bundled as synth bundles it (esbuild, ESM,
// node22, everything bundled), and the bundle's inputs read from its metafile.
import { build } from 'esbuild';
import { FUNCTIONS, handlerEntry, type FunctionName } from '../../lambdas/catalog.js';
import { CREDENTIALS_ALIAS } from '../../lib/constructs/recordal-function.js';

async function inputsOf(name: FunctionName, alias: Record<string, string> = {}): Promise<string[]> {
  const result = await build({
    alias,
    entryPoints: [handlerEntry(name)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: process.cwd(),
  });
  return Object.keys(result.metafile.inputs);
}

describe('the Lambda bundles', () => {
  const names = Object.keys(FUNCTIONS) as FunctionName[];

  it.each(names)('%s holds no local platform code', async (name) => {
    const inputs = await inputsOf(name);
    expect(inputs.some((input) => input.startsWith('lambdas/'))).toBe(true);
    // lib/ is the CDK app and the local platform: nothing of it belongs in a function
    expect(inputs.filter((input) => input.startsWith('lib/') || input.includes('network-adapter') || input.endsWith('/local.ts') || input.includes('node_modules/s3rver'))).toEqual([]);
  }, 60_000);

  it("the construct's alias swaps the SDK's default credential chain for the environment provider", async () => {
    const [from, to] = CREDENTIALS_ALIAS.split('=') as [string, string];
    const inputs = await inputsOf('transition', { [from]: to });
    expect(inputs).toContain('lambdas/shared/adapters/lambda-credentials.ts');
    expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/credential-provider-env/'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/@aws-sdk\/(credential-provider-node|nested-clients)\//.test(input))).toEqual([]);
  }, 60_000);

  it('the network port is in the bundles that use it, with the AWS adapter only', async () => {
    const inputs = await inputsOf('checkResources');
    expect(inputs).toContain('lambdas/shared/adapters/network/aws.ts');
    expect(inputs).toContain('lambdas/shared/adapters/composition.ts');
    expect(inputs.filter((input) => /(^|\/)local[^/]*\.ts$/.test(input))).toEqual([]);
  }, 60_000);
});
