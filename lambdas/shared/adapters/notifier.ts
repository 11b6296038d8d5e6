import { PublishCommand } from '@aws-sdk/client-sns';
import { createLogger } from '../logging/logger.js';
import type { CallbackStage } from '../domain/lifecycle.js';
import { sns } from './clients.js';
import { installedAdapter } from './composition.js';

/**
 * Notices to people through SNS: reviewers (new and overdue tasks, `REVIEWER_TOPIC_ARN`) and
 * operators (`ALARM_TOPIC_ARN`). A notice names ids only, never PII.
 */
export interface ReviewerNotice {
  kind: 'TASK_CREATED' | 'TASK_OVERDUE';
  taskId: string;
  stage: CallbackStage;
  filingId: string;
  deadline: string;
}

/** A filing whose resources no longer hold (docs/design/api.md "Drift check"): ids and codes only. */
export interface DriftNotice {
  filingId: string;
  accountId: string;
  checkedAt: string;
  codes: string[];
}

export interface OperatorNotice {
  subject: string;
  message: string;
  filingId?: string;
}

export type Audience = 'reviewers' | 'operators';
export type NoticeSink = (audience: Audience, subject: string, message: string, attributes: Record<string, string>) => Promise<void>;

const logger = createLogger();

const TOPICS: Record<Audience, string> = { reviewers: 'REVIEWER_TOPIC_ARN', operators: 'ALARM_TOPIC_ARN' };

/** SNS Publish to the audience's topic; without a topic (a stack without one), the notice is logged. */
const snsSink: NoticeSink = async (audience, subject, message, attributes) => {
  const topicArn = process.env[TOPICS[audience]];
  if (!topicArn) return logNotices(audience, subject, message, attributes);
  await sns().send(
    new PublishCommand({
      TopicArn: topicArn,
      // SNS subjects: ASCII, at most 100 characters.
      Subject: subject.replace(/[^\x20-\x7e]/g, '?').slice(0, 100),
      Message: message,
      MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
    }),
  );
};

const sink: NoticeSink = (...notice) => (installedAdapter('notices') ?? snsSink)(...notice);

/** Notices written to the log: what the local platform installs (it has no SNS). */
export const logNotices: NoticeSink = async (audience, subject, message, attributes) => {
  logger.info('notice', { audience, subject, body: message, attributes }); // 'message' is the logger's own key
};

export async function notifyReviewers(notice: ReviewerNotice): Promise<void> {
  const what = notice.kind === 'TASK_CREATED' ? 'New review task' : 'Review task overdue';
  const message = JSON.stringify({ ...notice, text: `${what}: ${notice.stage} of filing ${notice.filingId}, deadline ${notice.deadline}` });
  await sink('reviewers', `${what}: ${notice.stage}`, message, { kind: notice.kind, stage: notice.stage });
}

export async function notifyReviewersOfDrift(notice: DriftNotice): Promise<void> {
  const message = JSON.stringify({ kind: 'DRIFT_DETECTED', ...notice, text: `Drift on approved filing ${notice.filingId} (account ${notice.accountId}): ${notice.codes.join(', ')}` });
  await sink('reviewers', 'Approved filing drifted', message, { kind: 'DRIFT_DETECTED' });
}

export async function notifyOperators(notice: OperatorNotice): Promise<void> {
  await sink('operators', notice.subject, JSON.stringify(notice), notice.filingId ? { filingId: notice.filingId } : {});
}
