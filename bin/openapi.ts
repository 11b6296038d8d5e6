/**
 * Writes docs/openapi.json, the OpenAPI 3.1 description generated from the route tables and
 * zod schemas (`npx tsx bin/openapi.ts`); `--check` fails when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDescription } from '../lambdas/api-customer/api-description.js';

const file = join(import.meta.dirname, '..', 'docs', 'openapi.json');
const text = `${JSON.stringify(apiDescription(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== text) {
    console.error('docs/openapi.json is stale: run npx tsx bin/openapi.ts');
    process.exit(1);
  }
  console.log('docs/openapi.json is up to date');
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
