import { format } from 'node:util';

export interface CapturedOutput {
  /** Everything written to stdout and stderr and every console call so far. */
  readonly lines: string[];
  /** Puts the streams and the console back. */
  restore(): void;
}

/**
 * Captures every byte written to stdout and stderr and every console call (a log is searched
 * for personal data: docs/security.md). `show` says which writes still reach the terminal
 * (default: all); console calls reach it when `console` is true.
 */
export function captureOutput(options: { show?: (text: string) => boolean; console?: boolean } = {}): CapturedOutput {
  const lines: string[] = [];
  const restores: (() => void)[] = [];
  const show = options.show ?? (() => true);
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      lines.push(text);
      return show(text) ? write(chunk, ...rest) : true;
    }) as typeof stream.write;
    restores.push(() => {
      stream.write = write as typeof stream.write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      lines.push(format(...args));
      if (options.console) original(...args);
    };
    restores.push(() => {
      console[method] = original;
    });
  }
  return { lines, restore: () => restores.splice(0).reverse().forEach((restore) => restore()) };
}
