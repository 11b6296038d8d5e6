/**
 * The web console's initial download per console (customer, reviewer): every JS chunk a
 * signed-in person's first page loads (the entry, the console's chunk and their static
 * imports, from Vite's manifest) and their CSS, raw and gzipped. Pages opened later are
 * separate chunks and not counted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONSOLE_ENTRIES = { customer: 'src/customer/CustomerConsole.tsx', reviewer: 'src/reviewer/ReviewerConsole.tsx' } as const;

export interface ConsoleAssetsRow {
  console: keyof typeof CONSOLE_ENTRIES;
  jsBytes: number;
  jsGzipBytes: number;
  cssBytes: number;
  cssGzipBytes: number;
  /** How many JS files the first page loads. */
  jsFiles: number;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** The chunks loaded with `keys`: each, and its static imports, transitively. */
function closure(manifest: Record<string, ManifestChunk>, keys: readonly string[]): ManifestChunk[] {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key) || manifest[key] === undefined) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...seen].map((key) => manifest[key]!);
}

export function consoleAssets(dist: string): ConsoleAssetsRow[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const sizes = (files: readonly string[]) => {
    const contents = files.map((file) => readFileSync(join(dist, file)));
    return { raw: contents.reduce((sum, bytes) => sum + bytes.length, 0), gzip: contents.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0) };
  };
  return (Object.keys(CONSOLE_ENTRIES) as (keyof typeof CONSOLE_ENTRIES)[]).map((name) => {
    const chunks = closure(manifest, ['index.html', CONSOLE_ENTRIES[name]]);
    const js = sizes(chunks.map((chunk) => chunk.file));
    const css = sizes([...new Set(chunks.flatMap((chunk) => chunk.css ?? []))]);
    return { console: name, jsBytes: js.raw, jsGzipBytes: js.gzip, cssBytes: css.raw, cssGzipBytes: css.gzip, jsFiles: chunks.length };
  });
}
