import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { SignedHttpClient, type ApiRequest, type Credentials } from '../../lib/client/index.js';
import { poolTransport } from './pool-transport.js';
import { summarize, type LatencySummary } from './stats.js';

/**
 * What the load generator sends, as data (it crosses into a worker thread):
 * - `cycle`: the same method on each path in turn (e.g. GET of a set of filings);
 * - `numbered`: one path, each body the template with `token` replaced by a fresh number
 *   (so that every create is a different filing).
 */
export type RequestPlan =
  | { kind: 'cycle'; method: string; paths: readonly string[] }
  | { kind: 'numbered'; method: string; path: string; bodyTemplate: string; token: string; firstNumber: number };

export interface LoadSpec {
  origin: string;
  credentials: Credentials;
  /** Requests in flight at every moment (one keep-alive connection each). */
  concurrency: number;
  /** Measured time; requests completing in the warm-up before it are not recorded. */
  durationMs: number;
  warmupMs: number;
  plan: RequestPlan;
  /** The status every request must get; any other is counted as an error. */
  expectStatus: number;
}

export interface LoadResult {
  latency: LatencySummary;
  /** Completed requests with the expected status per second of measured time. */
  rps: number;
  measuredMs: number;
  /** Answers with another status than expected, by status (`network` for a failed exchange). */
  unexpected: Record<string, number>;
  /** The first unexpected answer's body, cut short, to say why. */
  firstUnexpected?: string;
  /** Mean client-side cost of signing one request (not part of the latencies). */
  signMeanMs: number;
  /** Every request sent, warm-up and unexpected answers included (to share out the server's CPU time). */
  sent: number;
}

function requestSource(plan: RequestPlan): () => ApiRequest {
  let next = 0;
  if (plan.kind === 'cycle') {
    if (plan.paths.length === 0) throw new Error('a cycle plan needs at least one path');
    return () => ({ method: plan.method, path: plan.paths[next++ % plan.paths.length]! });
  }
  return () => ({
    method: plan.method,
    path: plan.path,
    headers: { 'content-type': 'application/json' },
    body: plan.bodyTemplate.split(plan.token).join(String(plan.firstNumber + next++)),
  });
}

/**
 * A closed-loop load generator: `concurrency` callers each send a signed request, wait for the
 * whole answer, and send the next, for `warmupMs + durationMs`. Latency is from the request's
 * first byte sent to its answer's last byte read; signing happens before and is timed apart.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const pool = new Pool(spec.origin, { connections: spec.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  // The client library on the pool; requests are signed by `prepare`, timed apart, and sent by the transport.
  const client = new SignedHttpClient({ endpoint: spec.origin, credentials: spec.credentials, transport: poolTransport(pool, spec.origin), retry: false });
  const nextRequest = requestSource(spec.plan);
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let firstUnexpected: string | undefined;
  let signTotalMs = 0;
  let signCount = 0;
  const start = performance.now();
  const measureFrom = start + spec.warmupMs;
  const stopAt = measureFrom + spec.durationMs;

  const caller = async (): Promise<void> => {
    while (performance.now() < stopAt) {
      const request = nextRequest();
      const signStart = performance.now();
      const signed = await client.prepare(request);
      signTotalMs += performance.now() - signStart;
      signCount += 1;
      const sent = performance.now();
      let status: string;
      let text = '';
      try {
        const answer = await client.transport(signed);
        status = String(answer.status);
        if (answer.status !== spec.expectStatus) text = new TextDecoder().decode(answer.body);
      } catch (error) {
        status = 'network';
        text = error instanceof Error ? error.message : String(error);
      }
      const done = performance.now();
      if (sent < measureFrom || done > stopAt) continue;
      if (status === String(spec.expectStatus)) latencies.push(done - sent);
      else {
        unexpected[status] = (unexpected[status] ?? 0) + 1;
        firstUnexpected ??= `${request.method} ${request.path} → ${status}: ${text.slice(0, 300)}`;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.concurrency }, caller));
  } finally {
    await pool.close();
  }
  const result: LoadResult = {
    latency: summarize(latencies),
    rps: latencies.length / (spec.durationMs / 1000),
    measuredMs: spec.durationMs,
    unexpected,
    signMeanMs: signCount === 0 ? Number.NaN : signTotalMs / signCount,
    sent: signCount,
  };
  if (firstUnexpected !== undefined) result.firstUnexpected = firstUnexpected;
  return result;
}

/** Messages between the bench and its load-generator process. */
export type LoadRequest = { phase: number; spec: LoadSpec };
export type LoadAnswer = { phase: number; result?: LoadResult; error?: string };
