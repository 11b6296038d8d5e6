/**
 * The web console's build (docs/design/api.md "Web console"): served under `/console/` by the
 * platform, so every asset URL is relative. It imports from outside console/: the client library
 * (lib/client, its browser-safe core and lib/client/browser) and the domain modules it shares
 * with the Lambdas, which import `node:url` for `domainToASCII`; the browser gets a WHATWG-URL
 * equivalent instead. The dev server (`npx vite --config console/vite.config.ts`) serves only
 * what the console imports (`server.fs.allow`): console/, lib/client, the local identities,
 * lambdas/shared and node_modules; nothing else of the repository.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const repo = here('..');

export default defineConfig({
  root: here('.'),
  base: './',
  resolve: { alias: { 'node:url': here('./src/shims/node-url.ts') } },
  server: { fs: { allow: [here('.'), `${repo}/lib/client`, `${repo}/lib/local/credentials.ts`, `${repo}/lambdas/shared`, `${repo}/node_modules`] } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // The bench reads the manifest to tell each console's initial JS and CSS.
    manifest: true,
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      // Cloudscape marks its modules 'use client' (for React Server Components); meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
