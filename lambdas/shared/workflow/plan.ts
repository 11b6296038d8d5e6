import { CALLBACK_STAGES, type ApplicationType, type CallbackStage } from '../domain/lifecycle.js';
import { stageDeadline } from '../domain/index.js';
import { installedAdapter } from '../adapters/composition.js';

/** Which steps each application type runs (docs/design/lifecycle.md, the table under "The workflow"). */
export interface TypeSteps {
  resources: boolean;
  attachments: boolean;
  /** Electronic verification (only when the filing's method is ELECTRONIC). */
  verification: boolean;
  sms: boolean;
  /** What step 9 does to the security groups. */
  ports: 'OPEN' | 'CLOSE' | 'NONE';
}

export const STEPS_BY_TYPE: Record<ApplicationType, TypeSteps> = {
  NEW: { resources: true, attachments: true, verification: true, sms: true, ports: 'OPEN' },
  CHANGE_ENTITY: { resources: false, attachments: true, verification: true, sms: true, ports: 'NONE' },
  CHANGE_INFO: { resources: false, attachments: true, verification: true, sms: true, ports: 'NONE' },
  CHANGE_IP: { resources: true, attachments: false, verification: false, sms: true, ports: 'OPEN' },
  CANCEL_APP: { resources: false, attachments: false, verification: false, sms: true, ports: 'CLOSE' },
  CANCEL_ENTITY: { resources: false, attachments: false, verification: false, sms: true, ports: 'CLOSE' },
  CANCEL_ACCESS: { resources: false, attachments: false, verification: false, sms: false, ports: 'CLOSE' },
};

/**
 * Reviewer stages keep waiting past their deadline (escalated by the deadlines function);
 * this long after it the callback times out and the filing is returned (REVIEW_EXPIRED), so
 * no execution waits for ever (Standard executions end after one year).
 */
export const REVIEW_GRACE_SECONDS = 30 * 24 * 3600;

const isReviewerStage = (stage: CallbackStage) => stage === 'PRELIMINARY_REVIEW' || stage === 'CA_DECISION';

/** Seconds a callback state waits when entered at `now` (its `TimeoutSecondsPath`). */
export function callbackTimeoutSeconds(stage: CallbackStage, now: Date): number {
  const deadline = stageDeadline(stage, now);
  const untilDeadline = Math.ceil((deadline.getTime() - now.getTime()) / 1000);
  return Math.max(1, untilDeadline + (isReviewerStage(stage) ? REVIEW_GRACE_SECONDS : 0));
}

export type CallbackTimeoutPolicy = (stage: CallbackStage, now: Date) => number;


/** The `timeoutSeconds` of the workflow state: every callback stage, as if entered at `now`. */
export function callbackTimeouts(now: Date): Record<CallbackStage, number> {
  const stages = Object.keys(CALLBACK_STAGES) as CallbackStage[];
  const policy = installedAdapter('callbackTimeouts') ?? callbackTimeoutSeconds;
  return Object.fromEntries(stages.map((stage) => [stage, policy(stage, now)])) as Record<CallbackStage, number>;
}
