/**
 * SigV4 for the recordal API (docs/design/api.md "Identity"): service `execute-api`, region
 * cn-northwest-1, signed as the AWS SDK signs (`@smithy/signature-v4`), so one signature is
 * good for the local gateway and a deployed API Gateway stage alike. The body is always part of
 * the signature (its SHA-256 in `x-amz-content-sha256`, never `UNSIGNED-PAYLOAD`). Browser-safe:
 * the hash is the pure-JS one unless a caller passes another.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ChecksumConstructor } from '@smithy/types';
import type { HttpRequest } from './transport.js';

export const API_REGION = 'cn-northwest-1';
export const API_SERVICE = 'execute-api';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials stop working (the provider is asked again before then). */
  expiration?: Date;
}

/** Called before each signature; a provider of temporary credentials caches and refreshes them itself. */
export type CredentialProvider = () => Promise<Credentials>;

export interface SignerOptions {
  region?: string;
  service?: string;
  /** The hash; the default is pure JS (runs in browsers). Node callers may pass a node:crypto one. */
  sha256?: ChecksumConstructor;
}

export interface SignOptions {
  /** The signature's date (default: now). */
  signingDate?: Date;
}

/** `?a=1&a=2&b=` as the signer wants it: one entry per name, repeated values as an array. */
export function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  // Object.fromEntries makes own keys even of `__proto__` or `constructor`, which a hostile query may hold.
  return Object.fromEntries(
    [...new Set(search.keys())].map((key) => {
      const values = search.getAll(key);
      return [key, values.length === 1 ? (values[0] as string) : values];
    }),
  );
}

export class RequestSigner {
  private readonly signer: SignatureV4;

  constructor(credentials: Credentials | CredentialProvider, options: SignerOptions = {}) {
    this.signer = new SignatureV4({
      credentials,
      region: options.region ?? API_REGION,
      service: options.service ?? API_SERVICE,
      sha256: options.sha256 ?? Sha256,
    });
  }

  /**
   * The request with its signature headers added (`authorization`, `x-amz-date`,
   * `x-amz-content-sha256`, `x-amz-security-token` with temporary credentials) and `host`.
   * The path is signed as the server reads it (WHATWG URL parsing: dot segments resolved), so
   * a raw hostile target is signed for what it will be taken to mean.
   */
  async sign(request: HttpRequest, options: SignOptions = {}): Promise<HttpRequest> {
    const url = new URL(request.url);
    const headers = { host: url.host, ...request.headers };
    const signed = await this.signer.sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: url.pathname,
        query: queryOf(url.searchParams),
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      },
      options.signingDate === undefined ? {} : { signingDate: options.signingDate },
    );
    return { ...request, headers: signed.headers as Record<string, string> };
  }
}
