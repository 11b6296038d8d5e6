import { readFileSync, readdirSync } from 'node:fs';

/** A process's peak resident set (`VmHWM`) in KiB, from /proc; undefined when unreadable. */
function peakRssKib(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Direct children of `pid` (from each process's /proc stat line) with their command lines. */
function childrenOf(pid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export interface PeakMemory {
  totalMb: number;
  /** The parts: this process, then each child counted, by a short name. */
  parts: { name: string; mb: number }[];
}

/**
 * Peak resident memory of the platform: this process (which runs the platform in-process;
 * `maxRSS` of getrusage) plus its child processes (DynamoDB Local's JVM), except the ones
 * named in `exclude` (the bench's own load generator).
 */
export function platformPeakMemory(exclude: readonly number[]): PeakMemory {
  const parts = [{ name: 'node (platform)', mb: process.resourceUsage().maxRSS / 1024 }];
  for (const child of childrenOf(process.pid)) {
    if (exclude.includes(child.pid)) continue;
    const kib = peakRssKib(child.pid);
    if (kib === undefined) continue;
    const name = child.command.includes('DynamoDBLocal.jar') ? 'DynamoDB Local (JVM)' : child.command.split(' ')[0]!.split('/').pop()!;
    parts.push({ name, mb: kib / 1024 });
  }
  return { totalMb: parts.reduce((sum, part) => sum + part.mb, 0), parts };
}

/** CPU time (user + system, ms) DynamoDB Local's JVM has used so far; undefined when not found. */
export function dynamoDbLocalCpuMs(): number | undefined {
  const jvm = childrenOf(process.pid).find((child) => child.command.includes('DynamoDBLocal.jar'));
  if (jvm === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${jvm.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the stat line, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
