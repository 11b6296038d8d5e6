import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { installAdapters } from '../../lambdas/shared/adapters/composition.js';
import { MANAGED_SECURITY_GROUP_TAG, networkAdapter, type NetworkAdapter } from '../../lambdas/shared/adapters/network/index.js';
import { APPROVED_SHARDS, createFiling, listApprovedFilings, listDrift, transitionFiling } from '../../lambdas/shared/store/index.js';
import type { RecordalClient } from '../../lib/client/index.js';
import type { AccountResourcesFile } from '../../lib/local/network-adapter.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { exampleFiling } from '../demo/fixtures.js';
import { inParallel } from './lifecycle.js';
import { attempt, measured, missing, type BenchFigures, type Figure } from './report.js';
import type { StoreCallCounting } from './store-calls.js';
import { describeCalls } from './store-calls.js';
import { round } from './stats.js';

/**
 * The drift check's figures (docs/benchmarks.md): `filings` approved filings seeded straight
 * through the store (not through lifecycles), `filingsPerAccount` to an account of their own
 * in the account resources file, one account in a hundred with a released Elastic IP; then
 * `POST /v1/review/drift-checks` timed until the local drift queue is drained.
 */
export interface DriftFigures {
  filingsPerSecond: number;
  storeCallsPerFiling: number;
  /** What the AWS adapter sends per look into an account (DescribeAddresses, DescribeSecurityGroups), per filing. */
  ec2CallsPerFiling: number;
}

export interface DriftBenchOptions {
  filings: number;
  filingsPerAccount: number;
  concurrency: number;
}

export const DEFAULT_DRIFT_BENCH: DriftBenchOptions = { filings: 1000, filingsPerAccount: 5, concurrency: 16 };

const accountIdOf = (i: number) => `4${String(i).padStart(11, '0')}`;
const ipOf = (i: number) => `52.84.${Math.floor(i / 250)}.${(i % 250) + 1}`;
const groupOf = (i: number) => `sg-${(0x4000000 + i).toString(16).padStart(8, '0')}`;
const roleOf = (accountId: string) => `arn:aws-cn:iam::${accountId}:role/IcpRecordalAccess`;

/** Writes the bench's accounts into the platform's account resources file; every 100th has its IP released. */
function addAccounts(file: string, accounts: number): number {
  const data = JSON.parse(readFileSync(file, 'utf8')) as AccountResourcesFile;
  let released = 0;
  for (let i = 0; i < accounts; i += 1) {
    const accountId = accountIdOf(i);
    const drifts = i % 100 === 99;
    if (drifts) released += 1;
    data.accounts[accountId] = { accessRoleArns: [roleOf(accountId)], elasticIps: drifts ? [] : [ipOf(i)], loadBalancers: [], securityGroups: { [groupOf(i)]: { tags: { [MANAGED_SECURITY_GROUP_TAG.key]: MANAGED_SECURITY_GROUP_TAG.value }, ingress: [] } } };
  }
  writeFileSync(file, JSON.stringify(data, null, 2));
  return released;
}

async function seed(options: DriftBenchOptions): Promise<void> {
  const base = exampleFiling();
  await inParallel(options.filings, options.concurrency, async (n) => {
    const i = Math.floor(n / options.filingsPerAccount);
    const accountId = accountIdOf(i);
    const access = { awsAccountId: accountId, ips: [ipOf(i)], accessRoleArn: roleOf(accountId), securityGroupIds: [groupOf(i)] };
    const draft = await createFiling({ accountId, type: 'NEW', document: { ...(base as Record<string, unknown>), access } });
    await transitionFiling({ filingId: draft.filingId, from: ['DRAFT'], to: 'APPROVED', actor: 'bench' }, { current: draft });
  });
}

async function countApproved(): Promise<number> {
  let count = 0;
  for (let shard = 0; shard < APPROVED_SHARDS; shard += 1) {
    let cursor: string | undefined;
    do {
      const page = await listApprovedFilings(shard, { limit: 100, ...(cursor !== undefined && { cursor }) });
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return count;
}

/** Counts looks into accounts (each is one DescribeAddresses and one DescribeSecurityGroups on AWS). */
function countingNetwork(inner: NetworkAdapter): NetworkAdapter & { looks: number } {
  const counted = {
    looks: 0,
    describeAccount: (...args: Parameters<NetworkAdapter['describeAccount']>) => {
      counted.looks += 1;
      return inner.describeAccount(...args);
    },
    openPorts: inner.openPorts.bind(inner),
    closePorts: inner.closePorts.bind(inner),
  };
  return counted;
}

export async function measureDrift(
  session: { platform: LocalPlatform; reviewer: RecordalClient; counting: StoreCallCounting; notes: string[]; log: (line: string) => void },
  options: DriftBenchOptions = DEFAULT_DRIFT_BENCH,
): Promise<Figure<DriftFigures>> {
  const { platform, reviewer, counting, notes, log } = session;
  const accounts = Math.ceil(options.filings / options.filingsPerAccount);
  log(`drift check: seeding ${options.filings} approved filings in ${accounts} accounts through the store …`);
  const seedStart = performance.now();
  const released = addAccounts(platform.accountResourcesFile, accounts);
  await seed(options);
  const approved = await countApproved();
  notes.push(`drift check: ${options.filings} approved filings seeded in ${round((performance.now() - seedStart) / 1000)} s (not timed); ${approved} approved in all (the lifecycles' too)`);

  const network = countingNetwork(networkAdapter());
  const restore = installAdapters({ network });
  try {
    log(`drift check over ${approved} approved filings …`);
    counting.total.reset();
    const start = performance.now();
    await reviewer.startDriftCheck();
    await platform.driftQueue.drained();
    const elapsedMs = performance.now() - start;
    const calls = counting.total.total;
    const drifted = (await listDrift({ limit: 100 })).items.length;
    const expected = released * options.filingsPerAccount;
    notes.push(
      `drift check: ${approved} filings in ${round(elapsedMs / 1000)} s, ${network.looks} looks into accounts, ` +
        `store calls ${describeCalls(counting.total.byCommand)} in all; ${drifted} filings drifted (${expected} expected from ${released} released IPs); ` +
        `on AWS each look is DescribeAddresses + DescribeSecurityGroups (EC2), DescribeLoadBalancers (ELBv2, one per page of 400) and at most one AssumeRole per account per 10 minutes`,
    );
    if (drifted < expected) return missing(`drift check found ${drifted} drifted filings, expected ${expected}`);
    return measured({ filingsPerSecond: approved / (elapsedMs / 1000), storeCallsPerFiling: calls / approved, ec2CallsPerFiling: (2 * network.looks) / approved });
  } finally {
    restore();
  }
}

/** The bench's drift phase: measures and sets the three drift figures (missing, with the reason, on failure). */
export async function driftPhase(
  session: Parameters<typeof measureDrift>[0] & { figures: BenchFigures },
  filings: number,
): Promise<void> {
  const drift = await attempt(async () => {
    const result = await measureDrift(session, { ...DEFAULT_DRIFT_BENCH, filings });
    if ('missing' in result) throw new Error(result.missing);
    return result.value;
  });
  const { figures } = session;
  figures.driftFilingsPerSecond = 'value' in drift ? measured(drift.value.filingsPerSecond) : missing(drift.missing);
  figures.driftStoreCallsPerFiling = 'value' in drift ? measured(drift.value.storeCallsPerFiling) : missing(drift.missing);
  figures.driftEc2CallsPerFiling = 'value' in drift ? measured(drift.value.ec2CallsPerFiling) : missing(drift.missing);
}
