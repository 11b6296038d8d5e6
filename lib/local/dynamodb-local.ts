import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killOnExit } from './child-processes.js';
import { LOOPBACK_MAIN_CLASS, loopbackClassDir } from './dynamodb-loopback/launcher.js';
import { LOOPBACK, freePort } from './ports.js';

/** DynamoDB Local as shipped inside amplify-dynamodb-simulator (AWS's own emulator, a JVM). */
export const DYNAMODB_LOCAL_DIR = join(dirname(fileURLToPath(import.meta.resolve('amplify-dynamodb-simulator/package.json'))), 'emulator');

/**
 * JVM flags for a fast start of a short-lived emulator: C1 only (no C2 warm-up), serial GC,
 * class-data sharing, a small heap. DynamoDB Local answers in about a second with these.
 */
const FAST_START_JVM_FLAGS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto', '-Xms64m', '-Xmx512m', '-Xss512k'];

/** Where DynamoDB Local keeps its files inside a platform data folder. */
export function dynamoDbPath(dataDir: string): string {
  return join(dataDir, 'dynamodb');
}

export class JavaMissingError extends Error {
  constructor() {
    super('java was not found: install Java 17 (Debian: apt-get install -y openjdk-17-jre-headless) and try again');
    this.name = 'JavaMissingError';
  }
}

export interface DynamoDbLocalOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Folder for the database files; in memory when omitted. */
  dbPath?: string;
  /** How long to wait for the first answer. */
  startTimeoutMs?: number;
}

/** Where the compiled loopback launcher is kept between runs. */
const LAUNCHER_CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'icp-recordal', 'dynamodb-loopback');

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** False when no JDK could build the loopback launcher: it then listens on every interface. */
  loopbackOnly: boolean;
  /** The JVM's process id (the durability tests kill it with SIGKILL). */
  pid: number | undefined;
  stop(): Promise<void>;
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    // Any HTTP answer (DynamoDB Local answers 400 to a bare GET) means it is serving.
    const response = await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts DynamoDB Local as a child process bound to 127.0.0.1 (through the loopback launcher,
 * when a JDK can build it) and resolves once it answers.
 * `-sharedDb` makes every access key and region see the same tables (the handlers, the
 * tests and the CLI sign with different local credentials).
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const storage = options.dbPath === undefined ? ['-inMemory'] : ['-dbPath', options.dbPath];
  if (options.dbPath !== undefined) mkdirSync(options.dbPath, { recursive: true });
  const classDir = await loopbackClassDir(DYNAMODB_LOCAL_DIR, LAUNCHER_CACHE);
  const main =
    classDir === undefined
      ? ['-jar', join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal.jar')]
      : ['-cp', [classDir, join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal.jar'), join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal_lib', '*')].join(':'), LOOPBACK_MAIN_CLASS];
  const args = [
    ...FAST_START_JVM_FLAGS,
    `-Djava.library.path=${join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal_lib')}`,
    ...main,
    ...storage,
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  const child = spawn('java', args, { cwd: DYNAMODB_LOCAL_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  killOnExit(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? new JavaMissingError() : error));
    child.once('exit', (code, signal) =>
      resolve(new Error(`DynamoDB Local exited (${signal ?? code}) before answering: ${output.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
  const endpoint = `http://${LOOPBACK}:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let failure: Error | undefined;
  void exited.then((error) => (failure = error));
  while (!(await answers(endpoint))) {
    if (failure) throw failure;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${options.startTimeoutMs ?? 30_000} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Once serving, the emulator's chatter is of no use; keep the pipes drained.
  child.stdout?.off('data', keep);
  child.stderr?.off('data', keep);
  child.stdout?.resume();
  child.stderr?.resume();
  return { endpoint, port, loopbackOnly: classDir !== undefined, pid: child.pid, stop: () => stopChild(child) };
}
