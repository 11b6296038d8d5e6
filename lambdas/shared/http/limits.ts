/** Limits of the HTTP interface (docs/design/api.md), one place for the gateway, the handlers and the messages. */

/** The largest request body accepted (413 above it), as API Gateway's own payload limit would refuse. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Far deeper than any request of the API (a filing nests 4 levels), shallow enough for every recursive walk. */
export const MAX_NESTING_DEPTH = 32;

/** An Idempotency-Key is 1 to this many visible ASCII characters. */
export const IDEMPOTENCY_KEY_MAX = 255;

/** Page sizes of every list route (`limit`). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
