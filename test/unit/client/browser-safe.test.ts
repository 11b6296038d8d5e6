import { join } from 'node:path';
import { build } from 'esbuild';

const REPO = join(import.meta.dirname, '..', '..', '..');

describe('the client library core', () => {
  it('bundles for the browser (the web console) with nothing of Node in it, its browser parts included', async () => {
    const result = await build({
      entryPoints: [join(REPO, 'lib', 'client', 'index.ts'), join(REPO, 'lib', 'client', 'browser', 'index.ts')],
      outdir: 'out',
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
    expect(inputs).toContain('lib/client/browser/xhr-transport.ts');
  });
});
