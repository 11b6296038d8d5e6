/**
 * The fuzz run shared by the e2e test and `npm run fuzz`: prepare the data the cases aim at,
 * send the cases in batches with many requests in flight, judge every answer, and check
 * that the store is the same after each batch (every case of a batch is one the platform
 * must refuse).
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { RecordalClient, SignedHttpClient, TransportError, signingCredentials } from '../../lib/client/index.js';
import { nodeHttpTransport, type NodeTransport } from '../../lib/client/node/index.js';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER, type LocalIdentity } from '../../lib/local/credentials.js';
import { exampleAccountProfile, newFilingDocument } from '../demo/fixtures.js';
import { prepareFiling, waitForStatus, waitForTask } from '../demo/steps.js';
import { fuzzCase, type FuzzCase, type FuzzTargets, type Signer } from './cases.js';
import { judge, type FuzzAnswer } from './judge.js';
import { snapshotStore, type StoreLocation, type StoreSnapshot } from './snapshot.js';

export { FUZZED_ROUTES, type FuzzCase, type FuzzTargets } from './cases.js';
export { snapshotStore, scanItems, type StoreSnapshot, type StoreLocation } from './snapshot.js';

export interface FuzzPlatform extends StoreLocation {
  url: string;
}

export interface FuzzOptions {
  cases: number;
  /** Requests in flight at once. Default 24. */
  concurrency?: number;
  /** Cases between two store snapshots. Default 250. */
  batchSize?: number;
  /** fast-check seed: the same seed replays the same cases. Default: random. */
  seed?: number;
  /** Progress, one line per batch. */
  log?: (line: string) => void;
}

export interface FuzzFinding {
  case: FuzzCase;
  status?: number;
  problems: string[];
  /** The start of the answer, for the report. */
  answer?: string;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  /** Answers by status code. */
  statuses: Record<number, number>;
  worstLatencyMs: number;
  worstCase?: string;
  findings: FuzzFinding[];
  /** Batches after which the store differed from before (each a finding too). */
  changedBatches: { batch: number; before: StoreSnapshot; after: StoreSnapshot }[];
  batches: number;
  durationMs: number;
}

/**
 * Customer A registered, with an incomplete draft and a filing waiting in the preliminary
 * review (its task open); customer B with a draft of its own.
 */
export async function prepareTargets(url: string): Promise<FuzzTargets> {
  const clientOf = (identity: LocalIdentity) => new RecordalClient({ endpoint: url, credentials: signingCredentials(identity) });
  const [customerA, customerB, reviewer] = [clientOf(CUSTOMER_A), clientOf(CUSTOMER_B), clientOf(REVIEWER)];
  await customerA.putAccount(exampleAccountProfile());
  const draft = await customerA.createFiling({ type: 'NEW', app: { name: `待完善 ${Date.now()}` } });
  const other = await customerB.createFiling({ type: 'NEW', app: { name: `另一租户 ${Date.now()}` } });
  const inReview = await prepareFiling(customerA, newFilingDocument());
  await customerA.submit(inReview.filingId);
  await waitForStatus(customerA, inReview.filingId, 'AWAITING_VERIFICATION');
  await customerA.reportVerification(inReview.filingId);
  await waitForStatus(customerA, inReview.filingId, 'PRELIMINARY_REVIEW');
  const task = await waitForTask(reviewer, 'PRELIMINARY_REVIEW', inReview.filingId);
  return { draftId: draft.filingId, reviewFilingId: inReview.filingId, taskId: task.taskId, otherTenantFilingId: other.filingId };
}

/**
 * Sends the cases through the client library: one client per signer of the cases (`none`
 * unsigned, `wrongSecret` customer A's key with another secret), none retrying, all on one raw
 * node:http transport, so that each target goes on the wire exactly as generated (dot segments,
 * odd escapes, repeated parameters) while the signature covers what the server will read.
 */
export class FuzzSender {
  private readonly transport: NodeTransport;
  private readonly clients: Record<Signer, SignedHttpClient>;

  constructor(baseUrl: string, concurrency: number) {
    this.transport = nodeHttpTransport({ maxSockets: concurrency });
    const client = (identity?: LocalIdentity) =>
      new SignedHttpClient({ endpoint: baseUrl, transport: this.transport, retry: false, ...(identity === undefined ? {} : { credentials: signingCredentials(identity) }) });
    this.clients = {
      customerA: client(CUSTOMER_A),
      customerB: client(CUSTOMER_B),
      reviewer: client(REVIEWER),
      wrongSecret: client({ ...CUSTOMER_A, secretAccessKey: 'not-the-secret-of-customer-a' }),
      none: client(),
    };
  }

  /** The answer, however it reads; a TransportError when none came. */
  async send(fuzz: FuzzCase): Promise<FuzzAnswer> {
    const started = performance.now();
    const answer = await this.clients[fuzz.signer].send({ method: fuzz.method, path: fuzz.target, headers: fuzz.headers, ...(fuzz.body === undefined ? {} : { body: fuzz.body }) });
    return { status: answer.status, headers: answer.headers, text: answer.text, latencyMs: performance.now() - started };
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * Oversized requests may be cut off by the server before the answer is read (as API Gateway
 * does). A HEAD over Node's 16 KiB header limit gets the 400 with a body, which an HTTP client
 * cannot read after a HEAD: that too is a refusal, not a finding.
 */
const mayBeCutOff = (fuzz: FuzzCase): boolean =>
  (fuzz.body?.length ?? 0) > 256 * 1024 || fuzz.target.length > 16_000 || Object.values(fuzz.headers).some((value) => value.length > 16_000);

async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export async function runFuzz(platform: FuzzPlatform, targets: FuzzTargets, options: FuzzOptions): Promise<FuzzReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const concurrency = options.concurrency ?? 24;
  const batchSize = options.batchSize ?? 250;
  const started = performance.now();
  const cases = fc.sample(fuzzCase(targets), { numRuns: options.cases, seed });
  const sender = new FuzzSender(platform.url, concurrency);
  const report: FuzzReport = { seed, cases: 0, statuses: {}, worstLatencyMs: 0, findings: [], changedBatches: [], batches: 0, durationMs: 0 };
  try {
    let before = await snapshotStore(platform);
    for (let offset = 0; offset < cases.length; offset += batchSize) {
      const batch = cases.slice(offset, offset + batchSize);
      await inPool(batch, concurrency, async (fuzz) => {
        try {
          const answer = await sender.send(fuzz);
          report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
          if (answer.latencyMs > report.worstLatencyMs) {
            report.worstLatencyMs = answer.latencyMs;
            report.worstCase = fuzz.label;
          }
          const problems = judge(fuzz, answer);
          if (problems.length > 0) report.findings.push({ case: fuzz, status: answer.status, problems, answer: answer.text.slice(0, 400) });
        } catch (error) {
          if (error instanceof TransportError && mayBeCutOff(fuzz)) {
            report.statuses[0] = (report.statuses[0] ?? 0) + 1;
          } else {
            report.findings.push({ case: fuzz, problems: [`no answer: ${error instanceof Error ? error.message : String(error)}`] });
          }
        }
        report.cases += 1;
      });
      const after = await snapshotStore(platform);
      report.batches += 1;
      if (after.hash !== before.hash) report.changedBatches.push({ batch: report.batches, before, after });
      options.log?.(`batch ${report.batches}: ${report.cases} cases, ${report.findings.length} findings, store ${after.hash === before.hash ? 'unchanged' : 'CHANGED'} (${after.items} items, ${after.objects} objects)`);
      before = after;
    }
  } finally {
    sender.close();
  }
  report.durationMs = performance.now() - started;
  return report;
}

/** One line per finding, with what is needed to replay it. */
export function describeFindings(report: FuzzReport, limit = 20): string {
  const lines = report.findings.slice(0, limit).map((finding) => {
    const body = finding.case.body === undefined ? '' : ` body=${JSON.stringify(finding.case.body.subarray(0, 200).toString('utf8'))}`;
    return `- ${finding.case.method} ${finding.case.target.slice(0, 200)} [${finding.case.label}] → ${finding.status ?? 'no answer'}: ${finding.problems.join('; ')}${body} answer=${finding.answer ?? ''}`;
  });
  for (const changed of report.changedBatches) lines.push(`- batch ${changed.batch} changed the store: ${changed.before.items}→${changed.after.items} items, ${changed.before.objects}→${changed.after.objects} objects`);
  return lines.join('\n');
}
