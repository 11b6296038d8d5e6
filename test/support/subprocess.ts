import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How a command line ended. */
export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end and answers its exit code and output, whatever the code (-1: killed or never started). */
export async function runToEnd(file: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeout: number }): Promise<Finished> {
  try {
    const { stdout, stderr } = await run(file, [...args], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
