import exampleFiling from '../../fixtures/filing-new.json' with { type: 'json' };
import { installAdapters } from '../../../lambdas/shared/adapters/composition.js';
import type { AccountResourceFacts, NetworkAdapter } from '../../../lambdas/shared/adapters/network/index.js';
import { checkApprovedPage, type DriftCheckOptions } from '../../../lambdas/shared/application/drift-check.js';
import {
  APPROVED_SHARDS,
  createFiling,
  getFiling,
  listApprovedFilings,
  listDrift,
  listEvents,
  recordDrift,
  transitionFiling,
  type FilingRecord,
} from '../../../lambdas/shared/store/index.js';
import { approvedShardOf } from '../../../lambdas/shared/store/keys.js';
import { callsOf, captureEvents, useStoreTable } from './support.js';

useStoreTable('store-drift');
const captured = captureEvents();
/** The drift events published so far: they come from the table's stream, once it has caught up. */
const driftEvents = async () => {
  await captured.caughtUp();
  return captured.published.filter((e) => e.detailType.startsWith('Filing Drift'));
};
const notices: string[] = [];
let restoreAdapters: () => void;
beforeAll(() => {
  restoreAdapters = installAdapters({ notices: async (_audience, _subject, message) => void notices.push(message) });
});
afterAll(() => restoreAdapters());

// Each test uses an account of a shard no other test uses, so a page holds only its filings.
const usedShards = new Set<number>();
function nextAccount(): string {
  for (let n = 0; ; n += 1) {
    const accountId = `3000000000${String(n).padStart(2, '0')}`;
    if (!usedShards.has(approvedShardOf(accountId))) {
      usedShards.add(approvedShardOf(accountId));
      return accountId;
    }
  }
}

async function approvedFiling(accountId: string, ips = ['52.83.10.10']): Promise<FilingRecord> {
  const document = { ...exampleFiling, access: { ...exampleFiling.access, awsAccountId: accountId, ips, accessRoleArn: `arn:aws-cn:iam::${accountId}:role/IcpRecordalAccess` } };
  const draft = await createFiling({ accountId, type: 'NEW', document });
  return transitionFiling({ filingId: draft.filingId, from: ['DRAFT'], to: 'APPROVED', actor: 'test' }, { current: draft });
}

const allThere: AccountResourceFacts = { roleAssumable: true, elasticIps: ['52.83.10.10', '52.83.10.11'], loadBalancers: [], securityGroups: [{ id: 'sg-0a1b2c3d4e5f60001', managed: true }] };

/** A network adapter answering `answers` in turn (the last one for ever); counts the looks. */
function fakeNetwork(...answers: (AccountResourceFacts | Error)[]): NetworkAdapter & { looks: number } {
  const adapter = {
    looks: 0,
    async describeAccount() {
      const answer = answers[Math.min(adapter.looks, answers.length - 1)]!;
      adapter.looks += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    openPorts: async () => undefined,
    closePorts: async () => undefined,
  };
  return adapter;
}

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
const fast = (network: NetworkAdapter): DriftCheckOptions => ({ network, backoff: { attempts: 3, baseMs: 0, maxMs: 0 } });

async function checkShardOf(accountId: string, options: DriftCheckOptions) {
  return checkApprovedPage(approvedShardOf(accountId), undefined, options);
}

describe('the approved filings work list', () => {
  it('holds a filing while it is APPROVED, account by account; leaving APPROVED removes it with its drift', async () => {
    const accountId = nextAccount();
    const filing = await approvedFiling(accountId);
    const shard = approvedShardOf(accountId);
    expect(shard).toBeLessThan(APPROVED_SHARDS);
    const listed = await listApprovedFilings(shard, { limit: 100 });
    expect(listed.items.filter((f) => f.accountId === accountId).map((f) => f.filingId)).toEqual([filing.filingId]);

    expect(await recordDrift(filing, { checkedAt: new Date().toISOString(), problems: [] })).toBe('DETECTED');
    expect((await listDrift({ limit: 100 })).items.map((d) => d.filingId)).toContain(filing.filingId);

    const current = (await getFiling(filing.filingId))!;
    const cancelled = await transitionFiling({ filingId: filing.filingId, from: ['APPROVED'], to: 'CANCELLED', actor: 'test' }, { current });
    expect(cancelled.drift).toBeUndefined();
    expect((await getFiling(filing.filingId))!.drift).toBeUndefined();
    expect((await listApprovedFilings(shard, { limit: 100 })).items.map((f) => f.filingId)).not.toContain(filing.filingId);
    expect((await listDrift({ limit: 100 })).items.map((d) => d.filingId)).not.toContain(filing.filingId);
  });

  it('lets only one of two checks that read the same filing report its drift', async () => {
    const filing = await approvedFiling(nextAccount());
    const drift = { checkedAt: new Date().toISOString(), problems: [] };
    expect(await Promise.all([recordDrift(filing, drift), recordDrift(filing, drift)])).toEqual(expect.arrayContaining(['DETECTED', 'STALE']));
  });
});

describe('checkApprovedPage', () => {
  beforeEach(() => {
    notices.length = 0;
  });

  it('looks into an account once for all its filings on the page: 1 Query, nothing written while all holds', async () => {
    const accountId = nextAccount();
    await Promise.all([approvedFiling(accountId), approvedFiling(accountId), approvedFiling(accountId)]);
    const network = fakeNetwork(allThere);
    const { result, byCommand } = await callsOf(() => checkShardOf(accountId, fast(network)));
    expect(network.looks).toBe(1);
    expect(result.tally).toMatchObject({ detected: 0, cleared: 0, incomplete: 0 });
    expect(byCommand).toEqual({ QueryCommand: 1 });
    expect((await driftEvents())).toEqual([]);
  });

  it('records a released IP as drift once (event, notice, audit event), and clears it when it is back', async () => {
    const accountId = nextAccount();
    const filing = await approvedFiling(accountId);
    const released = { ...allThere, elasticIps: ['52.83.10.11'] };
    expect((await checkShardOf(accountId, fast(fakeNetwork(released)))).tally).toMatchObject({ detected: 1 });
    const drifted = (await getFiling(filing.filingId))!;
    expect(drifted.drift?.problems.map((p) => [p.code, p.path])).toEqual([['IP_NOT_OWNED', 'access.ips.0']]);
    expect((await checkShardOf(accountId, fast(fakeNetwork(released)))).tally).toMatchObject({ detected: 0, stillDrifting: 1 });
    expect((await driftEvents()).map((e) => e.detailType)).toEqual(['Filing Drift Detected']);
    expect(notices).toHaveLength(1);

    expect((await checkShardOf(accountId, fast(fakeNetwork(allThere)))).tally).toMatchObject({ cleared: 1 });
    expect((await getFiling(filing.filingId))!.drift).toBeUndefined();
    expect((await driftEvents()).map((e) => e.detailType)).toEqual(['Filing Drift Detected', 'Filing Drift Cleared']);
    expect((await listEvents(filing.filingId)).map((e) => e.type)).toEqual(expect.arrayContaining(['DRIFT_DETECTED', 'DRIFT_CLEARED']));
  });

  it('retries throttling with backoff and reports drift found after it', async () => {
    const accountId = nextAccount();
    await approvedFiling(accountId);
    const network = fakeNetwork(throttled(), throttled(), { ...allThere, securityGroups: [] });
    expect((await checkShardOf(accountId, fast(network))).tally).toMatchObject({ detected: 1 });
    expect(network.looks).toBe(3);
    expect((await driftEvents())[0]).toMatchObject({ detail: { problems: [expect.objectContaining({ code: 'SECURITY_GROUP_INVALID' })] } });
  });

  const refused: AccountResourceFacts = { roleAssumable: false, elasticIps: [], loadBalancers: [], securityGroups: [] };
  it.each<[string, AccountResourceFacts | Error, string]>([
    ['throttling that does not stop', throttled(), 'access'],
    ['a role that cannot be assumed', refused, 'access.accessRoleArn'],
  ])('never reports %s as drift: DRIFT_CHECK_INCOMPLETE in the audit trail, the last result kept', async (_what, answer, path) => {
    const accountId = nextAccount();
    const filing = await approvedFiling(accountId);
    await checkShardOf(accountId, fast(fakeNetwork({ ...allThere, elasticIps: [] })));
    const before = (await getFiling(filing.filingId))!.drift;
    expect(before?.problems.map((p) => p.code)).toEqual(['IP_NOT_OWNED']);
    await driftEvents();
    captured.published.length = 0;

    const network = fakeNetwork(answer);
    expect((await checkShardOf(accountId, fast(network))).tally).toMatchObject({ incomplete: 1, detected: 0, cleared: 0 });
    expect(network.looks).toBe(3);
    expect((await getFiling(filing.filingId))!.drift).toEqual(before);
    expect((await driftEvents())).toEqual([]);
    const incomplete = (await listEvents(filing.filingId)).filter((e) => e.type === 'DRIFT_CHECK_INCOMPLETE');
    expect(incomplete.map((e) => e.reasons.map((r) => [r.code, r.path]))).toEqual([[['DRIFT_CHECK_INCOMPLETE', path]]]);
  });
});
