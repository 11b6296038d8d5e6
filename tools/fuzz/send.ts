/**
 * Sends one fuzz case as raw HTTP: the request target goes on the wire exactly as generated
 * (dot segments, odd escapes, repeated parameters), signed with SigV4 the way the AWS SDK
 * signs (the path as the server will read it), with any method and any header size.
 */
import { request as httpRequest, Agent } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { CUSTOMER_A, CUSTOMER_B, REVIEWER, type LocalIdentity } from '../../lib/local/credentials.js';
import { API_REGION, API_SERVICE } from '../../lib/client/signed-client.js';
import type { FuzzCase, Signer } from './cases.js';

export interface FuzzAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  latencyMs: number;
}

/** The socket was closed before an answer (only acceptable for oversized requests). */
export class NoAnswer extends Error {
  constructor(readonly code: string | undefined, message: string) {
    super(message);
  }
}

const IDENTITIES: Record<Exclude<Signer, 'none'>, LocalIdentity> = {
  customerA: CUSTOMER_A,
  customerB: CUSTOMER_B,
  reviewer: REVIEWER,
  wrongSecret: { ...CUSTOMER_A, secretAccessKey: 'not-the-secret-of-customer-a' },
};

function signerOf(signer: Exclude<Signer, 'none'>): SignatureV4 {
  const identity = IDENTITIES[signer];
  return new SignatureV4({
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
    region: API_REGION,
    service: API_SERVICE,
    sha256: Sha256,
  });
}

export class FuzzSender {
  private readonly base: URL;
  private readonly agent: Agent;
  private readonly signers = new Map<Signer, SignatureV4>();

  constructor(baseUrl: string, concurrency: number) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  private signer(signer: Exclude<Signer, 'none'>): SignatureV4 {
    let found = this.signers.get(signer);
    if (!found) {
      found = signerOf(signer);
      this.signers.set(signer, found);
    }
    return found;
  }

  async send(fuzz: FuzzCase): Promise<FuzzAnswer> {
    const host = this.base.host;
    let headers: Record<string, string> = { host, ...fuzz.headers };
    if (fuzz.signer !== 'none') {
      // The server reads the path as WHATWG URL parsing leaves it; sign that.
      const parsed = new URL(fuzz.target, 'http://localhost');
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(parsed.searchParams.keys())) {
        const values = parsed.searchParams.getAll(key);
        query[key] = values.length === 1 ? values[0]! : values;
      }
      const signed = await this.signer(fuzz.signer).sign({
        method: fuzz.method,
        protocol: 'http:',
        hostname: this.base.hostname,
        port: Number(this.base.port),
        path: parsed.pathname,
        query,
        headers,
        ...(fuzz.body === undefined ? {} : { body: fuzz.body }),
      });
      headers = signed.headers as Record<string, string>;
    }
    const started = performance.now();
    return new Promise<FuzzAnswer>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: this.base.hostname,
          port: Number(this.base.port),
          method: fuzz.method,
          path: fuzz.target,
          headers: { ...headers, ...(fuzz.body === undefined ? {} : { 'content-length': String(fuzz.body.length) }) },
          agent: this.agent,
          // Oversized headers are the point of some cases.
          maxHeaderSize: 1024 * 1024,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              latencyMs: performance.now() - started,
            }),
          );
          response.on('error', (error: NodeJS.ErrnoException) => reject(new NoAnswer(error.code, error.message)));
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => reject(new NoAnswer(error.code, error.message)));
      outgoing.end(fuzz.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
