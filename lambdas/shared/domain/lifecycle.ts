/** Statuses, application types and callback stages of docs/design/lifecycle.md (the contract's names). */

export const FILING_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'AWAITING_VERIFICATION',
  'PRELIMINARY_REVIEW',
  'AWAITING_SMS_VERIFICATION',
  'CA_REVIEW',
  'APPROVED',
  'RETURNED',
  'WITHDRAWN',
  'CANCELLED',
] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/** Statuses nothing moves on from. */
export const FINAL_STATUSES: readonly FilingStatus[] = ['APPROVED', 'WITHDRAWN', 'CANCELLED'];

/** Statuses in which a workflow execution is running for the filing. */
export const IN_WORKFLOW_STATUSES: readonly FilingStatus[] = [
  'SUBMITTED',
  'AWAITING_VERIFICATION',
  'PRELIMINARY_REVIEW',
  'AWAITING_SMS_VERIFICATION',
  'CA_REVIEW',
];

export const APPLICATION_TYPES = [
  'NEW',
  'CHANGE_ENTITY',
  'CHANGE_INFO',
  'CHANGE_IP',
  'CANCEL_ENTITY',
  'CANCEL_APP',
  'CANCEL_ACCESS',
] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

/** Callback stages (`.waitForTaskToken` states) and the status a filing has while in each. */
export const CALLBACK_STAGES = {
  VERIFICATION: 'AWAITING_VERIFICATION',
  PRELIMINARY_REVIEW: 'PRELIMINARY_REVIEW',
  SMS_VERIFICATION: 'AWAITING_SMS_VERIFICATION',
  CA_DECISION: 'CA_REVIEW',
} as const satisfies Record<string, FilingStatus>;
export type CallbackStage = keyof typeof CALLBACK_STAGES;

/** Stages a reviewer answers (`/v1/review/tasks?stage=`); the others the customer reports. */
export const REVIEWER_STAGES = ['PRELIMINARY_REVIEW', 'CA_DECISION'] as const satisfies readonly CallbackStage[];

export const VERIFICATION_METHODS = ['ELECTRONIC', 'MANUAL'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** Statuses in which the customer may edit a filing and upload its attachments. */
export const EDITABLE_STATUSES: readonly FilingStatus[] = ['DRAFT', 'RETURNED'];

/**
 * Statuses a customer may withdraw from: before the application reaches the Communications
 * Administration (SubmitToAdministration runs before the SMS verification, so from
 * AWAITING_SMS_VERIFICATION on it is the Administration's), and a RETURNED filing the customer
 * gives up on. A DRAFT is deleted instead.
 */
export const WITHDRAWABLE_STATUSES: readonly FilingStatus[] = ['SUBMITTED', 'AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'RETURNED'];
