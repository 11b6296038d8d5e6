import { Logger } from '@aws-lambda-powertools/logger';
import openApiDocument from '../../docs/openapi.json';
import { apiHandler } from '../shared/http/chain';
import { reviewerPrincipalsFromEnv } from '../shared/http/identity';
import { Router } from '../shared/http/router';
import { customerRoutes } from './routes';

/** The customer routes of API.md behind `/v1/{proxy+}`, plus GET /v1/health and GET /v1/openapi.json. */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'api-customer' });

export const router = new Router(customerRoutes(() => openApiDocument), { reviewerPrincipals: () => reviewerPrincipalsFromEnv() });

export const handler = apiHandler(router, logger);
