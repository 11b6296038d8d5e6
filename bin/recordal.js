#!/usr/bin/env node
// `npx recordal`: runs the TypeScript entry (bin/recordal.ts) through tsx, as every script of this repo runs.
import 'tsx';

await import('./recordal.ts');
