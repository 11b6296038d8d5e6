import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { FUNCTIONS, handlerEntry, type FunctionName } from '../../lambdas/catalog.js';
import { CUSTOMER_A, REVIEWER, signingCredentials } from '../../lib/local/credentials.js';
import { CONSOLE_DIST } from '../../lib/local/console-files.js';
import { startLocalPlatform } from '../../lib/local/platform.js';
import { RecordalClient, type FilingDocument } from '../../lib/client/index.js';
import { ensureConsoleBuilt } from '../console/build.js';
import { exampleAccountProfile } from '../demo/fixtures.js';
import { measureBundles } from './bundle-phase.js';
import { BundleBench } from './bundles.js';
import { consoleAssets } from './console-assets.js';
import { driftPhase } from './drift.js';
import { inParallel, prepareFiling } from './lifecycle.js';
import { measureLifecycles } from './lifecycle-phase.js';
import { LoadGenerator } from './load-generator.js';
import { platformPeakMemory } from './memory.js';
import { measureFloor, measureLoad, probeRequests } from './platform-phases.js';
import { poolTransport } from './pool-transport.js';
import { attempt, measured, missing, type BenchFigures } from './report.js';
import type { Session } from './session.js';
import { StoreCallCounting, type AnyHandler } from './store-calls.js';
import { round } from './stats.js';
import { createBodyTemplate } from './workload.js';

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
  /** Cold imports of each bundle and of its floor, interleaved (medians of ≥ 7). */
  bundleRuns: 9,
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
    lambdaInvocationsPerLifecycle: missing(reason),
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
      log('timing cold imports of every function and its floor, as synth bundled them …');
      figures.bundles = await measureBundles(bundleBench, PHASES.bundleRuns, notes);
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
