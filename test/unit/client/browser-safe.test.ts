import { join } from 'node:path';
import { build } from 'esbuild';

const REPO = join(import.meta.dirname, '..', '..', '..');

describe('the client library core', () => {
  it('bundles for the browser (the web console) with nothing of Node in it', async () => {
    const result = await build({
      entryPoints: [join(REPO, 'lib', 'client', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('node:') || input.includes('lib/client/node/') || input.includes('lib/cli/'))).toEqual([]);
    expect(inputs).toContain('lib/client/signer.ts');
  });
});
