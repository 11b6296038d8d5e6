/** The bench's bundle phase: every function's bundle and its floor, sizes and cold imports. */
import type { BundleBench } from './bundles.js';
import { attempt, measured, missing, type BundleRow, type Figure } from './report.js';
import { round } from './stats.js';

export async function measureBundles(bundleBench: BundleBench, runs: number, notes: string[]): Promise<Figure<BundleRow[]>> {
  const bundles = await attempt(() => bundleBench.measure(runs));
  if ('missing' in bundles) return missing(bundles.missing);
  const b = bundles.value;
  notes.push(
    `bundles: synth ${round(b.synthMs / 1000)} s (functions and floors, overlapping the platform's start), ` +
      `${b.figures.length * 2 * runs} cold imports in ${round(b.importMs / 1000)} s (each function beside its floor, ${runs} rounds)`,
  );
  for (const { name, clients } of b.floorClients) notes.push(`floor of ${name}: ${clients.join(', ')}`);
  for (const { name, parts } of b.largest) {
    notes.push(`bundle ${name}, largest parts: ${parts.map((p) => `${p.owner} ${round(p.bytes / 1024)} KB`).join(', ')}`);
  }
  return measured(b.figures);
}
