import { createServer } from 'node:net';

/** The loopback address every local service binds to (tests bind only 127.0.0.1). */
export const LOOPBACK = '127.0.0.1';

/** A TCP port that is free on the loopback interface right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** True when something already listens on the loopback port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(true));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(false)));
  });
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} on ${LOOPBACK} is already in use: stop what uses it, or choose another with RECORDAL_PORT=<port>`);
    this.name = 'PortInUseError';
  }
}
