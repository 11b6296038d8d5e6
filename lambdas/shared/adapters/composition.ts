/**
 * The one seam through which a composition root chooses adapters (docs/design/architecture.md).
 * A Lambda installs nothing: every port falls back to its AWS adapter, and no local code is
 * reachable from a handler's entry. The local platform installs its adapters once at start
 * (lib/local/platform.ts); tests install theirs here too, and restore with what this returns.
 */
import type { DriftQueueSink } from './drift-queue.js';
import type { NoticeSink } from './notifier.js';
import type { NetworkAdapter } from './network/types.js';
import type { CallbackTimeoutPolicy } from '../workflow/plan.js';

export interface Adapters {
  /** The customer accounts' EC2/ELBv2/STS (default: AWS through the access role). */
  network: NetworkAdapter;
  /** Where notices to reviewers and operators go (default: SNS). */
  notices: NoticeSink;
  /** How long callback states wait (default: the deadline calendar). */
  callbackTimeouts: CallbackTimeoutPolicy;
  /** Where drift check work goes (default: SQS, `DRIFT_QUEUE_URL`). */
  driftQueue: DriftQueueSink;
}

const installed: Partial<Adapters> = {};

/** Install adapters (an `undefined` value restores the default); returns what puts back the previous ones. */
export function installAdapters(adapters: { [K in keyof Adapters]?: Adapters[K] | undefined }): () => void {
  const before = { ...installed };
  for (const [name, adapter] of Object.entries(adapters) as [keyof Adapters, Adapters[keyof Adapters] | undefined][]) {
    if (adapter === undefined) delete installed[name];
    else (installed as Record<string, unknown>)[name] = adapter;
  }
  return () => {
    for (const name of Object.keys(installed) as (keyof Adapters)[]) delete installed[name];
    Object.assign(installed, before);
  };
}

/** The installed adapter, or undefined for the default (each port names its own). */
export const installedAdapter = <K extends keyof Adapters>(name: K): Adapters[K] | undefined => installed[name];
