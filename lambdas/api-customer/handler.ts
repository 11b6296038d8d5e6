import { createLogger } from '../shared/logging/logger.js';
import { apiHandler } from '../shared/http/chain.js';
import { reviewerPrincipalsFromEnv } from '../shared/http/identity.js';
import { Router } from '../shared/http/router.js';
import { apiDescription } from './api-description.js';
import { customerRoutes } from './routes.js';

/** The customer routes of docs/design/api.md behind `/v1/{proxy+}`, plus GET /v1/health and GET /v1/openapi.json. */
const logger = createLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'api-customer' });

// Generated on first request from the same route tables and schemas as docs/openapi.json (a
// unit test keeps the two equal), instead of bundling the 130 KB file.
let description: Record<string, unknown> | undefined;
const openApiDocument = () => (description ??= apiDescription());

export const router = new Router(customerRoutes(openApiDocument), { reviewerPrincipals: () => reviewerPrincipalsFromEnv() });

export const handler = apiHandler(router, logger);
