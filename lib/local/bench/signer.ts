import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** Who signs: an access key pair of the local credentials (API.md "Identity"). */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface UnsignedRequest {
  method: string;
  /** Path with no query string, e.g. `/v1/filings/abc`. */
  path: string;
  query?: Record<string, string>;
  body?: string;
}

/** Headers to send: the signature plus what it covers (host, date, content type). */
export type SignedHeaders = Record<string, string>;

/** What the API signs against, deployed and locally: service `execute-api` in cn-northwest-1. */
export const API_SIGNING = { service: 'execute-api', region: 'cn-northwest-1' } as const;

/**
 * Signs requests to one origin with SigV4, as any AWS SDK caller of the API would. Every call
 * signs afresh (a new date, a new signature): the bench never replays a signature.
 */
export class RequestSigner {
  private readonly signer: SignatureV4;
  private readonly hostname: string;
  private readonly port: number | undefined;
  private readonly host: string;

  constructor(origin: string, credentials: SigningCredentials) {
    const url = new URL(origin);
    this.hostname = url.hostname;
    this.port = url.port === '' ? undefined : Number(url.port);
    this.host = url.host;
    this.signer = new SignatureV4({ credentials, region: API_SIGNING.region, service: API_SIGNING.service, sha256: Sha256 });
  }

  async sign(request: UnsignedRequest): Promise<SignedHeaders> {
    const headers: Record<string, string> = { host: this.host };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const signed = await this.signer.sign({
      method: request.method,
      protocol: 'http:',
      hostname: this.hostname,
      port: this.port,
      path: request.path,
      query: request.query ?? {},
      headers,
      body: request.body,
    });
    return signed.headers;
  }
}

/** `path?query` as sent on the wire, the query in the order given. */
export function pathWithQuery(request: UnsignedRequest): string {
  const query = new URLSearchParams(request.query ?? {}).toString();
  return query === '' ? request.path : `${request.path}?${query}`;
}
