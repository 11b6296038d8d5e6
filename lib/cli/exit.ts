/**
 * Exit codes: 0 done; 1 the platform refused (the problems are printed, each with its code,
 * path and message in the reader's language first) or could not be reached; 2 the command line
 * itself is wrong (unknown command or option, missing argument, unreadable input file).
 */
import { RecordalApiError, TransportError, messagesIn, type Language } from '../client/index.js';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong: exit 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure that is not the platform's refusal but ends the command with exit 1 (a watch that timed out, a RETURNED filing). */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailed';
  }
}

/** The lines that explain a refusal: the error, then each problem (`CODE at path: message`). */
export function refusalLines(error: RecordalApiError, language: Language): string[] {
  const [first, ...others] = messagesIn(error, language);
  const lines = [`error ${error.code} (HTTP ${error.status}): ${first ?? ''}`, ...others.map((message) => `  ${message}`)];
  for (const problem of error.details) {
    const [message, other] = messagesIn(problem, language);
    lines.push(`- ${problem.code}${problem.path === '' ? '' : ` at ${problem.path}`}: ${message ?? ''}`);
    if (other !== undefined) lines.push(`  ${other}`);
  }
  if (error.requestId !== undefined) lines.push(`request id: ${error.requestId}`);
  return lines;
}

/** The exit code of a failure, and what to tell the reader on stderr. */
export function describeFailure(error: unknown, language: Language, endpoint: string): { code: number; lines: string[] } {
  if (error instanceof UsageError) return { code: EXIT_USAGE, lines: [`error: ${error.message}`, '(add --help for usage)'] };
  if (error instanceof RecordalApiError) return { code: EXIT_REFUSED, lines: refusalLines(error, language) };
  if (error instanceof TransportError) {
    return { code: EXIT_REFUSED, lines: [`error: no recordal platform answers at ${endpoint} (${error.code ?? error.message}): start it with \`npm start\`, or pass --endpoint / set RECORDAL_URL`] };
  }
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'CredentialsProviderError') {
    return { code: EXIT_REFUSED, lines: [`error: no AWS credentials found (${(error as Error).message}): pass --profile, or --as customer-a|customer-b|reviewer against the local platform`] };
  }
  return { code: EXIT_REFUSED, lines: [`error: ${error instanceof Error ? error.message : String(error)}`] };
}
