/**
 * Where the CLI reads and writes: the process's streams in `bin/recordal.ts`, strings in tests.
 * Results go to stdout (tables, or JSON with `--output json`); progress, notes and problems to
 * stderr, so that `recordal … --output json | jq` sees only JSON.
 */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (the upload progress bar is drawn only there). */
  stderrIsTty: boolean;
  /** The whole of standard input (`--file -`). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
  };
}
