import type { ApplicationType, CallbackStage, FilingStatus, VerificationMethod } from '../domain/lifecycle.js';
import type { Problem } from '../domain/problem.js';
import type { AttachmentKind } from '../domain/schemas.js';

/**
 * The filing document as the customer sent it (docs/design/filing.md). The domain's zod-inferred
 * `FilingDocument` replaces this alias when it lands; this is the only place to change.
 */
export type FilingDocument = Record<string, unknown>;

/** The account profile (docs/design/api.md `PUT /v1/account`), as the domain's schema defines it. */
export type { AccountProfile } from '../domain/schemas.js';

/** Ports opened on approval (docs/design/filing.md `ports`). */
export interface PortsState {
  open: boolean;
  securityGroupIds: string[];
  openedAt?: string;
  closedAt?: string;
}

/** The last drift check's findings on an approved filing (docs/design/api.md "Drift check"). */
export interface Drift {
  checkedAt: string;
  problems: Problem[];
}

/** Who did something: the customer's account, a reviewer principal, or the workflow. */
export type Actor = string;

/** The stored filing (one item, pk FILING#<filingId> / sk FILING). */
export interface FilingRecord {
  filingId: string;
  accountId: string;
  type: ApplicationType;
  targetFilingId?: string;
  document: FilingDocument;
  status: FilingStatus;
  /** +1 on every write; the HTTP `ETag`. */
  version: number;
  /** How many times it was submitted (execution name `<filingId>-r<revision>`). */
  revision: number;
  verificationMethod?: VerificationMethod;
  /** Why it was last returned (empty otherwise). */
  reasons: Problem[];
  recordNumber?: string;
  ports?: PortsState;
  /** Set while the drift check finds the approved filing's resources no longer hold. */
  drift?: Drift;
  /** When the drift check last found a drifted filing whole again (the `Filing Drift Cleared` event's time). */
  driftClearedAt?: string;
  /** Deadline of the stage it waits in (ISO 8601). */
  deadline?: string;
  openTaskId?: string;
  /**
   * The open task's Step Functions token, beside its id (written and removed with it), so that a
   * customer's report needs no read of the task. Server-side only like the task's own copy:
   * never in a representation (http/representations.ts lists what a filing shows).
   */
  openTaskToken?: string;
  executionArn?: string;
  /** The uniqueness items this filing holds (hashed, no PII), so that each change gives back exactly what it no longer carries (uniqueness.ts). */
  heldClaims?: UniquenessClaim[];
  /** The attachments frozen at the last submit (docs/durability.md "Evidence"). */
  evidence?: Evidence;
  /** SHA-256 of the create request's body, on a filing created with an `Idempotency-Key` (drafts.ts). */
  requestBodyHash?: string;
  createdAt: string;
  updatedAt: string;
}

/** What a caller gives to create a draft; the store adds status DRAFT, version 1, revision 0, times. */
export interface NewFiling {
  /** Generated (opaque, random) when absent. */
  filingId?: string;
  accountId: string;
  type: ApplicationType;
  targetFilingId?: string;
  document: FilingDocument;
  verificationMethod?: VerificationMethod;
}

/**
 * Fields a transition may set besides status and version. `null` removes the attribute.
 * `openTaskId`, `openTaskToken` and `deadline` are removed by every transition unless given
 * here or by a new task (they belong to the stage being left).
 */
export interface FilingFieldChanges {
  type?: ApplicationType;
  targetFilingId?: string | null;
  document?: FilingDocument;
  revision?: number;
  verificationMethod?: VerificationMethod | null;
  recordNumber?: string | null;
  ports?: PortsState | null;
  deadline?: string | null;
  openTaskId?: string | null;
  openTaskToken?: string | null;
  executionArn?: string | null;
  /** Only ever removed by a transition (leaving APPROVED); the drift check sets it (store/drift.ts). */
  drift?: null;
  heldClaims?: UniquenessClaim[] | null;
  evidence?: Evidence | null;
}

/** One counted upload as submitted: a copy under a key no upload grant can write, and its digest. */
export interface EvidenceItem {
  kind: AttachmentKind;
  attachmentId: string;
  /** The copy: `evidence/<filingId>/r<revision>/<submitId>/<kind>/<attachmentId>`. */
  key: string;
  sha256: string;
  size: number;
  contentType: string;
  /** When the customer's upload was written and its grant issued (the counted-upload rule's inputs). */
  lastModified: string;
  grantedAt: string;
  /** The uploaded object's version id, where the bucket is versioned (S3 on AWS). */
  sourceVersionId?: string;
}

/** An upload as listed at submit: a later write under its key changes its ETag. */
export interface SeenUpload {
  attachmentId: string;
  lastModified: string;
  etag?: string;
}

/** What a submit froze: exactly the objects the workflow checks and the reviewer downloads. */
export interface Evidence {
  revision: number;
  frozenAt: string;
  items: EvidenceItem[];
  /** The uploads present at submit (the newest 300), to name what was written after. */
  seen?: SeenUpload[];
}

/** Kinds of uniqueness claim (docs/design/rules.md / docs/design/api.md codes are derived from them). */
export type UniquenessKind = 'EMAIL' | 'MOBILE' | 'APP_NAME' | 'ENTITY_BUSY';
/** The conflict code reported for each kind. */
export type UniquenessCode = 'EMAIL_TAKEN' | 'MOBILE_TAKEN' | 'APP_NAME_TAKEN' | 'ENTITY_BUSY';

/**
 * One uniqueness item: `UNIQUE#<kind>#<value>` owned by `ownerId` (an account id for
 * EMAIL/MOBILE, a filing id for APP_NAME/ENTITY_BUSY). Claiming one you already own succeeds;
 * releasing one that does not exist succeeds; releasing another owner's fails the write.
 */
export interface UniquenessClaim {
  kind: UniquenessKind;
  /** Already normalised and, for PII, hashed: build with the helpers in uniqueness.ts. */
  value: string;
  ownerId: string;
}

/** An audit event (docs/design/api.md `GET /v1/filings/{id}/events`). */
export interface AuditEvent {
  at: string;
  type: string;
  from?: FilingStatus;
  to?: FilingStatus;
  actor: Actor;
  reasons: Problem[];
  /** Extra facts of non-status events (attachment id, task id …); no PII. */
  details?: Record<string, unknown>;
}

export type NewAuditEvent = Omit<AuditEvent, 'at' | 'reasons'> & { at?: string; reasons?: Problem[] };

export type TaskState = 'OPEN' | 'DECIDED' | 'CANCELLED';

/** A callback task as HTTP may show it: never the token. */
export interface TaskView {
  taskId: string;
  stage: CallbackStage;
  filingId: string;
  accountId: string;
  createdAt: string;
  deadline: string;
  overdue: boolean;
}

/** What was answered: APPROVE/REJECT by a reviewer, REPORTED by the customer. */
export interface TaskAnswer {
  decision: 'APPROVE' | 'REJECT' | 'REPORTED';
  /** Why (REJECT): stored as the filing's reasons when applied. */
  reasons?: Problem[];
  /** CA approval of a NEW filing. */
  recordNumber?: string;
  paperMaterialsReceived?: boolean;
  by: Actor;
  at: string;
}

/**
 * What a reviewer's decision is checked against beside its stage, fixed while the filing is in
 * the workflow: recorded on a reviewer's task when it is created (application/review-facts.ts).
 */
export interface TaskReviewFacts {
  type: ApplicationType;
  verificationMethod: VerificationMethod;
  provinceCode: string;
}

/** The full task, as the server sees it (state, decision, token). */
export interface TaskRecord extends TaskView {
  state: TaskState;
  token: string;
  overdueAt?: string;
  decidedBy?: Actor;
  decidedAt?: string;
  /** The recorded answer (task-answers.ts); absent for a task claimed without one. */
  answer?: TaskAnswer;
  /** When the answer was handed to the workflow. */
  appliedAt?: string;
  /** A reviewer's task: what its decision is checked against (absent on older tasks). */
  review?: TaskReviewFacts;
}

export interface NewTask {
  /** Opaque random id (`newTaskId()`). */
  taskId: string;
  /** The Step Functions task token. */
  token: string;
  stage: CallbackStage;
  filingId: string;
  accountId: string;
  /** ISO 8601 instant. */
  deadline: string;
  /** A reviewer's task: what its decision is checked against. */
  review?: TaskReviewFacts;
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export interface TransitionInput {
  filingId: string;
  /** The filing must be in one of these. */
  from: readonly FilingStatus[];
  to: FilingStatus;
  /** When given, the filing's version must equal it. */
  expectedVersion?: number;
  actor: Actor;
  /** Stored on the filing (replacing the previous ones) and in the event; default []. */
  reasons?: Problem[];
  set?: FilingFieldChanges;
  claims?: UniquenessClaim[];
  releases?: UniquenessClaim[];
  /** A callback task to store in the same transaction (the filing's `openTaskId`/`deadline` follow it). */
  task?: NewTask;
  /** A task to close in the same transaction (a replaced task). */
  cancelTaskId?: string;
  /** An open task to close in the same transaction; `TaskAlreadyDecidedError` when it was answered meanwhile (withdraw). */
  cancelOpenTaskId?: string;
  /** Extra facts for the audit event. */
  details?: Record<string, unknown>;
  /**
   * The audit event's type: default `STATUS_CHANGED`, or `FILING_UPDATED` when `to` is the
   * status it already has (a change applied to an approved target); only a real status
   * change is published to EventBridge.
   */
  eventType?: string;
}
