import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDescription } from '../../../lambdas/api-customer/api-description.js';
import { handler } from '../../../lambdas/api-customer/handler.js';
import { lambdaContext, proxyEvent } from '../../support/proxy-event.js';

const committed = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8')) as Record<string, unknown>;

describe('the OpenAPI document', () => {
  it('committed in docs/openapi.json is the one generated from the route tables and schemas (npx tsx bin/openapi.ts)', () => {
    expect(committed).toEqual(apiDescription());
  });

  it('is served, without auth, by GET /v1/openapi.json', async () => {
    const result = await handler(proxyEvent('GET', '/v1/openapi.json', { as: null }), lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual(committed);
  });

  it('describes every route of docs/design/api.md, each error in the Error schema', () => {
    const paths = committed.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
    const operations = Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(
      [
        'PUT /v1/account',
        'GET /v1/account',
        'POST /v1/eligibility',
        'POST /v1/filings',
        'GET /v1/filings',
        'GET /v1/filings/{id}',
        'PATCH /v1/filings/{id}',
        'DELETE /v1/filings/{id}',
        'GET /v1/filings/{id}/requirements',
        'POST /v1/filings/{id}/attachments',
        'POST /v1/filings/{id}/submit',
        'POST /v1/filings/{id}/verification',
        'POST /v1/filings/{id}/sms-verification',
        'POST /v1/filings/{id}/withdraw',
        'GET /v1/filings/{id}/events',
        'GET /v1/review/tasks',
        'GET /v1/review/filings/{id}',
        'GET /v1/review/drift',
        'POST /v1/review/drift-checks',
        'POST /v1/review/tasks/{taskId}/decision',
        'GET /v1/health',
        'GET /v1/openapi.json',
      ].sort(),
    );
    for (const methods of Object.values(paths)) {
      for (const operation of Object.values(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) >= 400) expect(response.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
    }
    expect(committed.openapi).toBe('3.1.0');
  });

  it('refuses unknown fields in request schemas (additionalProperties false), as the handlers do', () => {
    const schemas = (committed.components as { schemas: Record<string, { additionalProperties?: unknown }> }).schemas;
    expect(schemas.AccountProfile?.additionalProperties).toBe(false);
    expect(schemas.ReviewDecision?.additionalProperties).toBe(false);
  });

  it('resolves every $ref to a component schema, and names every path parameter', () => {
    const schemas = (committed.components as { schemas: Record<string, unknown> }).schemas;
    const refs = [...JSON.stringify(committed).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(Object.keys(schemas)).toContain(ref.slice('#/components/schemas/'.length));
    }
    for (const [path, methods] of Object.entries(committed.paths as Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(methods)) {
        expect((operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)).toEqual(names);
      }
    }
  });
});
