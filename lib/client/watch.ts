/**
 * Following a filing through its lifecycle (docs/design/lifecycle.md) from its audit trail, so
 * that no status is missed however briefly the filing stayed in it. `watchFiling` stops where
 * the filing rests: a final status, or one that waits for someone (a customer callback, a
 * reviewer's decision, a RETURNED or DRAFT filing the customer must change).
 */
import { CALLBACK_STAGES, FINAL_STATUSES, type FilingStatus } from '../../lambdas/shared/domain/lifecycle.js';
import type { AuditEvent, Filing, RecordalClient } from './recordal-client.js';
import { sleep as defaultSleep } from './retry.js';

/** Statuses in which the workflow waits for a callback (a customer report or a reviewer decision). */
export const CALLBACK_STATUSES: readonly FilingStatus[] = Object.values(CALLBACK_STAGES);
/** Statuses nothing leaves without someone acting. */
export const WAITING_STATUSES: readonly FilingStatus[] = [...CALLBACK_STATUSES, 'RETURNED', 'DRAFT'];

export interface StatusChange {
  from: FilingStatus | null;
  to: FilingStatus;
  at: string;
  actor: string;
  event: AuditEvent;
}

/** Reads the audit trail again on each `poll` and reports the status changes not seen yet, in order. */
export class StatusFollower {
  private seen = 0;
  readonly changes: StatusChange[] = [];
  /** Events after the latest status change (a report, an update): someone acted in the current status. */
  eventsSinceChange = 0;

  constructor(
    private readonly client: RecordalClient,
    private readonly filingId: string,
    private readonly onChange: (change: StatusChange) => void | Promise<void> = () => undefined,
  ) {}

  get statuses(): FilingStatus[] {
    return this.changes.map((change) => change.to);
  }

  /** The status of the latest change seen, if any. */
  get current(): FilingStatus | undefined {
    return this.changes.at(-1)?.to;
  }

  async poll(): Promise<StatusChange[]> {
    const events = await this.client.events(this.filingId);
    const fresh: StatusChange[] = [];
    for (const event of events.slice(this.seen)) {
      if (event.to !== null && event.to !== event.from) {
        fresh.push({ from: event.from, to: event.to, at: event.at, actor: event.actor, event });
        this.eventsSinceChange = 0;
      } else {
        this.eventsSinceChange += 1;
      }
    }
    this.seen = events.length;
    for (const change of fresh) {
      this.changes.push(change);
      await this.onChange(change);
    }
    return fresh;
  }
}

export interface WatchOptions {
  /** Stop at one of these; default: where the filing rests ({@link restsAt}). */
  until?: readonly FilingStatus[];
  /** Between two reads (default 1 s). */
  intervalMs?: number;
  /** Give up after this long (default 10 min). */
  timeoutMs?: number;
  onChange?: (change: StatusChange) => void | Promise<void>;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface WatchOutcome {
  filing: Filing;
  /** Every status change of the filing's history, the ones before the watch began included. */
  changes: StatusChange[];
  /** The filing did not come to rest within the timeout. */
  timedOut: boolean;
}

/**
 * Where a watch stops by default: a final status, or a waiting one; but a callback status in
 * which someone already acted (the audit trail has an event after the filing entered it, such
 * as the customer's verification report) is about to be left, and the watch waits for what
 * follows (so `recordal verification ID && recordal watch ID` shows the next stage).
 */
export function restsAt(status: FilingStatus, actedUpon: boolean): boolean {
  if (FINAL_STATUSES.includes(status)) return true;
  if (!WAITING_STATUSES.includes(status)) return false;
  return !(actedUpon && CALLBACK_STATUSES.includes(status));
}

export async function watchFiling(client: RecordalClient, filingId: string, options: WatchOptions = {}): Promise<WatchOutcome> {
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  const start = await client.getFiling(filingId);
  const follower = new StatusFollower(client, filingId, options.onChange);
  for (;;) {
    await follower.poll();
    const current = follower.current ?? start.status;
    const stops = options.until === undefined ? restsAt(current, follower.eventsSinceChange > 0) : options.until.includes(current);
    if (stops) return { filing: await client.getFiling(filingId), changes: follower.changes, timedOut: false };
    if (Date.now() >= deadline) return { filing: await client.getFiling(filingId), changes: follower.changes, timedOut: true };
    await sleep(Math.min(options.intervalMs ?? 1_000, Math.max(0, deadline - Date.now())), options.signal);
  }
}
