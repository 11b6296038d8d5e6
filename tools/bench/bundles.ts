import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { FunctionName } from '../../lambdas/catalog.js';
import { bundleComposition } from './bundle-composition.js';
import { killOnExit } from '../../lib/local/child-processes.js';
import { median } from './stats.js';
import type { SynthesizedBundle } from './synth-bundles.js';

const run = promisify(execFile);

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** The project's pinned Node 22 (the machine's own `node` may be older). */
export const NODE_22 = join(REPO_ROOT, 'node_modules', '.bin', 'node');

export interface BundleFigure {
  name: FunctionName;
  /** Size of the bundle's entry file as deployed (source map not counted). */
  bytes: number;
  /** Median of `runs` fresh Node processes importing the bundle. */
  coldImportMs: number;
  /** The same of its floor (floor-bundles.ts: its SDK clients, one command each, bundled alike). */
  floorBytes: number;
  floorColdImportMs: number;
  /** coldImportMs ÷ floorColdImportMs. */
  coldImportRatio: number;
}

export interface BundleMeasurement {
  figures: BundleFigure[];
  /** The SDK clients of each floor. */
  floorClients: { name: FunctionName; clients: string[] }[];
  /** The largest parts (package or project folder) of each bundle, from its source map. */
  largest: { name: FunctionName; parts: { owner: string; bytes: number }[] }[];
  synthMs: number;
  importMs: number;
}

// What a function's import may read at load time; the values are never used to call AWS.
const CONVENTION_ENVIRONMENT: Record<string, string> = {
  AWS_REGION: 'cn-northwest-1',
  AWS_ACCESS_KEY_ID: 'AKIABENCHIMPORTONLY0',
  AWS_SECRET_ACCESS_KEY: 'bench-import-only',
  TABLE_NAME: 'bench-table',
  BUCKET_NAME: 'bench-bucket',
  STATE_MACHINE_ARN: 'arn:aws-cn:states:cn-northwest-1:999999999999:stateMachine:bench',
  EVENT_BUS_NAME: 'bench-bus',
  REVIEWER_TOPIC_ARN: 'arn:aws-cn:sns:cn-northwest-1:999999999999:bench-reviewers',
  ALARM_TOPIC_ARN: 'arn:aws-cn:sns:cn-northwest-1:999999999999:bench-alarms',
  REVIEWER_PRINCIPAL_ARNS: 'arn:aws-cn:iam::999999999999:role/IcpReviewer',
};

// Times only the import, as the Lambda runtime's init does it; Node's own start is not counted.
const IMPORT_SCRIPT =
  'const t0 = performance.now(); await import(process.env.BENCH_IMPORT_URL); process.stdout.write(String(performance.now() - t0));';

/** The first line of a child's stderr that names an error (stack traces and CDK's tree skipped). */
function firstErrorLine(stderr: string): string | undefined {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /error/i.test(line) && !line.startsWith('at '));
}

/**
 * Bundles every catalog function exactly as synth does, in a child process (aws-cdk-lib stays
 * out of this one): Node with tsx's loader, one process that dies with the bench.
 */
function synthesizeBundles(outdir: string): Promise<SynthesizedBundle[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      NODE_22,
      ['--import', 'tsx', join(import.meta.dirname, 'synth-bundles.ts'), outdir],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`synth failed: ${firstErrorLine(stderr) ?? error.message.split('\n')[0]}`));
        else resolve(JSON.parse(stdout) as SynthesizedBundle[]);
      },
    );
    killOnExit(child);
  });
}

async function coldImportMs(bundle: SynthesizedBundle, file: string): Promise<number> {
  const { stdout } = await run(NODE_22, ['--input-type=module', '-e', IMPORT_SCRIPT], {
    cwd: REPO_ROOT,
    // Only what a Lambda sandbox would have: the function's own environment, not the bench's.
    env: {
      PATH: process.env.PATH ?? '',
      ...CONVENTION_ENVIRONMENT,
      ...bundle.environment,
      BENCH_IMPORT_URL: pathToFileURL(file).href,
    },
  });
  const ms = Number(stdout);
  if (!Number.isFinite(ms)) throw new Error(`importing ${file} (${bundle.name}) printed ${JSON.stringify(stdout.slice(0, 200))}`);
  return ms;
}

/**
 * Size and cold import time of every Lambda as synth bundles it. The synth runs in a child
 * process from `start()`, so that it can overlap the platform's start-up and preparation (none
 * of which is timed); `measure()` waits for it and then times the imports, one process after
 * the other so that no two compete for a core, each function's import next to its floor's and
 * round after round (the order flipped every round), so that the machine's load moves both alike.
 */
export class BundleBench {
  private readonly synthStart = performance.now();
  private synthMs = Number.NaN;
  private readonly synthesized: Promise<SynthesizedBundle[] | Error>;

  private constructor(private readonly outdir: string) {
    // Kept as a value (never a rejected promise left unawaited): measure() reports the error.
    this.synthesized = synthesizeBundles(outdir).then(
      (bundles) => {
        this.synthMs = performance.now() - this.synthStart;
        return bundles;
      },
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
  }

  static start(): BundleBench {
    return new BundleBench(mkdtempSync(join(tmpdir(), 'recordal-bench-')));
  }

  /** Resolves once the synth has ended, whether it worked or not. */
  async synthEnded(): Promise<void> {
    await this.synthesized;
  }

  async measure(runs: number): Promise<BundleMeasurement> {
    const bundles = await this.synthesized;
    if (bundles instanceof Error) throw bundles;
    const importStart = performance.now();
    const own = bundles.map((): number[] => []);
    const floor = bundles.map((): number[] => []);
    for (let round = 0; round < runs; round += 1) {
      for (const [i, bundle] of bundles.entries()) {
        const pair = [() => coldImportMs(bundle, bundle.file).then((ms) => own[i]!.push(ms)), () => coldImportMs(bundle, bundle.floor.file).then((ms) => floor[i]!.push(ms))];
        for (const time of round % 2 === 0 ? pair : pair.reverse()) await time();
      }
    }
    const importMs = performance.now() - importStart;
    const figures = bundles.map((bundle, i): BundleFigure => {
      const coldImportMs = median(own[i]!);
      const floorColdImportMs = median(floor[i]!);
      return {
        name: bundle.name,
        bytes: statSync(bundle.file).size,
        coldImportMs,
        floorBytes: statSync(bundle.floor.file).size,
        floorColdImportMs,
        coldImportRatio: coldImportMs / floorColdImportMs,
      };
    });
    const largest = bundles
      .filter((bundle) => existsSync(`${bundle.file}.map`))
      .map((bundle) => ({ name: bundle.name, parts: bundleComposition(bundle.file, `${bundle.file}.map`, REPO_ROOT).slice(0, 5) }));
    const floorClients = bundles.map((bundle) => ({ name: bundle.name, clients: bundle.floor.clients }));
    return { figures, floorClients, largest, synthMs: this.synthMs, importMs };
  }

  /** Removes the synthesized bundles (after the synth has ended). */
  async dispose(): Promise<void> {
    await this.synthesized;
    rmSync(this.outdir, { recursive: true, force: true });
  }
}
