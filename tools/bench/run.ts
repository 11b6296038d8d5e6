import { existsSync } from 'node:fs';
import type { Session } from './session.js';
import { measureLifecycles } from './lifecycle-phase.js';
import { withCpu } from './session.js';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { FUNCTIONS, handlerEntry, type FunctionName } from '../../lambdas/catalog.js';
import { CUSTOMER_A, REVIEWER, signingCredentials } from '../../lib/local/credentials.js';
import { startLocalPlatform } from '../../lib/local/platform.js';
import { BundleBench } from './bundles.js';
import { consoleAssets } from './console-assets.js';
import { ensureConsoleBuilt } from '../console/build.js';
import { CONSOLE_DIST } from '../../lib/local/console-files.js';
import { inParallel, prepareFiling } from './lifecycle.js';
import type { LoadResult, LoadSpec } from './load.js';
import { LoadGenerator } from './load-generator.js';
import { platformPeakMemory } from './memory.js';
import { GOALS, attempt, measured, missing, valueOf, type BenchFigures, type Figure, type StoreCallsPerRequest } from './report.js';
import { StoreCallCounting, PROBE_HEADER, describeCalls, sumCalls, type AnyHandler } from './store-calls.js';
import { measureStoreFloor } from './store-floor.js';
import { round } from './stats.js';
import { exampleAccountProfile } from '../demo/fixtures.js';
import { poolTransport } from './pool-transport.js';
import { RecordalClient, type FilingDocument } from '../../lib/client/index.js';
import { createBodyTemplate } from './workload.js';
import { driftPhase } from './drift.js';

/** How long and how wide each phase is (the goals: ≥ 10 s at 32; ≥ 100 lifecycles, 16 at a time). */
export const DEFAULT_PHASES = {
  floorMs: 3_000,
  floorConcurrency: 16,
  warmupMs: 1_000,
  apiLoadMs: 10_000,
  apiConcurrency: 32,
  lifecycles: 100,
  lifecycleConcurrency: 16,
  lifecycleTimeoutMs: 60_000,
  bundleRuns: 5,
  driftFilings: 1000,
};
export type Phases = typeof DEFAULT_PHASES;

export interface BenchOptions {
  log: (line: string) => void;
  /** Shorter or longer phases (development runs); the defaults are the goals'. */
  phases?: Partial<Phases>;
  /** Leave the bundle figures out (development runs of the platform part). */
  skipBundles?: boolean;
}

export interface BenchRun {
  figures: BenchFigures;
  notes: string[];
}

function allMissing(reason: string): BenchFigures {
  return {
    rawGetItemP50Ms: missing(reason),
    rawPutItemP50Ms: missing(reason),
    apiGetP50Ms: missing(reason),
    apiGetP99Ms: missing(reason),
    apiGetRps: missing(reason),
    apiCreateP50Ms: missing(reason),
    apiCreateRps: missing(reason),
    apiOverheadRatio: missing(reason),
    tailRatio: missing(reason),
    lifecyclesPerSecond: missing(reason),
    storeCallsPerLifecycle: missing(reason),
    lifecycleEfficiency: missing(reason),
    transitionsPerLifecycle: missing(reason),
    storeCallsPerRequest: missing(reason),
    bundles: missing(reason),
    peakRssMb: missing(reason),
    driftFilingsPerSecond: missing(reason),
    driftStoreCallsPerFiling: missing(reason),
    driftEc2CallsPerFiling: missing(reason),
    consoleAssets: missing(reason),
  };
}

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

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const { log } = options;
  const PHASES = { ...DEFAULT_PHASES, ...options.phases };
  const notes: string[] = [];
  const figures = allMissing('not measured');

  // The synth (a child process) overlaps the platform's start and the untimed preparation;
  // the imports are timed after the platform has stopped.
  const bundleBench = options.skipBundles ? undefined : BundleBench.start();
  try {
    await measureRunningPlatform(options, PHASES, figures, notes, () => bundleBench?.synthEnded() ?? Promise.resolve());
    if (bundleBench === undefined) figures.bundles = missing('skipped');
    else {
      log('timing cold imports of every function as synth bundled it …');
      const bundles = await attempt(() => bundleBench.measure(PHASES.bundleRuns, GOALS.bundleBytes.atMost));
      if ('value' in bundles) {
        const b = bundles.value;
        figures.bundles = measured(b.figures);
        notes.push(`bundles: synth ${round(b.synthMs / 1000)} s (overlapping the platform's start), ${b.figures.length * PHASES.bundleRuns} cold imports ${round(b.importMs / 1000)} s`);
        for (const { name, parts } of b.largest) {
          notes.push(`bundle ${name}, largest parts: ${parts.map((p) => `${p.owner} ${round(p.bytes / 1024)} KB`).join(', ')}`);
        }
        const placeholders = b.figures.filter((f) => f.bytes < 1024).map((f) => f.name);
        if (placeholders.length > 0) notes.push(`bundles under 1 KB are still placeholder handlers: ${placeholders.join(', ')}`);
      } else figures.bundles = missing(bundles.missing);
    }
  } finally {
    await bundleBench?.dispose();
  }
  log('measuring the web console\'s first-page assets …');
  figures.consoleAssets = await attempt(async () => {
    ensureConsoleBuilt(log);
    return consoleAssets(CONSOLE_DIST);
  });
  return { figures, notes };
}

/** Starts the platform, measures every figure but the bundles, and stops it. */
async function measureRunningPlatform(
  options: BenchOptions,
  PHASES: Phases,
  figures: BenchFigures,
  notes: string[],
  quiet: () => Promise<void>,
): Promise<void> {
  const { log } = options;
  // Counting is attached before the platform builds its clients; every handler is wrapped
  // (loaded on first use, after the platform has set their environment) to charge its calls.
  const counting = new StoreCallCounting();
  const handlers: Partial<Record<FunctionName, AnyHandler>> = {};
  const loaders: (() => Promise<AnyHandler>)[] = [];
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    if (!existsSync(handlerEntry(name))) continue;
    let loaded: Promise<AnyHandler> | undefined;
    const load = (): Promise<AnyHandler> =>
      (loaded ??= import(handlerEntry(name)).then((module: { handler?: unknown }) => {
        if (typeof module.handler !== 'function') throw new Error(`${name} exports no handler`);
        return module.handler as AnyHandler;
      }));
    loaders.push(load);
    handlers[name] = counting.wrap(name, load);
  }

  log('starting the local platform in memory on a free port …');
  const started = await attempt(() => startLocalPlatform({ port: 0, inMemory: true, handlers, log: (line) => notes.push(`platform: ${line}`) }));
  if ('missing' in started) {
    Object.assign(figures, allMissing(`the platform did not start: ${started.missing}`));
    return;
  }
  const platform = started.value;
  // Every function loaded now, as the platform does with its own: no phase pays for an import.
  const loadedAll = await attempt(() => Promise.all(loaders.map((load) => load())));
  if ('missing' in loadedAll) notes.push(`a function could not be loaded: ${loadedAll.missing}`);
  const pool = new Pool(platform.url, { connections: 64, keepAliveTimeout: 60_000 });
  // The client library on the pool; no retries, so that a throttled call shows in the figures.
  const transport = poolTransport(pool, platform.url);
  const customer = new RecordalClient({ endpoint: platform.url, credentials: signingCredentials(CUSTOMER_A), transport, retry: false });
  const reviewer = new RecordalClient({ endpoint: platform.url, credentials: signingCredentials(REVIEWER), transport, retry: false });
  const loadGenerator = LoadGenerator.start();
  try {
    await measurePlatform({ platform, customer, reviewer, counting, loadGenerator, figures, notes, log, PHASES, quiet });
    const memory = platformPeakMemory(loadGenerator.pid === undefined ? [] : [loadGenerator.pid]);
    figures.peakRssMb = measured(memory.totalMb);
    notes.push(`peak RSS: ${memory.parts.map((p) => `${p.name} ${round(p.mb)} MB`).join(' + ')}`);
  } finally {
    await loadGenerator.stop();
    await pool.close();
    await platform.stop();
  }
}



async function measurePlatform(session: Session): Promise<void> {
  const { customer, figures, notes, log, PHASES } = session;
  log('registering customer A and creating the filings to read …');
  const setup = await attempt(async () => {
    await customer.putAccount(exampleAccountProfile());
    const template = createBodyTemplate('@N@');
    const ids: string[] = [];
    for (let i = 0; i < PHASES.apiConcurrency; i += 1) {
      const created = await customer.createFiling(JSON.parse(template.replace('@N@', `R${i}`)) as FilingDocument);
      ids.push(created.filingId);
    }
    return ids;
  });
  if ('missing' in setup) {
    Object.assign(figures, allMissing(`the API cannot create filings yet: ${setup.missing}`));
    return;
  }
  const filingIds = setup.value;
  // Prepared now (untimed, while the synth may still run): drafts with every attachment uploaded.
  log(`preparing ${PHASES.lifecycles + 1} filings for the lifecycles (create, requirements, uploads) …`);
  const prepareStart = performance.now();
  const prepared = await attempt(() => inParallel(PHASES.lifecycles + 1, PHASES.lifecycleConcurrency, (i) => prepareFiling(customer, i)));
  if ('value' in prepared) notes.push(`lifecycles: ${prepared.value.length} filings prepared in ${round((performance.now() - prepareStart) / 1000)} s (not timed)`);
  log('waiting for the synth to end before timing anything …');
  await session.quiet();
  const storeOpsPerSecond = await measureFloor(session, filingIds);
  const perRequest = await probeRequests(session, filingIds);
  // Lifecycles before the load phases: their thousands of drafts would make the account's
  // listings, and so every submit, heavier.
  await measureLifecycles(session, prepared, perRequest, storeOpsPerSecond);
  await measureLoad(session, filingIds);
  await driftPhase(session, PHASES.driftFilings);
}

/** The store floor, and the API GET at 1 paired with it; resolves with the raw ops/s (or undefined). */
async function measureFloor(session: Session, filingIds: string[]): Promise<number | undefined> {
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
async function probeRequests(session: Session, filingIds: string[]): Promise<Figure<Omit<StoreCallsPerRequest, 'submit'>>> {
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
async function measureLoad(session: Session, filingIds: string[]): Promise<void> {
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
