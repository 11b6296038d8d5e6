import type { z } from 'zod';
import { accountProfileSchema, attachmentRequestSchema, eligibilityQuestionSchema, filingDocumentSchema, reviewDecisionSchema } from '../shared/domain/index.js';
import { customerRoutes } from './routes.js';
import { reviewRoutes } from '../api-review/routes.js';
import { buildOpenApiDocument } from '../shared/http/openapi.js';

/** The whole API's description: both functions' routes, one document. */
export function apiDescription(): Record<string, unknown> {
  return buildOpenApiDocument([...customerRoutes(() => ({})), ...reviewRoutes], {
    title: 'APP ICP recordal platform API',
    version: '1',
    description:
      'APP备案 for AWS China (cn-northwest-1). Every route but health and this document is SigV4-signed (service execute-api). ' +
      'Every non-2xx answer has the Error body; 422 lists every broken rule with its rule code (docs/design/rules.md).',
    requestSchemaNames: new Map<z.ZodType, string>([
      [filingDocumentSchema, 'FilingDocument'],
      [accountProfileSchema, 'AccountProfile'],
      [eligibilityQuestionSchema, 'EligibilityQuestion'],
      [attachmentRequestSchema, 'AttachmentRequest'],
      [reviewDecisionSchema, 'ReviewDecision'],
    ]),
  });
}
