/**
 * Attachments (docs/design/rules.md "Attachments"): which kinds a filing needs and why, each kind's
 * constraints, and the check of an uploaded object's bytes.
 */
import { imageSize } from 'image-size';
import { applyChange } from './change.js';
import { sectionsOf } from './field-rules.js';
import type { VerificationMethod } from './lifecycle.js';
import { byteText, phrase, preApprovalLabel, problem, type PhraseRef, type RuleCode } from '../messages/index.js';
import type { Problem } from './problem.js';
import { categoryById } from './reference-data.js';
import { ATTACHMENT_KINDS, type AccountProfile, type AttachmentKind, type FilingDocument } from './schemas.js';
import { sameName } from './comparable.js';

export { ATTACHMENT_KINDS };

export type AttachmentFormat = 'image/jpeg' | 'image/png' | 'application/pdf';

export interface AttachmentConstraints {
  contentTypes: AttachmentFormat[];
  minBytes: number;
  maxBytes: number;
  minWidth?: number;
  minHeight?: number;
  /** minWidth × minHeight may be met in either orientation. */
  anyOrientation?: boolean;
  square?: boolean;
  colour?: boolean;
}

export interface Requirement {
  kind: AttachmentKind;
  required: boolean;
  reason: string;
  reasonZh: string;
  /** The rule that makes the kind required, where docs/design/rules.md names one (AUTHORIZATION_LETTER_REQUIRED). */
  reasonCode?: RuleCode;
  constraints: AttachmentConstraints;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const IMAGES: AttachmentFormat[] = ['image/jpeg', 'image/png'];
const DOCUMENTS: AttachmentFormat[] = ['application/pdf', 'image/jpeg', 'image/png'];
const photo = { contentTypes: IMAGES, minBytes: 100 * KiB, maxBytes: 200 * KiB, colour: true };
const identityDocument = { ...photo, minWidth: 720, minHeight: 1280, anyOrientation: true };
const scannedDocument = { contentTypes: DOCUMENTS, minBytes: 1, maxBytes: 5 * MiB };

/** Each kind's constraints (docs/design/rules.md table); the presigned POST policy enforces type and size. */
export const ATTACHMENT_CONSTRAINTS: Readonly<Record<AttachmentKind, AttachmentConstraints>> = {
  ENTITY_CERTIFICATE: { ...photo, minWidth: 1500, minHeight: 1100 },
  ENTITY_PRINCIPAL_ID: identityDocument,
  APP_PRINCIPAL_ID: identityDocument,
  APP_PRINCIPAL_PHOTO: photo,
  AUTHENTICITY_FORM: scannedDocument,
  DOMAIN_CERTIFICATE: scannedDocument,
  APP_ICON: { contentTypes: ['image/png', 'image/jpeg'], minBytes: 1, maxBytes: 100 * KiB, square: true },
  AUTHORIZATION_LETTER: scannedDocument,
  CONFIRMATION_LETTER: scannedDocument,
  COMMITMENT_LETTER: scannedDocument,
  PRE_APPROVAL_DOCUMENT: scannedDocument,
};

/** Provinces whose Communications Administration asks for a commitment letter with electronic verification. */
const COMMITMENT_LETTER_PROVINCES = ['310000', '640000', '140000', '440000'];

type ReasonKey = 'ALWAYS' | 'AUTHORIZATION' | 'CONFIRMATION' | 'COMMITMENT' | 'CHANGE' | 'CHANGE_ENTITY'
  | 'CHANGE_ENTITY_PRINCIPAL' | 'CHANGE_APP_PRINCIPAL' | 'CHANGE_APP' | 'NOT_APPLICABLE';

function requirement(kind: AttachmentKind, required: boolean, reasonKey: ReasonKey, detail?: PhraseRef): Requirement {
  const why: PhraseRef = { phrase: `requirement:${reasonKey}` };
  const text = detail ? phrase('requirementFor', { reason: why, detail }) : phrase(why.phrase);
  return {
    kind,
    required,
    reason: text.en,
    reasonZh: text['zh-CN'],
    ...(reasonKey === 'AUTHORIZATION' ? { reasonCode: 'AUTHORIZATION_LETTER_REQUIRED' as const } : {}),
    constraints: ATTACHMENT_CONSTRAINTS[kind],
  };
}

/** The two persons in charge are different people (compared by identity document number). */
export function needsAuthorizationLetter(filing: FilingDocument): boolean {
  const { entityPrincipal, app } = sectionsOf(filing);
  const a = entityPrincipal?.idNumber;
  const b = app?.principal?.idNumber;
  return a !== undefined && b !== undefined && a !== '' && b !== '' && a.toUpperCase() !== b.toUpperCase();
}

/** The entity is not the company the AWS account is registered to. */
export function needsConfirmationLetter(filing: FilingDocument, account: AccountProfile | undefined): boolean {
  const name = sectionsOf(filing).entity?.name;
  return name !== undefined && account !== undefined && !sameName(name, account.companyName);
}

function preApprovalDocuments(entries: { category?: string; documentNumber?: string }[], reasonKey: ReasonKey): Requirement[] {
  return entries.map((entry) => {
    const category = entry.category ? categoryById(entry.category) : undefined;
    return requirement('PRE_APPROVAL_DOCUMENT', true, reasonKey, preApprovalLabel(category, entry.category, entry.documentNumber));
  });
}

/**
 * The attachments a filing needs, each with why and its constraints (docs/design/rules.md): the NEW
 * table, or for a change AUTHENTICITY_FORM plus the documents of what it changes (pass the
 * target so that the resulting filing is judged); CHANGE_IP and cancellations need none.
 * Kinds that do not apply are listed with `required: false` for NEW.
 */
export function attachmentRequirements(
  filing: FilingDocument,
  account: AccountProfile | undefined,
  method: VerificationMethod,
  target?: FilingDocument,
): Requirement[] {
  switch (filing.type) {
    case 'NEW': {
      const preApprovals = filing.app?.preApprovals ?? [];
      const province = filing.entity?.province ?? '';
      return [
        ...(['ENTITY_CERTIFICATE', 'ENTITY_PRINCIPAL_ID', 'APP_PRINCIPAL_ID', 'APP_PRINCIPAL_PHOTO', 'AUTHENTICITY_FORM', 'DOMAIN_CERTIFICATE', 'APP_ICON'] as const)
          .map((kind) => requirement(kind, true, 'ALWAYS')),
        needsAuthorizationLetter(filing)
          ? requirement('AUTHORIZATION_LETTER', true, 'AUTHORIZATION')
          : requirement('AUTHORIZATION_LETTER', false, 'NOT_APPLICABLE'),
        needsConfirmationLetter(filing, account)
          ? requirement('CONFIRMATION_LETTER', true, 'CONFIRMATION')
          : requirement('CONFIRMATION_LETTER', false, 'NOT_APPLICABLE'),
        method === 'ELECTRONIC' && COMMITMENT_LETTER_PROVINCES.includes(province)
          ? requirement('COMMITMENT_LETTER', true, 'COMMITMENT')
          : requirement('COMMITMENT_LETTER', false, 'NOT_APPLICABLE'),
        ...(preApprovals.length > 0
          ? preApprovalDocuments(preApprovals, 'ALWAYS')
          : [requirement('PRE_APPROVAL_DOCUMENT', false, 'NOT_APPLICABLE')]),
      ];
    }
    case 'CHANGE_ENTITY': {
      const result = target ? applyChange(target, filing) : filing;
      const out = [
        requirement('AUTHENTICITY_FORM', true, 'CHANGE'),
        requirement('ENTITY_CERTIFICATE', true, 'CHANGE_ENTITY'),
        requirement('ENTITY_PRINCIPAL_ID', true, 'CHANGE_ENTITY'),
      ];
      if (needsConfirmationLetter(result, account)) out.push(requirement('CONFIRMATION_LETTER', true, 'CONFIRMATION'));
      if (target && filing.entityPrincipal && needsAuthorizationLetter(result)) out.push(requirement('AUTHORIZATION_LETTER', true, 'AUTHORIZATION'));
      return out;
    }
    case 'CHANGE_INFO': {
      const result = target ? applyChange(target, filing) : filing;
      const out = [requirement('AUTHENTICITY_FORM', true, 'CHANGE')];
      if (filing.entityPrincipal) out.push(requirement('ENTITY_PRINCIPAL_ID', true, 'CHANGE_ENTITY_PRINCIPAL'));
      if (filing.app?.principal) out.push(requirement('APP_PRINCIPAL_ID', true, 'CHANGE_APP_PRINCIPAL'));
      if ((filing.entityPrincipal || filing.app?.principal) && needsAuthorizationLetter(result)) {
        out.push(requirement('AUTHORIZATION_LETTER', true, 'AUTHORIZATION'));
      }
      const appFields = Object.keys(filing.app ?? {}).filter((k) => k !== 'principal');
      if (appFields.length > 0) out.push(requirement('APP_ICON', true, 'CHANGE_APP'));
      const before = new Set((target ? (sectionsOf(target).app?.preApprovals ?? []) : []).map((p) => `${p.category}|${p.documentNumber}`));
      const added = (filing.app?.preApprovals ?? []).filter((p) => !before.has(`${p.category}|${p.documentNumber}`));
      out.push(...preApprovalDocuments(added, 'CHANGE_APP'));
      return out;
    }
    default:
      return [];
  }
}

// ---------------------------------------------------------------- the bytes

/** The format of an object judged from its first bytes (magic numbers), not its name or declared type. */
export function sniffFormat(head: Uint8Array): AttachmentFormat | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return undefined;
}

/** JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic …), not DHT/JPG/DAC. */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Whether an image is in colour, from its header: PNG colour type (0 and 4 are grayscale),
 * JPEG component count in the frame header (1 is grayscale). Undefined when the header
 * does not tell.
 */
export function isColourImage(head: Uint8Array, format: AttachmentFormat): boolean | undefined {
  if (format === 'image/png') {
    const colourType = head[25];
    return colourType === undefined ? undefined : colourType !== 0 && colourType !== 4;
  }
  if (format === 'image/jpeg') {
    let i = 2;
    while (i + 9 < head.length) {
      if (head[i] !== 0xff) return undefined;
      const marker = head[i + 1]!;
      if (marker === 0xff) { i += 1; continue; } // fill byte
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { i += 2; continue; }
      if (SOF_MARKERS.has(marker)) return head[i + 9]! >= 3;
      if (marker === 0xda || marker === 0xd9) return undefined;
      i += 2 + ((head[i + 2]! << 8) | head[i + 3]!);
    }
  }
  return undefined;
}

const FORMAT_NAMES: Record<AttachmentFormat, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };


/**
 * An uploaded object against its kind's constraints: format sniffed from the bytes, size,
 * pixel size and colour from the header. `head` is the object's first bytes (64 KiB, or the
 * whole object when smaller, is enough for the image headers).
 */
export function checkAttachmentBytes(kind: AttachmentKind, object: { contentLength: number; head: Uint8Array }): Problem[] {
  const c = ATTACHMENT_CONSTRAINTS[kind];
  const path = `attachments.${kind}`;
  const problems: Problem[] = [];
  const format = sniffFormat(object.head);
  const accepted = c.contentTypes.map((t) => FORMAT_NAMES[t]).join(' / ');
  if (format === undefined || !c.contentTypes.includes(format)) problems.push(problem('ATTACHMENT_TYPE', path, { kind, accepted }));
  if (object.contentLength < c.minBytes || object.contentLength > c.maxBytes) {
    problems.push(problem('ATTACHMENT_SIZE', path, { kind, min: c.minBytes > 1 ? byteText(c.minBytes) : undefined, max: byteText(c.maxBytes), actual: object.contentLength }));
  }
  if (format === undefined || format === 'application/pdf' || !c.contentTypes.includes(format)) return problems;
  let width: number;
  let height: number;
  try {
    ({ width, height } = imageSize(object.head));
  } catch {
    problems.push(problem('ATTACHMENT_TYPE', path, { kind, accepted }));
    return problems;
  }
  const actual = `${width}×${height}`;
  if (c.minWidth !== undefined && c.minHeight !== undefined) {
    const fits = (w: number, h: number) => w >= c.minWidth! && h >= c.minHeight!;
    if (!(fits(width, height) || (c.anyOrientation === true && fits(height, width)))) {
      problems.push(problem('ATTACHMENT_RESOLUTION', path, {
        kind, minWidth: c.minWidth, minHeight: c.minHeight, anyOrientation: c.anyOrientation === true, actual,
      }));
    }
  }
  if (c.square && width !== height) {
    problems.push(problem('ATTACHMENT_RESOLUTION', path, { kind, square: true, actual }));
  }
  if (c.colour && isColourImage(object.head, format) === false) problems.push(problem('ATTACHMENT_NOT_COLOUR', path, { kind }));
  return problems;
}
