import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { maskPii } from '../http/mask.js';

/** Deeper than any log attribute the platform writes; what lies below is dropped, not printed raw. */
const MAX_DEPTH = 12;

/**
 * Every string of a value (member names too) with its personal data masked (http/mask.ts);
 * errors as the Powertools formatter shows them, masked; cycles and depth bounded.
 */
export function maskDeep(value: unknown, format: (error: Error) => unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (value instanceof Error) return maskDeep(format(value), format, depth, seen);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[omitted]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, format, depth + 1, seen));
  if (value instanceof Date) return value;
  const masked: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    Object.defineProperty(masked, maskPii(key), { value: maskDeep(inner, format, depth + 1, seen), enumerable: true, writable: true, configurable: true });
  }
  return masked;
}

/**
 * The Powertools log formatter of every function (docs/security.md "What the logs never
 * show"): the standard structure, with ID numbers, mobiles, emails and USCCs masked in every
 * field, whatever put them there: free text (a reviewer's reasons), paths, error messages
 * and stacks, event details.
 */
export class RedactingLogFormatter extends LogFormatter {
  /** The keys of Powertools' own formatter (not exported by the package), then the caller's, every value masked. */
  override formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
    const base: LogAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
    };
    const format = (error: Error) => super.formatError(error);
    return new LogItem({ attributes: maskDeep(base, format) as LogAttributes }).addAttributes(maskDeep(additionalLogAttributes, format) as LogAttributes);
  }

  override formatError(error: Error): LogAttributes {
    return maskDeep(super.formatError(error), (inner) => super.formatError(inner)) as LogAttributes;
  }
}
