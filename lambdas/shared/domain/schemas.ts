/**
 * The JSON shapes of docs/design/filing.md and docs/design/api.md as strict zod 4 schemas. They fix only the SHAPE
 * (JSON types, enumerations, length limits, unknown keys): every field of a filing is optional
 * here because a draft may be incomplete; completeness is checked at submit (`checkForSubmit`)
 * and the format of each field by the rules (`parseFilingDraft`).
 */
import * as z from 'zod';

/**
 * Length limits, one place: every string of every schema has one. Where a rule sets a
 * tighter range in characters (entity name 2–100, APP name 1–30) the limit here is a guard
 * in UTF-16 units and the rule's own code reports the range.
 */
export const LIMITS = {
  id: 64,
  shortText: 50,
  name: 200,
  address: 200,
  text: 500,
  certificateNumber: 50,
  idNumber: 50,
  mobile: 20,
  email: 254,
  date: 10,
  appName: 60,
  packageName: 255,
  bundleId: 155,
  publicKey: 8192,
  digest: 128,
  domain: 253,
  ip: 45,
  arn: 2048,
  securityGroupId: 32,
  recordNumber: 40,
  contentType: 100,
  fileName: 255,
} as const;

const text = (max: number) => z.string().max(max);

export const ENTITY_KINDS = [
  'ENTERPRISE',
  'GOVERNMENT',
  'PUBLIC_INSTITUTION',
  'SOCIAL_ORGANIZATION',
  'MILITARY',
  'INDIVIDUAL',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const CERTIFICATE_TYPES = [
  'BUSINESS_LICENSE',
  'ORGANIZATION_CODE',
  'PUBLIC_INSTITUTION_CERTIFICATE',
  'SOCIAL_ORGANIZATION_CERTIFICATE',
  'MILITARY_CERTIFICATE',
  'OTHER',
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const ID_TYPES = [
  'ID_CARD',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGNER_PERMANENT_RESIDENCE',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export const PLATFORM_OSES = ['ANDROID', 'IOS', 'HARMONYOS', 'BLACKBERRY', 'LINUX'] as const;
export type PlatformOs = (typeof PLATFORM_OSES)[number];

export const SERVICE_TYPES = ['APP'] as const;

/** 长期: an identity document without an end date. */
export const LONG_TERM = 'LONG_TERM';

export const entitySchema = z.strictObject({
  name: text(LIMITS.name).optional(),
  kind: z.enum(ENTITY_KINDS).optional(),
  certificateType: z.enum(CERTIFICATE_TYPES).optional(),
  certificateNumber: text(LIMITS.certificateNumber).optional(),
  province: text(LIMITS.shortText).optional(),
  certificateAddress: text(LIMITS.address).optional(),
  mailingAddress: text(LIMITS.address).optional(),
});
export type Entity = z.infer<typeof entitySchema>;

export const principalSchema = z.strictObject({
  name: text(LIMITS.shortText).optional(),
  idType: z.enum(ID_TYPES).optional(),
  idNumber: text(LIMITS.idNumber).optional(),
  idValidFrom: text(LIMITS.date).optional(),
  idValidTo: text(LIMITS.date).optional(),
  mobile: text(LIMITS.mobile).optional(),
  emergencyMobile: text(LIMITS.mobile).optional(),
  email: text(LIMITS.email).optional(),
});
export type Principal = z.infer<typeof principalSchema>;

export const preApprovalSchema = z.strictObject({
  category: text(LIMITS.shortText).optional(),
  documentNumber: text(LIMITS.name).optional(),
  issuer: text(LIMITS.name).optional(),
  validTo: text(LIMITS.date).optional(),
});
export type PreApproval = z.infer<typeof preApprovalSchema>;

export const platformSchema = z.strictObject({
  os: z.enum(PLATFORM_OSES).optional(),
  packageName: text(LIMITS.packageName).optional(),
  bundleId: text(LIMITS.bundleId).optional(),
  publicKey: text(LIMITS.publicKey).optional(),
  signatureMd5: text(LIMITS.digest).optional(),
});
export type Platform = z.infer<typeof platformSchema>;

export const sdkSchema = z.strictObject({
  name: text(LIMITS.name).optional(),
  provider: text(LIMITS.name).optional(),
  purpose: text(LIMITS.name).optional(),
});
export type Sdk = z.infer<typeof sdkSchema>;

export const domainSchema = z.strictObject({
  name: text(LIMITS.domain).optional(),
  registrant: text(LIMITS.name).optional(),
  registrar: text(LIMITS.shortText).optional(),
  expiresOn: text(LIMITS.date).optional(),
  realNameVerified: z.boolean().optional(),
});
export type AppDomain = z.infer<typeof domainSchema>;

export const appSchema = z.strictObject({
  name: text(LIMITS.appName).optional(),
  serviceType: z.enum(SERVICE_TYPES).optional(),
  categories: z.array(text(LIMITS.shortText)).max(10).optional(),
  languages: z.array(text(LIMITS.shortText)).max(20).optional(),
  preApprovals: z.array(preApprovalSchema).max(20).optional(),
  platforms: z.array(platformSchema).max(PLATFORM_OSES.length * 2).optional(),
  sdks: z.array(sdkSchema).max(100).optional(),
  domains: z.array(domainSchema).max(50).optional(),
  principal: principalSchema.optional(),
});
export type App = z.infer<typeof appSchema>;

export const accessSchema = z.strictObject({
  awsAccountId: text(LIMITS.shortText).optional(),
  ips: z.array(text(LIMITS.ip)).max(50).optional(),
  accessRoleArn: text(LIMITS.arn).optional(),
  securityGroupIds: z.array(text(LIMITS.securityGroupId)).max(20).optional(),
});
export type Access = z.infer<typeof accessSchema>;

const targetFilingId = text(LIMITS.id).optional();

const newFilingSchema = z.strictObject({
  type: z.literal('NEW'),
  targetFilingId: z.null().optional(),
  entity: entitySchema.optional(),
  entityPrincipal: principalSchema.optional(),
  app: appSchema.optional(),
  access: accessSchema.optional(),
});

const changeEntitySchema = z.strictObject({
  type: z.literal('CHANGE_ENTITY'),
  targetFilingId,
  entity: entitySchema.optional(),
  entityPrincipal: principalSchema.optional(),
});

const changeInfoSchema = z.strictObject({
  type: z.literal('CHANGE_INFO'),
  targetFilingId,
  entityPrincipal: principalSchema.optional(),
  app: appSchema.optional(),
});

/** CHANGE_IP may change nothing but the IPs of the Internet information service. */
const changeIpSchema = z.strictObject({
  type: z.literal('CHANGE_IP'),
  targetFilingId,
  access: z.strictObject({ ips: accessSchema.shape.ips }).optional(),
});

const cancellation = <T extends 'CANCEL_ENTITY' | 'CANCEL_APP' | 'CANCEL_ACCESS'>(type: T) =>
  z.strictObject({ type: z.literal(type), targetFilingId, reason: text(LIMITS.text).optional() });

/** One filing document (docs/design/filing.md), discriminated by `type`. */
export const filingDocumentSchema = z.discriminatedUnion('type', [
  newFilingSchema,
  changeEntitySchema,
  changeInfoSchema,
  changeIpSchema,
  cancellation('CANCEL_ENTITY'),
  cancellation('CANCEL_APP'),
  cancellation('CANCEL_ACCESS'),
]);
export type FilingDocument = z.infer<typeof filingDocumentSchema>;
export type NewFiling = Extract<FilingDocument, { type: 'NEW' }>;
export type ChangeEntityFiling = Extract<FilingDocument, { type: 'CHANGE_ENTITY' }>;
export type ChangeInfoFiling = Extract<FilingDocument, { type: 'CHANGE_INFO' }>;
export type ChangeIpFiling = Extract<FilingDocument, { type: 'CHANGE_IP' }>;

/** `PUT /v1/account` (docs/design/api.md). */
export const accountProfileSchema = z.strictObject({
  companyName: text(LIMITS.name),
  email: text(LIMITS.email),
  mobile: text(LIMITS.mobile),
  verificationIp: text(LIMITS.ip),
  accessRoleArn: text(LIMITS.arn),
  acceptPrivacyPolicy: z.boolean(),
});
export type AccountProfile = z.infer<typeof accountProfileSchema>;

/** `POST /v1/eligibility` (docs/design/api.md); `isQuickApp` is an optional addition. */
export const eligibilityQuestionSchema = z.strictObject({
  appIsOffline: z.boolean(),
  isMiniProgram: z.boolean(),
  isQuickApp: z.boolean().optional(),
  entityKind: z.enum(ENTITY_KINDS),
  province: text(LIMITS.shortText),
});
export type EligibilityQuestion = z.infer<typeof eligibilityQuestionSchema>;

export const REVIEW_DECISIONS = ['APPROVE', 'REJECT'] as const;

/** `POST /v1/review/tasks/{taskId}/decision` (docs/design/api.md). */
export const reviewDecisionSchema = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  reasons: z
    .array(
      z.strictObject({
        code: text(LIMITS.id),
        message: text(LIMITS.text),
        messageZh: text(LIMITS.text).optional(),
        path: text(LIMITS.name).optional(),
      }),
    )
    .max(50)
    .optional(),
  recordNumber: text(LIMITS.recordNumber).optional(),
  paperMaterialsReceived: z.boolean().optional(),
});
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const ATTACHMENT_KINDS = [
  'ENTITY_CERTIFICATE',
  'ENTITY_PRINCIPAL_ID',
  'APP_PRINCIPAL_ID',
  'APP_PRINCIPAL_PHOTO',
  'AUTHENTICITY_FORM',
  'DOMAIN_CERTIFICATE',
  'APP_ICON',
  'AUTHORIZATION_LETTER',
  'CONFIRMATION_LETTER',
  'COMMITMENT_LETTER',
  'PRE_APPROVAL_DOCUMENT',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** `POST /v1/filings/{id}/attachments` (docs/design/api.md). */
export const attachmentRequestSchema = z.strictObject({
  kind: z.enum(ATTACHMENT_KINDS),
  contentType: text(LIMITS.contentType),
  fileName: text(LIMITS.fileName),
});
export type AttachmentRequest = z.infer<typeof attachmentRequestSchema>;
