import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { API_REGION, API_SERVICE } from '../../lib/client/signed-client.js';

/** Who signs: an access key pair of the local credentials (docs/design/api.md "Identity"). */
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

/**
 * Signs requests to one origin with SigV4 (service and region as lib/client's RecordalClient),
 * as any AWS SDK caller of the API would, without sending them: the load generator and the
 * paired GET time the exchange alone. Every call signs afresh: no signature is ever replayed.
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
    this.signer = new SignatureV4({ credentials, region: API_REGION, service: API_SERVICE, sha256: Sha256 });
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
