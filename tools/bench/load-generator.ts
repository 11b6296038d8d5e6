import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { killOnExit } from '../../lib/local/child-processes.js';
import { NODE_22, REPO_ROOT } from './bundles.js';
import type { LoadAnswer, LoadRequest, LoadResult, LoadSpec } from './load.js';

/** The load generator as a separate Node process, driven phase by phase over IPC. */
export class LoadGenerator {
  private nextPhase = 0;
  private readonly waiting = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();

  /** The process id, so that the platform's memory figure can leave it out. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (answer: LoadAnswer) => {
      const pending = this.waiting.get(answer.phase);
      if (pending === undefined) return;
      this.waiting.delete(answer.phase);
      if (answer.result !== undefined) pending.resolve(answer.result);
      else pending.reject(new Error(answer.error ?? 'the load generator gave no result'));
    });
    child.once('exit', (code, signal) => {
      for (const pending of this.waiting.values()) pending.reject(new Error(`the load generator exited (${signal ?? code})`));
      this.waiting.clear();
    });
  }

  static start(): LoadGenerator {
    const child = fork(join(import.meta.dirname, 'load-process.ts'), [], {
      cwd: REPO_ROOT,
      execPath: NODE_22,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    killOnExit(child);
    return new LoadGenerator(child);
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    const phase = this.nextPhase++;
    return new Promise((resolve, reject) => {
      this.waiting.set(phase, { resolve, reject });
      this.child.send({ phase, spec } satisfies LoadRequest);
    });
  }

  /** Ends the process and waits until it is gone. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      this.child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      this.child.disconnect();
    });
  }
}
