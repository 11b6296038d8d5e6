import { jest } from '@jest/globals';
import { Logger } from '@aws-lambda-powertools/logger';
import { apiHandler } from '../../../lambdas/shared/http/chain.js';
import { requireJsonObject } from '../../../lambdas/shared/http/request.js';
import { json } from '../../../lambdas/shared/http/response.js';
import { Router, route } from '../../../lambdas/shared/http/router.js';
import { lambdaContext, proxyEvent } from '../../support/proxy-event.js';

const doc = { operationId: 'x', summary: 'x', tags: ['x'], responses: { 200: { description: 'ok' } } };
const PII = ['wangning@example.cn', '13995000001', '11010519491231002X'];

describe('what the shared chain logs', () => {
  it('one access line per request without body, query or PII; a bug logged with its PII masked', async () => {
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      const logger = new Logger({ serviceName: 'log-test', logLevel: 'INFO' });
      const handler = apiHandler(
        new Router(
          [
            route({ method: 'POST', path: '/v1/echo', audience: 'customer', writes: true, doc, handle: async ({ event }) => json(200, requireJsonObject(event)) }),
            route({
              method: 'POST',
              path: '/v1/bug',
              audience: 'customer',
              writes: true,
              doc,
              handle: async () => {
                throw new Error(`could not index ${PII.join(' ')}`);
              },
            }),
          ],
          { reviewerPrincipals: () => [] },
        ),
        logger,
      );
      const body = { email: PII[0], mobile: PII[1], idNumber: PII[2] };
      expect((await handler(proxyEvent('POST', '/v1/echo', { body, query: { q: PII[1]! } }), lambdaContext())).statusCode).toBe(200);
      expect((await handler(proxyEvent('POST', '/v1/bug', { body }), lambdaContext())).statusCode).toBe(500);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const output = lines.join('');
    expect(output).toContain('"message":"request"');
    expect(output).toContain('"message":"unhandled error"');
    expect(output).toContain('w***@example.cn');
    for (const value of PII) expect(output).not.toContain(value);
  });
});
