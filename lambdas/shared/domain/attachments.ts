import type { AccountProfile, AttachmentKind, FilingDocument } from './schemas';
import type { VerificationMethod } from './lifecycle';
import type { Problem } from './problem';

export interface AttachmentConstraints {
  contentTypes: string[];
  minBytes: number;
  maxBytes: number;
  minWidth?: number;
  minHeight?: number;
  /** minWidth/minHeight may be met in either orientation. */
  anyOrientation?: boolean;
  square?: boolean;
  colour?: boolean;
}
export interface Requirement {
  kind: AttachmentKind;
  required: boolean;
  reason: string;
  reasonZh: string;
  constraints: AttachmentConstraints;
}
export const ATTACHMENT_CONSTRAINTS = {} as Record<AttachmentKind, AttachmentConstraints>;
export function sniffFormat(_head: Uint8Array): 'image/jpeg' | 'image/png' | 'application/pdf' | undefined {
  return undefined;
}
export function attachmentRequirements(
  _document: FilingDocument,
  _account: AccountProfile | undefined,
  _method: VerificationMethod,
  _target?: FilingDocument,
): Requirement[] {
  return [];
}
export function checkAttachmentBytes(_kind: AttachmentKind, _object: { contentLength: number; head: Uint8Array }): Problem[] {
  return [];
}
