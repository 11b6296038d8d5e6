/**
 * What every command works with: the client (built on first use from the global options),
 * the reader's language, and the two ways of printing a result (a table, or JSON with
 * `--output json`).
 */
import { RecordalClient, languageOf, type Language, type Transport } from '../client/index.js';
import { nodeCredentials } from '../client/node/credentials.js';
import { nodeHttpTransport, type NodeTransport } from '../client/node/http-transport.js';
import { DEFAULT_PORT } from '../local/defaults.js';
import type { CliIo } from './io.js';

export type OutputFormat = 'json' | 'table';

export interface GlobalOptions {
  endpoint?: string;
  profile?: string;
  as?: string;
  output: OutputFormat;
}

/** What tests replace: the transport (a fake platform), and the streams. */
export interface CliDependencies {
  io: CliIo;
  transport?: Transport;
}

/** `RECORDAL_URL`, else the local platform (`RECORDAL_PORT`, default 3000). */
export function defaultEndpoint(env: Record<string, string | undefined>): string {
  return env.RECORDAL_URL || `http://127.0.0.1:${env.RECORDAL_PORT || DEFAULT_PORT}`;
}

/** The reader's language: LC_ALL, LC_MESSAGES, then LANG, as POSIX orders them. */
export const readerLanguage = (env: Record<string, string | undefined>): Language => languageOf(env.LC_ALL || env.LC_MESSAGES || env.LANG);

export class CliContext {
  readonly language: Language;
  readonly endpoint: string;
  private built: RecordalClient | undefined;
  private nodeTransport: NodeTransport | undefined;

  constructor(
    readonly options: GlobalOptions,
    private readonly dependencies: CliDependencies,
  ) {
    this.language = readerLanguage(dependencies.io.env);
    this.endpoint = options.endpoint ?? defaultEndpoint(dependencies.io.env);
  }

  get io(): CliIo {
    return this.dependencies.io;
  }

  get client(): RecordalClient {
    if (this.built === undefined) {
      const transport = this.dependencies.transport ?? (this.nodeTransport = nodeHttpTransport());
      const credentials = nodeCredentials({
        ...(this.options.as === undefined ? {} : { as: this.options.as }),
        ...(this.options.profile === undefined ? {} : { profile: this.options.profile }),
      });
      this.built = new RecordalClient({ endpoint: this.endpoint, credentials, transport });
    }
    return this.built;
  }

  /** The result of a command: as JSON (`--output json`), or the table the command renders. */
  result(value: unknown, table: () => string): void {
    this.io.stdout(this.options.output === 'json' ? `${JSON.stringify(value, null, 2)}\n` : table());
  }

  /** A line for the reader that is not the result (stderr). */
  note(line: string): void {
    this.io.stderr(`${line}\n`);
  }

  /** Closes the kept-alive connections, so the process can end. */
  close(): void {
    this.nodeTransport?.close();
  }
}
