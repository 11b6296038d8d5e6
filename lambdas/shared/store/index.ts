/**
 * The data layer every handler shares: one DynamoDB table (table-design.ts), every
 * state-dependent write conditional on that state, typed failures (errors.ts).
 *
 * Calls per operation (DynamoDB commands): getFiling 1 · createFiling 1 · updateDraft 1 ·
 * transitionFiling 1 with `{current}` (else 2) · listFilings 1 per page · listEvents 1 ·
 * appendEvent 1 · getFilingWithGrants 1 · readHoldersAndFilings 1 · deleteDraft 3 (delete, events query, batch delete) · getAccount 1 ·
 * putAccount 2 · createTask 1 · claimTask 1 · markOverdue 1 · listOpenTasks 1 per stage ·
 * listOverdueCandidates 1 per stage · listApprovedFilings 1 per page · recordDrift 1 ·
 * clearDrift 1 · listDrift 1 per page (store/drift.ts).
 */
export type {
  AccountProfile,
  Actor,
  AuditEvent,
  Drift,
  Evidence,
  EvidenceItem,
  FilingDocument,
  FilingFieldChanges,
  FilingRecord,
  NewAuditEvent,
  NewFiling,
  NewTask,
  Page,
  PortsState,
  SeenUpload,
  TaskAnswer,
  TaskRecord,
  TaskReviewFacts,
  TaskState,
  TaskView,
  TransitionInput,
  UniquenessClaim,
  UniquenessCode,
  UniquenessKind,
} from './types.js';
export {
  BadCursorError,
  ConcurrentUpdateError,
  FilingExistsError,
  NotFoundError,
  StoreError,
  TaskAlreadyDecidedError,
  UniquenessError,
  VersionMismatchError,
  WrongStatusError,
} from './errors.js';
export { getFiling, listFilings, MAX_PAGE_SIZE, type ListFilingsOptions } from './filing-reads.js';
export { createFiling, deleteDraft, filingIdForIdempotencyKey, newFilingId, requestBodyHash, updateDraft, type CreateFilingOptions, type UpdateDraftOptions } from './drafts.js';
export { transitionFiling, type TransitionOptions } from './transitions.js';
export { appendEvent, listEvents } from './audit-trail.js';
export { answerTask, listUnappliedAnswers, markAnswerApplied, type AnswerTaskInput } from './task-answers.js';
export { getAccount, putAccount, type AccountRecord } from './accounts.js';
export { getFilingAndAccount, getFilingWithEvents, getFilingWithGrants } from './filing-snapshots.js';
export { readHoldersAndFilings, type HoldersAndFilings } from './claim-holders.js';
export { clearDrift, DRIFT_ACTOR, listApprovedFilings, listDrift, recordDrift, type DriftListing, type DriftWrite } from './drift.js';
export { APPROVED_SHARDS } from './keys.js';
export {
  claimTask,
  createTask,
  getTask,
  getTaskForDecision,
  listOpenTasks,
  listOverdueCandidates,
  markOverdue,
  newTaskId,
  type ListOpenTasksOptions,
} from './tasks.js';
export {
  accountEntityClaim,
  appNameClaim,
  claimChange,
  conflictCode,
  emailClaim,
  entityBusyClaim,
  heldClaimsOf,
  mobileClaim,
  normaliseEmail,
  normaliseMobile,
  planClaims,
  claimsOf,
  uniquenessClaimOf,
  type ClaimChange,
  type ClaimChangeOptions,
} from './uniqueness.js';
export { idempotencyPersistence } from './idempotency.js';
export { decodeCursor, encodeCursor } from './cursor.js';
export { CURSOR_SECRET_ARN_ENV, CURSOR_SECRET_ENV, cursorKey } from './cursor-key.js';
export { tableName } from './table.js';
export { TABLE_DESIGN, KEY_ATTRIBUTE_TYPE, type TableDesign } from './table-design.js';
export { listUploadGrants, recordUploadGrant, type UploadGrant } from './upload-grants.js';
