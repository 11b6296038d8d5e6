import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { RedactingLogFormatter } from './redacting-formatter.js';

/** A Powertools logger whose every line goes through the redacting formatter (docs/security.md). */
export function createLogger(options: { serviceName?: string; logLevel?: LogLevel } = {}): Logger {
  return new Logger({ ...options, logFormatter: new RedactingLogFormatter() });
}
