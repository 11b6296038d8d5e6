import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { LOOPBACK, freePort } from './ports.js';

/**
 * s3rver accepts only its own access key (it checks that the key exists, not SigV4
 * signatures): local S3 clients sign with these.
 */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3LocalOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Folder for buckets and objects; a temporary folder, removed on stop, when omitted. */
  directory?: string;
}

export interface S3Local {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts s3rver in this process on loopback (path-style buckets). */
export async function startS3Local(options: S3LocalOptions = {}): Promise<S3Local> {
  const port = options.port ?? (await freePort());
  const temporary = options.directory === undefined;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'recordal-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: LOOPBACK, port, directory, silent: true, vhostBuckets: false });
  try {
    await server.run();
  } catch (error) {
    if (temporary) rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  // Idle keep-alive sockets of SDK clients must not hold the close open.
  server.httpServer?.unref();
  let stopped = false;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.httpServer?.closeAllConnections();
      await server.close();
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}
