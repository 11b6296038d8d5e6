/** Reading what a command is given: a JSON file (`-` for standard input), a directory's files. */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIo } from './io.js';
import { UsageError } from './exit.js';

/** The JSON object in a file; a missing file or broken JSON is a usage error (exit 2), not the platform's refusal. */
export async function readJsonObject(path: string, io: CliIo): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${path} must hold a JSON object`);
  return value as Record<string, unknown>;
}

/** The regular files directly in a directory, sorted by name. */
export async function filesIn(directory: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw new UsageError(`cannot read the directory ${directory}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const files: string[] = [];
  for (const name of names.sort()) if ((await stat(join(directory, name))).isFile()) files.push(join(directory, name));
  return files;
}

export async function requireFile(path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found === undefined || !found.isFile()) throw new UsageError(`no file ${path}`);
}
