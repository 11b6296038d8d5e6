import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * What a bundle is made of, read from its own source map (no second build): every generated
 * segment's bytes charged to its source file, the files grouped by npm package (or by
 * project folder). Bytes between mapped segments (esbuild's glue) are charged to nobody.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one mapping segment (base64 VLQ) into its fields. */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`bad source map character ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** The package (`zod`, `@aws-sdk/client-ec2`) or project folder (`lambdas/shared`) of a source file. */
export function ownerOf(sourceFile: string, projectRoot: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(sourceFile);
  if (inPackage) return inPackage[1]!;
  const parts = relative(projectRoot, sourceFile).split('/');
  return parts.slice(0, Math.min(2, parts.length - 1) || 1).join('/');
}

/** Bytes of the bundle per owner, largest first. */
export function bundleComposition(bundleFile: string, mapFile: string, projectRoot: string): { owner: string; bytes: number }[] {
  const lines = readFileSync(bundleFile, 'utf8').split('\n');
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
  const bytes = new Map<string, number>();
  let source = 0;
  const mappingLines = map.mappings.split(';');
  for (let line = 0; line < mappingLines.length; line += 1) {
    const text = lines[line] ?? '';
    let column = 0;
    const segments: { column: number; source: number | undefined }[] = [];
    for (const segment of mappingLines[line]!.split(',')) {
      if (segment === '') continue;
      const fields = decodeSegment(segment);
      column += fields[0]!;
      if (fields.length >= 4) source += fields[1]!;
      segments.push({ column, source: fields.length >= 4 ? source : undefined });
    }
    for (let i = 0; i < segments.length; i += 1) {
      const { column: from, source: index } = segments[i]!;
      if (index === undefined) continue;
      const to = i + 1 < segments.length ? segments[i + 1]!.column : text.length;
      // Columns count UTF-16 units; bytes are close enough for a composition (most code is ASCII).
      const owner = ownerOf(resolve(dirname(mapFile), map.sources[index] ?? '?'), projectRoot);
      bytes.set(owner, (bytes.get(owner) ?? 0) + Math.max(0, to - from));
    }
  }
  return [...bytes].map(([owner, n]) => ({ owner, bytes: n })).sort((a, b) => b.bytes - a.bytes);
}
