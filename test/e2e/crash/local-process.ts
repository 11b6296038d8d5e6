import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENTS_FILE, type LocalEvent } from '../../../lib/local/event-bus.js';
import { freePort } from '../../../lib/local/ports.js';

/**
 * `npm start` (tsx bin/local.ts) as a subprocess in its own process group on a kept data folder,
 * killed with SIGKILL as a whole group (the platform, DynamoDB Local's JVM and all) and started
 * again on the same folder: the crash points of docs/durability.md.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX_CLI = fileURLToPath(import.meta.resolve('tsx/cli'));

export class LocalProcess {
  private child: ChildProcess | undefined;
  private output = '';
  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async create(dataDir: string): Promise<LocalProcess> {
    return new LocalProcess(dataDir, await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 150_000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [TSX_CLI, 'bin/local.ts'], {
      cwd: ROOT,
      env: { ...process.env, RECORDAL_PORT: String(this.port), RECORDAL_DATA_DIR: this.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(`listening on ${this.url}`)) {
      if (child.exitCode !== null) throw new Error(`npm start exited: ${this.output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not listen within ${timeoutMs} ms: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** kill -9 of the whole process group, at once. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(-(child.pid as number), 'SIGKILL');
    await exited;
    this.child = undefined;
  }

  /** What the platform printed since it last started (resume outcomes among it). */
  log(): string {
    return this.output;
  }

  /** The events published to the local bus so far, across restarts. */
  events(): LocalEvent[] {
    try {
      return readFileSync(join(this.dataDir, EVENTS_FILE), 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as LocalEvent);
    } catch {
      return [];
    }
  }
}
