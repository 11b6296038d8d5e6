const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * `setTimeout` for any delay: Node fires a longer timeout after 1 ms, and callback deadlines
 * (20 working days) exceed 24.8 days. Returns the function that cancels it.
 */
export function setLongTimeout(callback: () => void, delayMs: number): () => void {
  let timer: NodeJS.Timeout;
  const arm = (remainingMs: number): void => {
    timer = setTimeout(
      () => (remainingMs > MAX_TIMEOUT_MS ? arm(remainingMs - MAX_TIMEOUT_MS) : callback()),
      Math.min(Math.max(remainingMs, 0), MAX_TIMEOUT_MS),
    );
    timer.unref();
  };
  arm(delayMs);
  return () => clearTimeout(timer);
}

/** `Promise.withResolvers` (ES2024; the project's TypeScript lib is ES2023). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
