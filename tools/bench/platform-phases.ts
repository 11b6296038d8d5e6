/** The bench's phases on the running platform: the store floor, store calls per request, the load. */
import { performance } from 'node:perf_hooks';
import { CUSTOMER_A, signingCredentials } from '../../lib/local/credentials.js';
import type { LoadResult, LoadSpec } from './load.js';
import { attempt, measured, missing, valueOf, type Figure, type StoreCallsPerRequest } from './report.js';
import { PROBE_HEADER, describeCalls, sumCalls } from './store-calls.js';
import { measureStoreFloor } from './store-floor.js';
import { round } from './stats.js';
import { createBodyTemplate } from './workload.js';
import { withCpu, type Session } from './session.js';

const ratio = (a: Figure<number>, b: Figure<number>, why: string): Figure<number> => {
  const x = valueOf(a);
  const y = valueOf(b);
  if (x === undefined || y === undefined) return missing(why);
  return measured(x / y);
};


type PhaseResult = LoadResult & { platformCpuMsPerRequest: number; storeCpuMsPerRequest: number };

/** A load phase's result, or why it does not count (any unexpected answer makes it invalid). */
function loadFigure(result: Figure<PhaseResult>, what: string, notes: string[]): Figure<LoadResult> {
  if ('missing' in result) return result;
  const r = result.value;
  const unexpected = Object.entries(r.unexpected);
  notes.push(
    `${what}: ${r.latency.count} answers in ${r.measuredMs / 1000} s, p50 ${round(r.latency.p50Ms)} ms, p90 ${round(r.latency.p90Ms)} ms, ` +
      `p99 ${round(r.latency.p99Ms)} ms, max ${round(r.latency.maxMs)} ms; CPU per request: platform ${round(r.platformCpuMsPerRequest)} ms, DynamoDB Local ${round(r.storeCpuMsPerRequest)} ms; ` +
      `client signing ${round(r.signMeanMs)} ms/request` +
      (unexpected.length > 0 ? `; UNEXPECTED ${unexpected.map(([s, n]) => `${s}×${n}`).join(', ')}: ${r.firstUnexpected ?? ''}` : ''),
  );
  if (r.latency.count === 0) return missing(`${what}: no expected answer (${r.firstUnexpected ?? 'nothing answered'})`);
  if (unexpected.length > 0) return missing(`${what}: ${unexpected.map(([s, n]) => `${n}× ${s}`).join(', ')}`);
  return result;
}

/** The store floor, and the API GET at 1 paired with it; resolves with the raw ops/s (or undefined). */
export async function measureFloor(session: Session, filingIds: string[]): Promise<number | undefined> {
  const { customer, figures, notes, log, PHASES } = session;
  log('measuring the store floor (GetItem paired with the API GET, PutItem, ops/s) …');
  const apiGet = async (): Promise<number> => {
    // Signed before the clock starts: the exchange alone is timed.
    const signed = await customer.http.prepare({ method: 'GET', path: `/v1/filings/${filingIds[0]}` });
    const start = performance.now();
    const answer = await customer.http.transport(signed);
    const took = performance.now() - start;
    if (answer.status !== 200) throw new Error(`GET /v1/filings/{id} answered ${answer.status}: ${new TextDecoder().decode(answer.body).slice(0, 200)}`);
    return took;
  };
  const floor = await attempt(() => measureStoreFloor(filingIds[0]!, apiGet, { durationMs: PHASES.floorMs, concurrency: PHASES.floorConcurrency }));
  if ('missing' in floor) {
    figures.rawGetItemP50Ms = missing(floor.missing);
    figures.rawPutItemP50Ms = missing(floor.missing);
    figures.apiOverheadRatio = missing(floor.missing);
    return undefined;
  }
  const f = floor.value;
  figures.rawGetItemP50Ms = measured(f.getItem.p50Ms);
  figures.rawPutItemP50Ms = measured(f.putItem.p50Ms);
  figures.apiOverheadRatio = measured(f.apiGet.p50Ms / f.getItem.p50Ms);
  notes.push(
    `store floor: GetItem p50 ${round(f.getItem.p50Ms)} ms / p99 ${round(f.getItem.p99Ms)} ms (${f.getItem.count}), ` +
      `PutItem p50 ${round(f.putItem.p50Ms)} ms / p99 ${round(f.putItem.p99Ms)} ms (${f.putItem.count}); ` +
      `raw ops/s at ${f.opsConcurrency} concurrent (half each): ${round(f.opsPerSecond)}, ${round(f.opsCpuMsPerOp)} ms of this process's CPU per op`,
  );
  notes.push(`GET at 1, each paired with a GetItem: p50 ${round(f.apiGet.p50Ms)} ms, p99 ${round(f.apiGet.p99Ms)} ms (${f.apiGet.count})`);
  return f.opsPerSecond;
}

/** Store calls of one GET and one create (submit is probed with the first lifecycle). */
export async function probeRequests(session: Session, filingIds: string[]): Promise<Figure<Omit<StoreCallsPerRequest, 'submit'>>> {
  const { customer, counting, notes, log } = session;
  log('counting store calls per request …');
  return attempt(async () => {
    const probe = async (id: string, call: (headers: Record<string, string>) => Promise<unknown>): Promise<number> => {
      await call({ [PROBE_HEADER]: id });
      const calls = counting.ofProbe(id);
      notes.push(`store calls of ${id}: ${sumCalls(calls)} (${describeCalls(calls) || 'none'})`);
      return sumCalls(calls);
    };
    const getFiling = await probe('getFiling', (headers) => customer.http.call({ method: 'GET', path: `/v1/filings/${filingIds[1]}`, headers }, 200));
    const createFiling = await probe('createFiling', (headers) =>
      customer.http.call({ method: 'POST', path: '/v1/filings', headers, json: JSON.parse(createBodyTemplate('P1')) }, 201),
    );
    await probe('createFiling with Idempotency-Key', (headers) =>
      customer.http.call({ method: 'POST', path: '/v1/filings', headers: { ...headers, 'idempotency-key': 'bench-probe-1' }, json: JSON.parse(createBodyTemplate('P2')) }, 201),
    );
    return { getFiling, createFiling };
  });
}

/** GET and create at 32 concurrent, from the load generator's own process. */
export async function measureLoad(session: Session, filingIds: string[]): Promise<void> {
  const { platform, loadGenerator, figures, notes, log, PHASES } = session;
  const spec = (partial: Pick<LoadSpec, 'concurrency' | 'durationMs' | 'plan' | 'expectStatus'>): LoadSpec => ({
    origin: platform.url,
    credentials: signingCredentials(CUSTOMER_A),
    warmupMs: PHASES.warmupMs,
    ...partial,
  });
  const c = PHASES.apiConcurrency;
  const loadWithCpu = async (loadSpec: LoadSpec): Promise<PhaseResult> => {
    const { result, cpuMs, storeCpuMs } = await withCpu(() => loadGenerator.run(loadSpec));
    return { ...result, platformCpuMsPerRequest: cpuMs / Math.max(1, result.sent), storeCpuMsPerRequest: storeCpuMs / Math.max(1, result.sent) };
  };
  log(`GET /v1/filings/{id}: ${c} at a time for ${PHASES.apiLoadMs / 1000} s …`);
  const getPlan = { kind: 'cycle' as const, method: 'GET', paths: filingIds.map((id) => `/v1/filings/${id}`) };
  const getLoad = loadFigure(
    await attempt(() => loadWithCpu(spec({ concurrency: c, durationMs: PHASES.apiLoadMs, plan: getPlan, expectStatus: 200 }))),
    `GET at ${c}`,
    notes,
  );
  log(`POST /v1/filings: ${c} at a time for ${PHASES.apiLoadMs / 1000} s …`);
  const createPlan = { kind: 'numbered' as const, method: 'POST', path: '/v1/filings', bodyTemplate: createBodyTemplate('@N@'), token: '@N@', firstNumber: 100_000 };
  const createLoad = loadFigure(
    await attempt(() => loadWithCpu(spec({ concurrency: c, durationMs: PHASES.apiLoadMs, plan: createPlan, expectStatus: 201 }))),
    `POST at ${c}`,
    notes,
  );
  const of = (r: Figure<LoadResult>, pick: (v: LoadResult) => number): Figure<number> => ('value' in r ? measured(pick(r.value)) : missing(r.missing));
  figures.apiGetP50Ms = of(getLoad, (v) => v.latency.p50Ms);
  figures.apiGetP99Ms = of(getLoad, (v) => v.latency.p99Ms);
  figures.apiGetRps = of(getLoad, (v) => v.rps);
  figures.apiCreateP50Ms = of(createLoad, (v) => v.latency.p50Ms);
  figures.apiCreateRps = of(createLoad, (v) => v.rps);
  figures.tailRatio = ratio(figures.apiGetP99Ms, figures.apiGetP50Ms, `needs the GET at ${c}`);
}
