import type { ConsoleAssetsRow } from './console-assets.js';
import type { BundleFigure } from './bundles.js';
import { round } from './stats.js';

/** A measured value, or why it could not be measured in this run (never a made-up number). */
export type Figure<T> = { value: T } | { missing: string };

export const measured = <T>(value: T): Figure<T> => ({ value });
export const missing = <T>(reason: string): Figure<T> => ({ missing: reason });
export const valueOf = <T>(figure: Figure<T>): T | undefined => ('value' in figure ? figure.value : undefined);

/** Runs a measurement; a failure becomes the figure's reason instead of ending the bench. */
export async function attempt<T>(what: () => Promise<T>): Promise<Figure<T>> {
  try {
    return measured(await what());
  } catch (error) {
    return missing(error instanceof Error ? error.message.split('\n')[0]!.slice(0, 240) : String(error));
  }
}

export interface StoreCallsPerRequest {
  getFiling: number;
  createFiling: number;
  submit: number;
}

/** One function's bundle figures (bundles.ts measures them). */
export type BundleRow = BundleFigure;

/** Every figure of the bench, under its key. */
export interface BenchFigures {
  rawGetItemP50Ms: Figure<number>;
  rawPutItemP50Ms: Figure<number>;
  apiGetP50Ms: Figure<number>;
  apiGetP99Ms: Figure<number>;
  apiGetRps: Figure<number>;
  apiCreateP50Ms: Figure<number>;
  apiCreateRps: Figure<number>;
  apiOverheadRatio: Figure<number>;
  tailRatio: Figure<number>;
  lifecyclesPerSecond: Figure<number>;
  storeCallsPerLifecycle: Figure<number>;
  /** Lambda invocations (API routes and workflow steps) per lifecycle, counted like the store calls. */
  lambdaInvocationsPerLifecycle: Figure<number>;
  lifecycleEfficiency: Figure<number>;
  transitionsPerLifecycle: Figure<number>;
  storeCallsPerRequest: Figure<StoreCallsPerRequest>;
  bundles: Figure<BundleRow[]>;
  peakRssMb: Figure<number>;
  /** The drift check over the approved filings (tools/bench/drift.ts). */
  driftFilingsPerSecond: Figure<number>;
  driftStoreCallsPerFiling: Figure<number>;
  driftEc2CallsPerFiling: Figure<number>;
  /** The web console's first-page JS and CSS per console (./console-assets.ts). */
  consoleAssets: Figure<ConsoleAssetsRow[]>;
}

export const FIGURE_KEYS: readonly (keyof BenchFigures)[] = [
  'rawGetItemP50Ms',
  'rawPutItemP50Ms',
  'apiGetP50Ms',
  'apiGetP99Ms',
  'apiGetRps',
  'apiCreateP50Ms',
  'apiCreateRps',
  'apiOverheadRatio',
  'tailRatio',
  'lifecyclesPerSecond',
  'storeCallsPerLifecycle',
  'lambdaInvocationsPerLifecycle',
  'lifecycleEfficiency',
  'transitionsPerLifecycle',
  'storeCallsPerRequest',
  'bundles',
  'peakRssMb',
  'driftFilingsPerSecond',
  'driftStoreCallsPerFiling',
  'driftEc2CallsPerFiling',
  'consoleAssets',
];

/** The bench's goals, as numbers a figure is held against. */
export const GOALS = {
  apiOverheadRatio: { atMost: 1.5 },
  tailRatio: { atMost: 4 },
  lifecycleEfficiency: { atLeast: 0.5 },
  transitionsPerLifecycle: { atMost: 12 },
  storeCallsPerRequest: { getFiling: 1, createFiling: 2, submit: 3 },
  storeCallsPerLifecycle: { atMost: 24 },
  /** Each function against its floor (floor-bundles.ts): bytes and cold import. */
  bundleBytesRatio: { atMost: 1.25 },
  coldImportRatio: { atMost: 1.25 },
} as const;

/** What the figures were measured with, and what the table prints beside them. */
export interface BenchContext {
  /** Extra lines under the table: how each phase went (counts, errors, reasons). */
  notes: string[];
}

// ------------------------------------------------------------------ JSON

type JsonValue = number | null | StoreCallsPerRequest | BundleRow[] | ConsoleAssetsRow[];

function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  return value;
}

/** One object with exactly the keys; a figure that could not be measured is null. */
export function toJson(figures: BenchFigures): Record<keyof BenchFigures, JsonValue> {
  const out = {} as Record<keyof BenchFigures, JsonValue>;
  for (const key of FIGURE_KEYS) {
    const figure = figures[key] as Figure<JsonValue>;
    out[key] = 'value' in figure ? (roundDeep(figure.value) as JsonValue) : null;
  }
  return out;
}

// ------------------------------------------------------------------ table

const fmt = (value: number, unit = ''): string => `${round(value)}${unit}`;
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

interface Row {
  key: string;
  value: string;
  goal: string;
  status: string;
}

function numberRow(key: keyof BenchFigures, figure: Figure<number>, unit: string, goal = '', check?: (v: number) => boolean): Row {
  if ('missing' in figure) return { key, value: `n/a (${figure.missing})`, goal, status: '' };
  return { key, value: fmt(figure.value, unit), goal, status: check ? verdict(check(figure.value)) : '' };
}

export function toTable(figures: BenchFigures, context: BenchContext): string {
  const g = GOALS;
  const rows: Row[] = [
    numberRow('rawGetItemP50Ms', figures.rawGetItemP50Ms, ' ms', '(the floor)'),
    numberRow('rawPutItemP50Ms', figures.rawPutItemP50Ms, ' ms', '(the floor)'),
    numberRow('apiGetP50Ms', figures.apiGetP50Ms, ' ms'),
    numberRow('apiGetP99Ms', figures.apiGetP99Ms, ' ms'),
    numberRow('apiGetRps', figures.apiGetRps, ' /s'),
    numberRow('apiCreateP50Ms', figures.apiCreateP50Ms, ' ms'),
    numberRow('apiCreateRps', figures.apiCreateRps, ' /s'),
    numberRow('apiOverheadRatio', figures.apiOverheadRatio, '', `≤ ${g.apiOverheadRatio.atMost}`, (v) => v <= g.apiOverheadRatio.atMost),
    numberRow('tailRatio', figures.tailRatio, '', `≤ ${g.tailRatio.atMost}`, (v) => v <= g.tailRatio.atMost),
    numberRow('lifecyclesPerSecond', figures.lifecyclesPerSecond, ' /s'),
    numberRow('storeCallsPerLifecycle', figures.storeCallsPerLifecycle, '', `≤ ${g.storeCallsPerLifecycle.atMost}`, (v) => v <= g.storeCallsPerLifecycle.atMost),
    numberRow('lambdaInvocationsPerLifecycle', figures.lambdaInvocationsPerLifecycle, ''),
    numberRow('lifecycleEfficiency', figures.lifecycleEfficiency, '', `≥ ${g.lifecycleEfficiency.atLeast}`, (v) => v >= g.lifecycleEfficiency.atLeast),
    numberRow('transitionsPerLifecycle', figures.transitionsPerLifecycle, '', `≤ ${g.transitionsPerLifecycle.atMost}`, (v) => v <= g.transitionsPerLifecycle.atMost),
  ];
  const perRequest = figures.storeCallsPerRequest;
  const requestGoals = g.storeCallsPerRequest;
  const goalText = `${requestGoals.getFiling}, ≤ ${requestGoals.createFiling}, ≤ ${requestGoals.submit}`;
  if ('missing' in perRequest) rows.push({ key: 'storeCallsPerRequest', value: `n/a (${perRequest.missing})`, goal: goalText, status: '' });
  else {
    const v = perRequest.value;
    const ok = v.getFiling === requestGoals.getFiling && v.createFiling <= requestGoals.createFiling && v.submit <= requestGoals.submit;
    rows.push({ key: 'storeCallsPerRequest', value: `getFiling ${v.getFiling}, createFiling ${v.createFiling}, submit ${v.submit}`, goal: goalText, status: verdict(ok) });
  }
  const bundleGoal = `bytes ≤ ${g.bundleBytesRatio.atMost}×, ms ≤ ${g.coldImportRatio.atMost}× floor`;
  if ('missing' in figures.bundles) rows.push({ key: 'bundles', value: `n/a (${figures.bundles.missing})`, goal: bundleGoal, status: '' });
  else {
    for (const b of figures.bundles.value) {
      const bytesRatio = b.bytes / b.floorBytes;
      const ok = bytesRatio <= g.bundleBytesRatio.atMost && b.coldImportRatio <= g.coldImportRatio.atMost;
      rows.push({
        key: `bundles.${b.name}`,
        value:
          `${fmt(b.bytes / 1024, ' KB')} (floor ${fmt(b.floorBytes / 1024, ' KB')}, ×${fmt(bytesRatio)}), ` +
          `${fmt(b.coldImportMs, ' ms')} (floor ${fmt(b.floorColdImportMs, ' ms')}, ×${fmt(b.coldImportRatio)})`,
        goal: bundleGoal,
        status: verdict(ok),
      });
    }
  }
  rows.push(numberRow('peakRssMb', figures.peakRssMb, ' MB'));
  rows.push(numberRow('driftFilingsPerSecond', figures.driftFilingsPerSecond, ' /s'));
  rows.push(numberRow('driftStoreCallsPerFiling', figures.driftStoreCallsPerFiling, ''));
  rows.push(numberRow('driftEc2CallsPerFiling', figures.driftEc2CallsPerFiling, ''));
  if ('missing' in figures.consoleAssets) rows.push({ key: 'consoleAssets', value: `n/a (${figures.consoleAssets.missing})`, goal: '', status: '' });
  else {
    for (const row of figures.consoleAssets.value) {
      rows.push({
        key: `consoleAssets.${row.console}`,
        value: `JS ${fmt(row.jsBytes / 1024, ' KB')} (gzip ${fmt(row.jsGzipBytes / 1024, ' KB')}, ${row.jsFiles} files), CSS ${fmt(row.cssBytes / 1024, ' KB')} (gzip ${fmt(row.cssGzipBytes / 1024, ' KB')})`,
        goal: '(first page)',
        status: '',
      });
    }
  }

  const widths = {
    key: Math.max(6, ...rows.map((r) => r.key.length)),
    value: Math.max(5, ...rows.map((r) => r.value.length)),
    goal: Math.max(4, ...rows.map((r) => r.goal.length)),
  };
  const line = (r: Row): string => `| ${r.key.padEnd(widths.key)} | ${r.value.padEnd(widths.value)} | ${r.goal.padEnd(widths.goal)} | ${r.status.padEnd(6)} |`;
  const out = [
    line({ key: 'figure', value: 'value', goal: 'goal', status: '' }),
    `|${'-'.repeat(widths.key + 2)}|${'-'.repeat(widths.value + 2)}|${'-'.repeat(widths.goal + 2)}|--------|`,
    ...rows.map(line),
  ];
  if (context.notes.length > 0) out.push('', ...context.notes.map((note) => `- ${note}`));
  return out.join('\n');
}
