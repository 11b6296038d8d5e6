import type { ChildProcess } from 'node:child_process';

/**
 * Children (DynamoDB Local's JVM) that must never outlive this process: killed on normal
 * exit, on an uncaught crash and on SIGINT/SIGTERM/SIGHUP, whoever started them.
 */
const children = new Set<ChildProcess>();
let hooksInstalled = false;

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else (bin/local.ts) handles the signal and stops gracefully; the exit hook
  // still kills whatever is left when the process ends.
  if (process.listenerCount(signal) > 1) return;
  killAll();
  process.off(signal, onSignal);
  process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

/** Registers a child to be killed when this process goes away; forgotten once it exits. */
export function killOnExit(child: ChildProcess): void {
  installHooks();
  children.add(child);
  child.once('exit', () => children.delete(child));
}
