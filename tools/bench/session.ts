import type { Phases } from './run.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import type { RecordalClient } from '../../lib/client/index.js';
import type { LoadGenerator } from './load-generator.js';
import { dynamoDbLocalCpuMs } from './memory.js';
import type { BenchFigures } from './report.js';
import type { StoreCallCounting } from './store-calls.js';

/** What every phase of a bench run shares. */
export interface Session {
  platform: LocalPlatform;
  customer: RecordalClient;
  reviewer: RecordalClient;
  counting: StoreCallCounting;
  loadGenerator: LoadGenerator;
  figures: BenchFigures;
  notes: string[];
  log: (line: string) => void;
  PHASES: Phases;
  /** Resolves when nothing else of the bench uses the cores (the synth has ended). */
  quiet: () => Promise<void>;
}

export const LIFECYCLE_KEYS = ['lifecyclesPerSecond', 'storeCallsPerLifecycle', 'lambdaInvocationsPerLifecycle', 'lifecycleEfficiency', 'transitionsPerLifecycle'] as const;

/** CPU time (user + system) this process spends in `work`: the platform's, since it runs here. */
export async function withCpu<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: number; storeCpuMs: number }> {
  const before = process.cpuUsage();
  const storeBefore = dynamoDbLocalCpuMs() ?? Number.NaN;
  const result = await work();
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000, storeCpuMs: (dynamoDbLocalCpuMs() ?? Number.NaN) - storeBefore };
}
