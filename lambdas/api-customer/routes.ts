import * as z from 'zod';
import { json } from '../shared/http/response';
import { healthSchema } from '../shared/http/representations';
import { route, type Route } from '../shared/http/router';
import { accountRoutes } from './account';
import { attachmentRoutes } from './attachments';
import { filingRoutes } from './filings';
import { lifecycleRoutes } from './lifecycle-actions';

/**
 * Every route the customer function answers (`/v1/{proxy+}`), in one table the router and the
 * OpenAPI generator share. The OpenAPI document is passed in: it is generated from this table.
 */
export function customerRoutes(openApiDocument: () => unknown): Route[] {
  return [
    route({
      method: 'GET',
      path: '/v1/health',
      audience: 'public',
      writes: false,
      doc: { operationId: 'health', summary: 'Liveness (no auth)', tags: ['meta'], responses: { 200: { description: 'Up', schema: healthSchema } } },
      handle: async () => json(200, { status: 'ok' }),
    }),
    route({
      method: 'GET',
      path: '/v1/openapi.json',
      audience: 'public',
      writes: false,
      doc: {
        operationId: 'openApi',
        summary: 'This document (no auth)',
        tags: ['meta'],
        responses: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } },
      },
      handle: async () => json(200, openApiDocument(), { 'cache-control': 'public, max-age=300' }),
    }),
    ...accountRoutes,
    ...filingRoutes,
    ...attachmentRoutes,
    ...lifecycleRoutes,
  ];
}
