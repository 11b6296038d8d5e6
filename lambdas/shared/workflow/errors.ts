/**
 * The error names the lifecycle's ASL matches on (state-machines/recordal-lifecycle.asl.json),
 * and the one classification of AWS failures into "transient" (retried by the state machine
 * with backoff and jitter) and everything else (the filing is returned with SYSTEM_ERROR).
 * A Lambda's error name becomes the Step Functions `Error`, so each class sets `name`.
 */

/**
 * What Step Functions answers to SendTask* for a token that no longer waits: the execution
 * ended (withdrawn, timed out) or the callback was already answered.
 */
export const GONE_TOKEN_ERRORS: ReadonlySet<string> = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

export const WORKFLOW_ERRORS = {
  /** DynamoDB/STS/EC2/ELBv2/S3/SNS/EventBridge/SFN throttling, 5xx, timeouts, connection resets. */
  transient: 'Recordal.TransientError',
  /** A step found problems and has already moved the filing to RETURNED with them. */
  filingReturned: 'Recordal.FilingReturned',
  /** The filing is no longer at this execution's revision or stage (withdrawn, resubmitted). */
  filingSuperseded: 'Recordal.FilingSuperseded',
  /** SendTaskFailure error of a rejection; its Cause is JSON `{reasons: Problem[]}`. */
  rejected: 'Recordal.Rejected',
  /** The Fail state the execution ends in after SYSTEM_ERROR. */
  systemError: 'Recordal.SystemError',
} as const;

export class TransientError extends Error {
  override readonly name = WORKFLOW_ERRORS.transient;
  constructor(readonly original: unknown) {
    super(`transient failure: ${describe(original)}`, { cause: original });
  }
}

export class FilingReturnedError extends Error {
  override readonly name = WORKFLOW_ERRORS.filingReturned;
  constructor(readonly filingId: string, readonly codes: readonly string[]) {
    super(`filing ${filingId} returned: ${codes.join(', ')}`);
  }
}

export class FilingSupersededError extends Error {
  override readonly name = WORKFLOW_ERRORS.filingSuperseded;
  constructor(readonly filingId: string, why: string) {
    super(`filing ${filingId}: ${why}`);
  }
}

// Error codes AWS services answer when they throttle or are briefly unavailable: DynamoDB,
// STS, EC2 (RequestLimitExceeded), ELBv2 (Throttling), S3 (SlowDown), SNS, EventBridge, SFN.
const TRANSIENT_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceededException',
  'TransactionInProgressException',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServiceError',
  'InternalServiceErrorException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
  'IDPCommunicationError',
]);
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

// Reasons of a cancelled DynamoDB transaction that a retry can overcome.
const TRANSIENT_CANCELLATION_CODES = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  CancellationReasons?: { Code?: unknown }[];
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: unknown;
}

/** True for failures that a later attempt may not meet: throttling, 5xx, timeouts, resets. */
export function isTransientAwsError(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorShape;
  if (typeof e.name === 'string' && TRANSIENT_CODES.has(e.name)) return true;
  if (typeof e.code === 'string' && (TRANSIENT_CODES.has(e.code) || TRANSIENT_NODE_CODES.has(e.code))) return true;
  if (e.$retryable !== undefined && e.$retryable !== null && e.$retryable !== false) return true;
  if (e.name === 'TransactionCanceledException' && Array.isArray(e.CancellationReasons)) {
    return e.CancellationReasons.some((r) => typeof r?.Code === 'string' && TRANSIENT_CANCELLATION_CODES.has(r.Code));
  }
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status === 429 || status >= 500);
}

/** The error a step Lambda throws: transient AWS failures become TransientError, others pass. */
export function classifyError(error: unknown): unknown {
  return isTransientAwsError(error) && !(error instanceof TransientError) ? new TransientError(error) : error;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
