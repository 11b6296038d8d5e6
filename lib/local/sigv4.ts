import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { REGION } from './aws-environment.js';
import { LOCAL_IDENTITIES, type LocalIdentity } from './credentials.js';

/**
 * The SigV4 check API Gateway's AWS_IAM authorization makes, done locally: the signature is
 * recomputed from the request with the caller's local secret (the same signer the AWS SDK
 * uses, with its Node hash: node:crypto, ten times the pure-JS one, since every request pays
 * for it) and compared in constant time. Service `execute-api`, region cn-northwest-1.
 */

export const SIGNING_SERVICE = 'execute-api';
/** AWS refuses a signature whose date is more than 15 minutes away from its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface RequestToVerify {
  method: string;
  /** The request target as received: raw (percent-encoded) path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

export type Verification = { ok: true; identity: LocalIdentity } | { ok: false; reason: string };

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;_.-]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match = AUTHORIZATION_PATTERN.exec(value);
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** `20261128T235959Z` → Date, or undefined when malformed. */
function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

async function sha256Hex(body: Uint8Array): Promise<string> {
  const hash = new Sha256();
  hash.update(body);
  return Buffer.from(await hash.digest()).toString('hex');
}

function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

// Object.fromEntries makes own keys even of `__proto__` or `constructor`, which a client may sign.
function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  return Object.fromEntries(
    [...new Set(search.keys())].map((key) => {
      const values = search.getAll(key);
      return [key, values.length === 1 ? (values[0] as string) : values];
    }),
  );
}

export interface SigV4VerifierOptions {
  identities?: readonly LocalIdentity[];
  region?: string;
  /** The clock, for tests. */
  now?: () => number;
}

export class SigV4Verifier {
  private readonly identities: ReadonlyMap<string, LocalIdentity>;
  /** One signer per identity and path encoding, reused: they cache derived signing keys. */
  private readonly signers = new Map<string, SignatureV4>();
  private readonly region: string;
  private readonly now: () => number;

  constructor(options: SigV4VerifierOptions = {}) {
    this.identities = new Map((options.identities ?? LOCAL_IDENTITIES).map((identity) => [identity.accessKeyId, identity]));
    this.region = options.region ?? REGION;
    this.now = options.now ?? Date.now;
  }

  private signer(identity: LocalIdentity, doubleEncodePath: boolean): SignatureV4 {
    const key = `${identity.accessKeyId}:${doubleEncodePath}`;
    let signer = this.signers.get(key);
    if (!signer) {
      signer = new SignatureV4({
        credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
        region: this.region,
        service: SIGNING_SERVICE,
        sha256: Sha256,
        uriEscapePath: doubleEncodePath,
        applyChecksum: false,
      });
      this.signers.set(key, signer);
    }
    return signer;
  }

  async verify(request: RequestToVerify): Promise<Verification> {
    const authorization = headerValue(request.headers, 'authorization');
    if (authorization === undefined) return { ok: false, reason: 'the request is not signed' };
    const parsed = parseAuthorization(authorization.trim());
    if (!parsed) return { ok: false, reason: 'the Authorization header is not a SigV4 (AWS4-HMAC-SHA256) signature' };
    const identity = this.identities.get(parsed.accessKeyId);
    if (!identity) return { ok: false, reason: 'the access key id is not known' };
    if (parsed.region !== this.region || parsed.service !== SIGNING_SERVICE) {
      return { ok: false, reason: `the credential scope must be region ${this.region} and service ${SIGNING_SERVICE}` };
    }
    const signedHeaders = new Set(parsed.signedHeaders);
    const amzDate = headerValue(request.headers, 'x-amz-date');
    const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
    if (!signingDate || !signedHeaders.has('x-amz-date') || !signedHeaders.has('host')) {
      return { ok: false, reason: 'the signature must cover the host and x-amz-date headers' };
    }
    if (amzDate?.slice(0, 8) !== parsed.date) return { ok: false, reason: 'the credential scope date is not the x-amz-date date' };
    if (Math.abs(this.now() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
      return { ok: false, reason: 'the signature has expired: the request date is more than 15 minutes from the server time' };
    }

    const signedValues: [string, string][] = [];
    for (const name of signedHeaders) {
      const value = headerValue(request.headers, name);
      if (value === undefined) return { ok: false, reason: `the signed header ${name} is missing` };
      if (name !== 'x-amz-date') signedValues.push([name, value]);
    }
    const headers: Record<string, string> = Object.fromEntries(signedValues);
    // The signature must cover the body. API Gateway (execute-api) hashes the body it received
    // into the canonical request; `UNSIGNED-PAYLOAD` is Amazon S3's option only, so a request
    // signed over it never matches there (docs/security.md "Request signing"). The signer here
    // trusts a declared payload hash, so it must be the body's, whether signed or not.
    const declaredHash = headerValue(request.headers, 'x-amz-content-sha256');
    if (declaredHash !== undefined && declaredHash !== (await sha256Hex(request.body))) {
      return {
        ok: false,
        reason: declaredHash === 'UNSIGNED-PAYLOAD' ? 'UNSIGNED-PAYLOAD is not accepted: the signature must cover the body' : 'x-amz-content-sha256 does not match the body',
      };
    }

    const target = new URL(request.url, 'http://localhost');
    const unsigned = {
      method: request.method.toUpperCase(),
      protocol: 'http:',
      hostname: headers.host ?? 'localhost',
      path: target.pathname,
      query: queryOf(target.searchParams),
      headers,
      body: request.body,
    };
    // Signers differ on the path: the AWS SDK encodes it twice (as API Gateway does), curl
    // once. Both are the same when the path has no percent-escapes.
    const encodings = target.pathname.includes('%') ? [true, false] : [true];
    for (const doubleEncodePath of encodings) {
      const signed = await this.signer(identity, doubleEncodePath).sign(
        { ...unsigned, headers: { ...unsigned.headers } },
        { signingDate, signableHeaders: signedHeaders, unsignableHeaders: new Set() },
      );
      const expected = parseAuthorization(String(signed.headers.authorization ?? signed.headers.Authorization))?.signature ?? '';
      if (expected !== '' && sameSignature(expected, parsed.signature)) return { ok: true, identity };
    }
    return { ok: false, reason: 'the signature does not match' };
  }
}
