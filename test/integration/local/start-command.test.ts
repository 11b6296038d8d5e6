import { jest } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../lib/local/ports.js';
import { isLoopback, listeningAddresses } from '../../support/listeners.js';

jest.setTimeout(180_000);

/** `npm start` is `tsx bin/local.ts`: run it the same way, on Node 22 (this process's). */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX_CLI = fileURLToPath(import.meta.resolve('tsx/cli'));
const NODE_DIR = dirname(process.execPath);

function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  // Own process group, as a terminal's job is, so a signal reaches it and nothing else.
  const child = spawn(process.execPath, [TSX_CLI, 'bin/local.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start (bin/local.ts)', () => {
  it('prints the listening line once the health route answers, and stops every child on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = start(['--in-memory'], { RECORDAL_PORT: String(port) });
    try {
      await waitFor(() => output().includes(`listening on http://127.0.0.1:${port}`) || child.exitCode !== null, 150_000);
      expect(output()).toContain(`listening on http://127.0.0.1:${port}`);
      expect(output()).toContain('AKIALOCALCUSTOMERA01');
      const health = await fetch(`http://127.0.0.1:${port}/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      // It prints where DynamoDB Local, s3rver and the Step Functions endpoint listen, and each
      // of them (and the API) listens on 127.0.0.1 only.
      const endpoint = (label: string): number => {
        const match = new RegExp(`^  ${label}\\s+http://127\\.0\\.0\\.1:(\\d+)`, 'm').exec(output());
        expect({ label, printed: match !== null }).toEqual({ label, printed: true });
        return Number(match?.[1]);
      };
      const ports = [port, endpoint('DynamoDB Local'), endpoint('S3 \\(s3rver\\)'), endpoint('Step Functions')];
      for (const listening of ports) {
        const addresses = listeningAddresses(listening);
        expect({ port: listening, bound: addresses.length > 0, loopbackOnly: addresses.every(isLoopback) }).toEqual({ port: listening, bound: true, loopbackOnly: true });
      }
      expect(output()).toContain('aws stepfunctions list-executions --endpoint-url http://127.0.0.1:');

      // DynamoDB Local runs in the command's process group; find it before stopping.
      const javaPids = execFileSync('ps', ['-eo', 'pid=,pgid=,args='])
        .toString()
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter(([, pgid, ...args]) => Number(pgid) === child.pid && args.join(' ').includes('DynamoDBLocal.jar'))
        .map(([pid]) => Number(pid));
      expect(javaPids).toHaveLength(1);

      // To the command only (not its group): stopping DynamoDB Local is the platform's job.
      process.kill(child.pid as number, 'SIGTERM');
      expect(await exitOf(child)).toBe(0);
      await waitFor(() => javaPids.every((pid) => !processAlive(pid)), 10_000);
    } finally {
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    }
  });

  it('exits non-zero with one line saying what to do when the port is in use', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const { child, output } = start(['--in-memory'], { RECORDAL_PORT: String(port) });
      expect(await exitOf(child)).toBe(1);
      expect(output().trim()).toBe(`port ${port} on 127.0.0.1 is already in use: stop what uses it, or choose another with RECORDAL_PORT=<port>`);
    } finally {
      blocker.close();
    }
  });

  it('exits non-zero with one line saying what to do when java is missing', async () => {
    const port = await freePort();
    // Only Node on the PATH: no java.
    const { child, output } = start(['--in-memory'], { RECORDAL_PORT: String(port), PATH: NODE_DIR });
    expect(await exitOf(child)).toBe(1);
    expect(output().trim()).toBe('java was not found: install Java 17 (Debian: apt-get install -y openjdk-17-jre-headless) and try again');
  });
});
