import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The compiled LoopbackDynamoDbLocal class (it binds DynamoDB Local to 127.0.0.1), built once
 * with javac into node_modules/.cache and reused while its source and DynamoDB Local stay the
 * same. Undefined without a JDK (javac): DynamoDB Local then listens on every interface.
 */
const SOURCE = join(import.meta.dirname, 'LoopbackDynamoDbLocal.java');
export const LOOPBACK_MAIN_CLASS = 'LoopbackDynamoDbLocal';

function compile(emulatorDir: string, outDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const javac = spawn('javac', ['-nowarn', '-cp', `${join(emulatorDir, 'DynamoDBLocal.jar')}:${join(emulatorDir, 'DynamoDBLocal_lib', '*')}`, '-d', outDir, SOURCE], {
      stdio: 'ignore',
    });
    javac.once('error', () => resolve(false));
    javac.once('exit', (code) => resolve(code === 0));
  });
}

/** The class folder to put first on the classpath, or undefined when it cannot be built. */
export async function loopbackClassDir(emulatorDir: string, cacheRoot: string): Promise<string | undefined> {
  const hash = createHash('sha256').update(readFileSync(SOURCE)).update(readFileSync(join(emulatorDir, 'DynamoDBLocal.jar')).subarray(0, 1 << 20)).digest('hex').slice(0, 16);
  const target = join(cacheRoot, hash);
  if (existsSync(join(target, `${LOOPBACK_MAIN_CLASS}.class`))) return target;
  mkdirSync(cacheRoot, { recursive: true });
  // Built aside and renamed into place: concurrent test workers may build it at once.
  const building = mkdtempSync(join(cacheRoot, 'building-'));
  try {
    if (!(await compile(emulatorDir, building))) return undefined;
    try {
      renameSync(building, target);
    } catch {
      // Another process put it there first.
    }
    return existsSync(join(target, `${LOOPBACK_MAIN_CLASS}.class`)) ? target : undefined;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
