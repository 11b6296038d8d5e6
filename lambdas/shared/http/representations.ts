/**
 * What the API answers with: the zod schemas of every response body (the OpenAPI document is
 * generated from them and from the domain's request schemas) and the functions that turn
 * stored records into those bodies. Nothing internal (task tokens, keys) is ever in them.
 */
import * as z from 'zod';
import {
  ATTACHMENT_KINDS,
  APPLICATION_TYPES,
  CALLBACK_STAGES,
  FILING_STATUSES,
  REVIEW_DECISIONS,
  VERIFICATION_METHODS,
  accessSchema,
  accountProfileSchema,
  appSchema,
  entitySchema,
  principalSchema,
  verificationMethodOf,
  type Requirement,
  type VerificationMethod,
} from '../domain/index.js';
import type { AccountRecord, AuditEvent, FilingRecord, TaskView } from '../store/index.js';

export const problemSchema = z
  .object({
    path: z.string().describe('Dotted JSON path of the field ("" for the whole request)'),
    code: z.string().describe('A rule code of docs/design/rules.md, or a code this API documents'),
    message: z.string(),
    messageZh: z.string(),
  })
  .meta({ id: 'Problem' });

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, VALIDATION_FAILED, PRECONDITION_REQUIRED, THROTTLED, SERVICE_UNAVAILABLE (503, transient: retry after Retry-After)'),
      message: z.string(),
      messageZh: z.string(),
      requestId: z.string(),
      details: z.array(problemSchema).describe('Every problem found, not only the first'),
    }),
  })
  .meta({ id: 'Error' });

export const constraintsSchema = z
  .object({
    contentTypes: z.array(z.string()),
    minBytes: z.number().int(),
    maxBytes: z.number().int(),
    minWidth: z.number().int().optional(),
    minHeight: z.number().int().optional(),
    anyOrientation: z.boolean().optional(),
    square: z.boolean().optional(),
    colour: z.boolean().optional(),
  })
  .meta({ id: 'AttachmentConstraints' });

export const requirementSchema = z
  .object({
    kind: z.enum(ATTACHMENT_KINDS),
    required: z.boolean(),
    reason: z.string(),
    reasonZh: z.string(),
    constraints: constraintsSchema,
  })
  .meta({ id: 'Requirement' });

export const requirementStatusSchema = requirementSchema
  .extend({
    uploaded: z.boolean().describe('At least one object of this kind is in storage'),
    problems: z.array(problemSchema).describe('What is wrong with the uploaded object(s) of this kind; empty when valid'),
  })
  .meta({ id: 'RequirementStatus' });

export const portsSchema = z
  .object({ open: z.boolean(), securityGroupIds: z.array(z.string()), openedAt: z.string().optional(), closedAt: z.string().optional() })
  .meta({ id: 'Ports' });

export const driftSchema = z
  .object({
    checkedAt: z.string().describe('When the drift check found these problems (its latest run)'),
    problems: z.array(problemSchema).describe('IP_NOT_OWNED, ELB_IP_SET_INCOMPLETE, SECURITY_GROUP_INVALID, SECURITY_GROUP_NOT_MANAGED'),
  })
  .meta({ id: 'Drift' });

export const filingSchema = z
  .object({
    filingId: z.string(),
    accountId: z.string(),
    type: z.enum(APPLICATION_TYPES),
    targetFilingId: z.string().nullable(),
    entity: entitySchema.optional(),
    entityPrincipal: principalSchema.optional(),
    app: appSchema.optional(),
    access: accessSchema.partial().optional(),
    reason: z.string().optional(),
    status: z.enum(FILING_STATUSES),
    version: z.number().int().describe('Also the ETag; send it back in If-Match'),
    revision: z.number().int().describe('How many times it was submitted'),
    verificationMethod: z.enum(VERIFICATION_METHODS),
    requirements: z.array(requirementSchema).optional().describe('The attachments this filing needs (GET /v1/filings/{id})'),
    reasons: z.array(problemSchema).describe('Why it was last returned'),
    recordNumber: z.string().nullable(),
    ports: portsSchema.nullable(),
    drift: driftSchema.nullable().describe("An approved filing whose resources no longer hold (the drift check's last findings); null otherwise"),
    deadline: z.string().nullable().describe('Deadline of the stage it waits in'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Filing' });

export const filingPageSchema = z
  .object({ items: z.array(filingSchema), nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last') })
  .meta({ id: 'FilingPage' });

export const accountSchema = accountProfileSchema
  .extend({ accountId: z.string(), version: z.number().int(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Account' });

export const eligibilityAnswerSchema = z
  .object({
    needed: z.boolean(),
    supported: z.boolean(),
    reasons: z.array(z.object({ code: z.string(), message: z.string(), messageZh: z.string() })),
  })
  .meta({ id: 'EligibilityAnswer' });

export const requirementsSchema = z.object({ items: z.array(requirementStatusSchema) }).meta({ id: 'Requirements' });

export const presignedPostSchema = z
  .object({
    attachmentId: z.string(),
    url: z.string().describe('POST a multipart/form-data form here: every field below, then the file as "file"'),
    fields: z.record(z.string(), z.string()),
    expiresAt: z.string(),
    constraints: constraintsSchema,
  })
  .meta({ id: 'PresignedPost' });

export const auditEventSchema = z
  .object({
    at: z.string(),
    type: z.string(),
    from: z.enum(FILING_STATUSES).nullable(),
    to: z.enum(FILING_STATUSES).nullable(),
    actor: z.string(),
    reasons: z.array(problemSchema),
  })
  .meta({ id: 'AuditEvent' });

export const eventsSchema = z.object({ items: z.array(auditEventSchema) }).meta({ id: 'AuditTrail' });

export const taskSchema = z
  .object({
    taskId: z.string(),
    stage: z.enum(Object.keys(CALLBACK_STAGES) as [keyof typeof CALLBACK_STAGES, ...(keyof typeof CALLBACK_STAGES)[]]),
    filingId: z.string(),
    accountId: z.string(),
    createdAt: z.string(),
    deadline: z.string(),
    overdue: z.boolean(),
  })
  .meta({ id: 'ReviewTask' });

export const taskPageSchema = z.object({ items: z.array(taskSchema), nextCursor: z.string().nullable() }).meta({ id: 'ReviewTaskPage' });

export const attachmentLinkSchema = z
  .object({ kind: z.string(), attachmentId: z.string(), size: z.number().int(), sha256: z.string(), url: z.string(), expiresAt: z.string() })
  .meta({ id: 'AttachmentLink' });

export const lateUploadSchema = z
  .object({ kind: z.string(), attachmentId: z.string(), size: z.number().int(), lastModified: z.string() })
  .meta({ id: 'UploadAfterSubmit' });

export const reviewFilingSchema = filingSchema
  .extend({
    attachments: z.array(attachmentLinkSchema).describe('The evidence frozen at the last submit: short-lived presigned GET URLs of exactly those bytes'),
    uploadsAfterSubmit: z.array(lateUploadSchema).describe('Written after the last submit: not evidence'),
  })
  .meta({ id: 'ReviewFiling' });

export const decisionAcceptedSchema = z
  .object({ taskId: z.string(), filingId: z.string(), stage: taskSchema.shape.stage, decision: z.enum(REVIEW_DECISIONS) })
  .meta({ id: 'DecisionAccepted' });

export const driftPageSchema = z
  .object({
    items: z.array(driftSchema.extend({ filingId: z.string(), accountId: z.string() }).meta({ id: 'DriftedFiling' })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'DriftPage' });

export const driftCheckAcceptedSchema = z.object({ checkId: z.string() }).meta({ id: 'DriftCheckAccepted' });

export const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export type FilingBody = z.infer<typeof filingSchema>;

export { documentOf } from '../store/document.js';
import { documentOf } from '../store/document.js';

/** The filing's verification method: stored once submitted, derived from the document before. */
export function verificationOf(record: FilingRecord): VerificationMethod {
  return record.verificationMethod ?? verificationMethodOf(documentOf(record));
}

/** A stored filing as the API shows it: the document's fields, then what the server adds. */
export function filingBody(record: FilingRecord, requirements?: readonly Requirement[]): FilingBody {
  const { type: _type, targetFilingId: _target, ...sections } = record.document;
  return {
    ...(sections as Omit<FilingBody, 'filingId'>),
    filingId: record.filingId,
    accountId: record.accountId,
    type: record.type,
    targetFilingId: record.targetFilingId ?? null,
    status: record.status,
    version: record.version,
    revision: record.revision,
    verificationMethod: verificationOf(record),
    ...(requirements !== undefined && { requirements: requirements.map(requirementBody) }),
    reasons: record.reasons ?? [],
    recordNumber: record.recordNumber ?? null,
    ports: record.ports ?? null,
    drift: record.drift ?? null,
    deadline: record.deadline ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function requirementBody(requirement: Requirement): z.infer<typeof requirementSchema> {
  const { kind, required, reason, reasonZh, constraints } = requirement;
  return { kind, required, reason, reasonZh, constraints };
}

export function accountBody(account: AccountRecord): z.infer<typeof accountSchema> {
  return { accountId: account.accountId, ...account.profile, version: account.version, createdAt: account.createdAt, updatedAt: account.updatedAt };
}

export function auditEventBody(event: AuditEvent): z.infer<typeof auditEventSchema> {
  return { at: event.at, type: event.type, from: event.from ?? null, to: event.to ?? null, actor: event.actor, reasons: event.reasons ?? [] };
}

export function taskBody(task: TaskView): z.infer<typeof taskSchema> {
  const { taskId, stage, filingId, accountId, createdAt, deadline, overdue } = task;
  return { taskId, stage, filingId, accountId, createdAt, deadline, overdue };
}
