import * as z from 'zod';
import { json } from '../shared/http/response.js';
import { healthSchema } from '../shared/http/representations.js';
import { route, type Route } from '../shared/http/router.js';
import { accountRoutes } from './account.js';
import { attachmentRoutes } from './attachments.js';
import { filingRoutes } from './filings.js';
import { lifecycleRoutes } from './lifecycle-actions.js';

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
