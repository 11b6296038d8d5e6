/**
 * When and how long to wait before sending a request again: on 429 THROTTLED and 503
 * SERVICE_UNAVAILABLE (docs/design/api.md "Errors"), honouring `Retry-After`, otherwise capped
 * exponential backoff with full jitter (a random wait between 0 and the cap, so that clients
 * throttled together do not come back together). A request that got no answer at all is sent
 * again only when repeating it cannot do anything twice.
 */

export interface RetryPolicy {
  /** Sends in all, the first included (1: never again). */
  maxAttempts: number;
  /** The backoff cap of the first retry; it doubles each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is cut to it. */
  maxRetryAfterMs: number;
  statuses: readonly number[];
  /** In [0, 1); injectable for tests. */
  random: () => number;
  /** Injectable for tests. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock, for `Retry-After` given as an HTTP date. */
  now: () => number;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 60_000,
  statuses: [429, 503],
  random: Math.random,
  sleep,
  now: Date.now,
};

/** `Retry-After` in milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before attempt `attempt + 1` (attempt counts from 1). */
export function backoffMs(attempt: number, retryAfter: string | undefined, policy: RetryPolicy): number {
  const told = retryAfterMs(retryAfter, policy.now());
  if (told !== undefined) return Math.min(told, policy.maxRetryAfterMs);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * cap);
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a request that got no answer may be sent again: a method the contract makes
 * idempotent, or a POST carrying an `Idempotency-Key` (the platform answers the first answer again).
 */
export function safeToRepeat(method: string, headers: Record<string, string>): boolean {
  if (IDEMPOTENT_METHODS.has(method.toUpperCase())) return true;
  return Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key');
}
