import { jest } from '@jest/globals';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { FUZZED_ROUTES, FuzzSender, describeFindings, prepareTargets, runFuzz, type FuzzTargets } from '../../tools/fuzz/run.js';
import openApi from '../../docs/openapi.json' with { type: 'json' };
import { settledInvariants } from '../support/invariants.js';
import { startTestPlatform } from '../support/platform.js';

/**
 * Hostile requests over HTTP against every route: wrong types, unknown and
 * prototype keys, huge strings, deep nesting, Unicode traps, broken and invalid UTF-8 bodies,
 * odd ids and paths, repeated query parameters, oversized headers and bodies, wrong methods,
 * wrong identities. Never a 5xx, always the error shape, and the store unchanged.
 * `npm run fuzz` runs the same generator ten times longer.
 */
jest.setTimeout(120_000);

const CASES = Number(process.env.FUZZ_CASES ?? 2_500);

describe('fuzzing the API over HTTP', () => {
  let platform: LocalPlatform;
  let targets: FuzzTargets;
  const handlerErrors: string[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({
      onHandlerError: (error, request) => handlerErrors.push(`${request.method} ${request.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    targets = await prepareTargets(platform.url);
  }, 60_000);
  afterAll(() => platform?.stop());

  it('covers every route of the API (its OpenAPI document)', () => {
    const declared = Object.entries(openApi.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['get', 'put', 'post', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...FUZZED_ROUTES].sort()).toEqual([...declared].sort());
  });

  it('keeps prototype names of query parameters and headers as plain names (was a 500 of the local gateway)', async () => {
    const sender = new FuzzSender(platform.url, 2);
    try {
      for (const target of ['/v1/filings?toString=1', '/v1/filings?__proto__=1&constructor=2&hasOwnProperty=3', '/v1/review/tasks?valueOf=1&stage=CA_DECISION']) {
        for (const signer of ['customerA', 'reviewer'] as const) {
          const answer = await sender.send({ label: target, method: 'GET', target, headers: JSON.parse('{"constructor":"x","tostring":"y","__proto__":"z"}') as Record<string, string>, signer, write: false });
          expect({ target, signer, status: answer.status < 500 }).toEqual({ target, signer, status: true });
        }
      }
    } finally {
      sender.close();
    }
  });

  it(`answers ${CASES} hostile requests with 4xx in the error shape and leaves the store unchanged`, async () => {
    const report = await runFuzz(platform, targets, { cases: CASES, concurrency: 32, batchSize: 400 });
    const summary = `seed ${report.seed}: ${report.cases} cases in ${Math.round(report.durationMs)} ms, worst ${Math.round(report.worstLatencyMs)} ms, statuses ${JSON.stringify(report.statuses)}`;
    expect({ summary, findings: describeFindings(report), handlerErrors: handlerErrors.slice(0, 5) }).toEqual({ summary, findings: '', handlerErrors: [] });
    expect(report.cases).toBeGreaterThanOrEqual(2_000);
    expect(report.changedBatches).toEqual([]);
    expect(await settledInvariants(platform)).toEqual([]);
    // The cases reach past the gateway: the handlers' own refusals dominate.
    expect((report.statuses[422] ?? 0) + (report.statuses[400] ?? 0) + (report.statuses[409] ?? 0)).toBeGreaterThan(report.cases / 4);
  });
});
