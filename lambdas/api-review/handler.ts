import { createLogger } from '../shared/logging/logger.js';
import { apiHandler } from '../shared/http/chain.js';
import { reviewerPrincipalsFromEnv } from '../shared/http/identity.js';
import { Router } from '../shared/http/router.js';
import { reviewRoutes } from './routes.js';

/** The reviewer routes of docs/design/api.md behind `/v1/review/{proxy+}`: reviewers only (403 for anyone else). */
const logger = createLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'api-review' });

export const router = new Router(reviewRoutes, { reviewerPrincipals: () => reviewerPrincipalsFromEnv(), audience: 'reviewer' });

export const handler = apiHandler(router, logger);
