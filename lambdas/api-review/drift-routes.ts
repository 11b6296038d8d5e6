import { startDriftCheck } from '../shared/application/drift-work.js';
import { readPageQuery, pageQueryDoc } from '../shared/http/paging.js';
import { driftCheckAcceptedSchema, driftPageSchema } from '../shared/http/representations.js';
import { requireNoBody } from '../shared/http/request.js';
import { json } from '../shared/http/response.js';
import { route, type Route } from '../shared/http/router.js';
import { listDrift } from '../shared/store/index.js';

/** The drift check's reviewer routes (docs/design/api.md "Drift check"). */
export const driftRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/review/drift',
    audience: 'reviewer',
    writes: false,
    doc: {
      operationId: 'listDrift',
      summary: 'Approved filings whose resources no longer hold, newest check first',
      tags: ['review'],
      query: pageQueryDoc(),
      responses: { 200: { description: 'One page', schema: driftPageSchema } },
    },
    handle: async ({ event }) => {
      const page = await listDrift(readPageQuery(event));
      return json(200, { items: page.items, nextCursor: page.nextCursor ?? null });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/review/drift-checks',
    audience: 'reviewer',
    writes: true,
    doc: {
      operationId: 'startDriftCheck',
      summary: 'Run the drift check now over every approved filing (deployed, it also runs on a schedule)',
      description: 'Answers at once; the results appear on the filings (drift) and in GET /v1/review/drift as the check goes.',
      tags: ['review'],
      responses: { 202: { description: 'The check was started', schema: driftCheckAcceptedSchema } },
    },
    handle: async ({ event }) => {
      requireNoBody(event);
      return json(202, { checkId: await startDriftCheck() });
    },
  }),
];
