/**
 * The OpenAPI 3.1 document, generated from the route tables and the zod schemas the handlers
 * validate with (zod 4 `z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 * `bin/openapi.ts` writes it to docs/openapi.json; GET /v1/openapi.json serves that file.
 */
import * as z from 'zod';
import { HTTP_ERRORS, type HttpErrorStatus } from './errors.js';
import { errorBodySchema } from './representations.js';
import type { Route } from './router.js';

type JsonSchema = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';

/** Replace `#/$defs/X` references with component references, everywhere in a schema. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/') ? COMPONENT_REF + inner.slice('#/$defs/'.length) : rewriteRefs(inner);
  }
  return out;
}

class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  /** A schema for use inside the document; named (`.meta({id})`) schemas become components. */
  add(schema: z.ZodType, io: 'input' | 'output', name?: string): JsonSchema {
    const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    const { $schema: _dialect, $defs, ...rest } = generated;
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) this.components[id] = rewriteRefs(definition) as JsonSchema;
    const body = rewriteRefs(rest) as JsonSchema;
    if (name === undefined) return body;
    this.components[name] = body;
    return { $ref: COMPONENT_REF + name };
  }
}

/** Errors every authenticated route can answer; bodies add 413/415. */
const COMMON_ERRORS: HttpErrorStatus[] = [400, 401, 403, 404, 429];
const BODY_ERRORS: HttpErrorStatus[] = [413, 415];

export interface OpenApiOptions {
  title: string;
  version: string;
  description: string;
  /** Names for request schemas that have no `.meta({id})` of their own. */
  requestSchemaNames: ReadonlyMap<z.ZodType, string>;
}

export function buildOpenApiDocument(routes: readonly Route[], options: OpenApiOptions): Record<string, unknown> {
  const schemas = new SchemaCollector();
  const errorRef = schemas.add(errorBodySchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const route of sorted) {
    const { doc } = route;
    const parameters: unknown[] = [];
    for (const match of route.path.matchAll(/\{(\w+)\}/g)) {
      parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string', maxLength: 128 } });
    }
    for (const [name, query] of Object.entries(doc.query ?? {})) {
      parameters.push({ name, in: 'query', required: false, description: query.description, schema: schemas.add(query.schema, 'input') });
    }
    for (const [name, header] of Object.entries(doc.headers ?? {})) {
      parameters.push({ name, in: 'header', required: header.required, description: header.description, schema: { type: 'string' } });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(doc.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.headers && {
          headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])),
        }),
        ...(response.schema && { content: { 'application/json': { schema: schemas.add(response.schema, 'output') } } }),
      };
    }
    const errors = new Set<number>([...(route.audience === 'public' ? [] : COMMON_ERRORS), ...(doc.body ? BODY_ERRORS : []), ...(doc.errors ?? [])]);
    for (const status of [...errors].sort()) {
      const known = HTTP_ERRORS[status as HttpErrorStatus];
      responses[String(status)] = {
        description: known ? `${known.code}: ${known.message}` : 'Error',
        content: { 'application/json': { schema: errorRef } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: doc.operationId,
      summary: doc.summary,
      ...(doc.description && { description: doc.description }),
      tags: doc.tags,
      ...(route.audience === 'public' ? { security: [] } : {}),
      ...(parameters.length > 0 && { parameters }),
      ...(doc.body && {
        requestBody: {
          required: true,
          ...(doc.body.description && { description: doc.body.description }),
          content: Object.fromEntries(
            (doc.body.mediaTypes ?? ['application/json']).map((mediaType) => [
              mediaType,
              { schema: schemas.add(doc.body!.schema, 'input', options.requestSchemaNames.get(doc.body!.schema)) },
            ]),
          ),
        },
      }),
      responses,
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version, description: options.description },
    servers: [
      {
        url: 'https://{restApiId}.execute-api.cn-northwest-1.amazonaws.com.cn/{stage}',
        description: 'Deployed (API Gateway REST, AWS China Ningxia)',
        variables: { restApiId: { default: 'example' }, stage: { default: 'prod' } },
      },
      { url: 'http://127.0.0.1:3000', description: 'Local platform (npm start)' },
    ],
    security: [{ sigv4: [] }],
    tags: [
      { name: 'meta', description: 'Health and this description' },
      { name: 'account', description: 'The customer account profile' },
      { name: 'filings', description: 'Draft applications' },
      { name: 'attachments', description: 'Required documents, uploaded through presigned POSTs' },
      { name: 'lifecycle', description: 'Submission, the customer callbacks, withdrawal' },
      { name: 'review', description: 'Reviewer tasks and decisions (reviewer principals only)' },
    ],
    paths,
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4, service execute-api, region cn-northwest-1 (API Gateway AWS_IAM authorisation).',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
