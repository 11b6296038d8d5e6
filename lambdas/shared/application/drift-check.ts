import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { networkAdapter, type AccountAccess, type AccountResourceFacts, type NetworkAdapter } from '../adapters/network/index.js';
import { notifyReviewersOfDrift } from '../adapters/notifier.js';
import { incompleteCheck, judgeDrift, type DriftVerdict, type FilingDocument } from '../domain/index.js';
import { appendEvent, clearDrift, DRIFT_ACTOR, listApprovedFilings, recordDrift, type FilingRecord } from '../store/index.js';
import { accessRoleOf, securityGroupsOf } from '../workflow/effects.js';
import { isTransientAwsError } from '../workflow/errors.js';

/**
 * The drift check over one page of approved filings (docs/design/api.md "Drift check"): the
 * page's filings are grouped by account and role, each account is looked into once through
 * the same network adapter as the workflow, and each filing's verdict is recorded. Throttling
 * and refused roles are retried with backoff and, if they persist, recorded as
 * DRIFT_CHECK_INCOMPLETE in the filing's audit trail: never as drift.
 */

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'drift-check' });

export interface Backoff {
  /** Tries in all (the first included). */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/** Full-jitter exponential backoff; the SDK's own retries (3) come first inside each try. */
export const DEFAULT_BACKOFF: Backoff = { attempts: 4, baseMs: 500, maxMs: 8000 };

export interface DriftCheckOptions {
  network?: NetworkAdapter;
  backoff?: Backoff;
  /** Filings per page (one Query). */
  pageSize?: number;
  /** Accounts looked into at once. */
  concurrency?: number;
  now?: () => Date;
}

export interface PageTally {
  checked: number;
  detected: number;
  stillDrifting: number;
  cleared: number;
  incomplete: number;
  /** Changed by the lifecycle while being checked: left for the next check. */
  stale: number;
}

export const emptyTally = (): PageTally => ({ checked: 0, detected: 0, stillDrifting: 0, cleared: 0, incomplete: 0, stale: 0 });

export const DRIFT_PAGE_SIZE = 100;

type Looked = { facts: AccountResourceFacts } | { failed: 'ACCESS_ROLE' | 'UNAVAILABLE' };

/** One look into an account, retried while AWS throttles or fails transiently, or the role is refused. */
async function lookInto(network: NetworkAdapter, access: AccountAccess, securityGroupIds: string[], backoff: Backoff): Promise<Looked> {
  let last: Looked = { failed: 'UNAVAILABLE' };
  for (let attempt = 0; attempt < backoff.attempts; attempt += 1) {
    if (attempt > 0) await sleep(Math.random() * Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt));
    try {
      const facts = await network.describeAccount(access, securityGroupIds);
      if (facts.roleAssumable) return { facts };
      last = { failed: 'ACCESS_ROLE' };
    } catch (error) {
      if (!isTransientAwsError(error)) throw error;
      last = { failed: 'UNAVAILABLE' };
    }
  }
  return last;
}

async function notifyLogged(filingId: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    logger.error('the reviewers notice was not sent', { filingId, error });
  }
}

/**
 * Records one filing's verdict; the reviewers' notice only when drift appears. The events
 * (`Filing Drift Detected`, `Filing Drift Cleared`) follow from the recorded write through the
 * table's stream (store/stream-events.ts), so a check that dies after its write loses none.
 */
async function apply(filing: FilingRecord, verdict: DriftVerdict, checkedAt: string, tally: PageTally): Promise<void> {
  tally.checked += 1;
  if (verdict.kind === 'INCOMPLETE') {
    tally.incomplete += 1;
    await appendEvent(filing.filingId, { at: checkedAt, type: 'DRIFT_CHECK_INCOMPLETE', actor: DRIFT_ACTOR, reasons: [verdict.problem] });
    return;
  }
  if (verdict.kind === 'CLEAN') {
    if (filing.drift === undefined) return;
    if ((await clearDrift(filing, checkedAt)) === 'STALE') tally.stale += 1;
    else tally.cleared += 1;
    return;
  }
  const written = await recordDrift(filing, { checkedAt, problems: verdict.problems });
  if (written === 'STALE') tally.stale += 1;
  else if (written === 'UPDATED') tally.stillDrifting += 1;
  else {
    tally.detected += 1;
    await notifyLogged(filing.filingId, () =>
      notifyReviewersOfDrift({ filingId: filing.filingId, accountId: filing.accountId, checkedAt, codes: [...new Set(verdict.problems.map((p) => p.code))] }),
    );
  }
}

/** The filings of a page by account and role: one look into each. */
async function byAccess(filings: FilingRecord[]): Promise<{ access: AccountAccess; filings: FilingRecord[] }[]> {
  const groups = new Map<string, { access: AccountAccess; filings: FilingRecord[] }>();
  for (const filing of filings) {
    const access = { accountId: filing.accountId, accessRoleArn: await accessRoleOf(filing) };
    const key = `${access.accountId}|${access.accessRoleArn}`;
    const group = groups.get(key) ?? { access, filings: [] };
    group.filings.push(filing);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Checks one page of a shard's approved filings; `nextCursor` when the shard has more. */
export async function checkApprovedPage(shard: number, cursor: string | undefined, options: DriftCheckOptions = {}): Promise<{ tally: PageTally; nextCursor?: string }> {
  const network = options.network ?? networkAdapter();
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const page = await listApprovedFilings(shard, { limit: options.pageSize ?? DRIFT_PAGE_SIZE, ...(cursor !== undefined && { cursor }) });
  const tally = emptyTally();
  const groups = await byAccess(page.items);
  const work = async (group: (typeof groups)[number]): Promise<void> => {
    const securityGroupIds = [...new Set(group.filings.flatMap(securityGroupsOf))];
    const looked = await lookInto(network, group.access, securityGroupIds, backoff);
    const checkedAt = (options.now?.() ?? new Date()).toISOString();
    for (const filing of group.filings) {
      const verdict: DriftVerdict =
        'facts' in looked ? judgeDrift(filing.document as FilingDocument, looked.facts) : { kind: 'INCOMPLETE', problem: incompleteCheck(looked.failed) };
      await apply(filing, verdict, checkedAt, tally);
    }
  };
  // A few accounts at a time: each look is a handful of calls into that customer's account.
  const queue = [...groups];
  const workers = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) await work(group);
  });
  await Promise.all(workers);
  return { tally, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) };
}
