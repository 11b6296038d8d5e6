import { readFileSync } from 'node:fs';

/**
 * The local addresses that listen on a TCP port, read from /proc/net/tcp and tcp6 (Linux):
 * `127.0.0.1`, `::ffff:127.0.0.1` and `::1` are loopback; anything else is printed as
 * `other <hex>` (e.g. `other 00000000` for 0.0.0.0).
 */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (local === undefined || state !== '0A') continue; // 0A: LISTEN
      const [address, portHex] = local.split(':') as [string, string];
      if (Number.parseInt(portHex, 16) !== port) continue;
      found.push(LOOPBACK[address] ?? `other ${address}`);
    }
  }
  return found;
}

const LOOPBACK: Record<string, string> = {
  '0100007F': '127.0.0.1',
  '0000000000000000FFFF00000100007F': '::ffff:127.0.0.1',
  '00000000000000000000000001000000': '::1',
};

export const isLoopback = (address: string): boolean => !address.startsWith('other ');
