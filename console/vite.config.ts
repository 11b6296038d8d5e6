/**
 * The web console's build (docs/design/api.md "Web console"): served under `/console/` by the
 * platform, so every asset URL is relative. The domain modules it shares with the Lambdas import
 * `node:url` for `domainToASCII`; the browser gets a WHATWG-URL equivalent instead.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  resolve: { alias: { 'node:url': here('./src/shims/node-url.ts') } },
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
