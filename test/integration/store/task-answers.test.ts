import {
  answerTask,
  createFiling,
  getFiling,
  getTaskForDecision,
  listEvents,
  listOpenTasks,
  listUnappliedAnswers,
  markAnswerApplied,
  markOverdue,
  newTaskId,
  TaskAlreadyDecidedError,
  transitionFiling,
  WrongStatusError,
  type FilingRecord,
} from '../../../lambdas/shared/store/index.js';
import { settle, useStoreTable } from './support.js';

useStoreTable('store-task-answers');

const ACCOUNT = '111111111111';
const REVIEWER = 'arn:aws-cn:iam::999999999999:role/IcpReviewer';
const reason = { path: 'app.name', code: 'NAME_MISLEADING', message: 'misleading', messageZh: '名称有误导性' };

/** A filing waiting in PRELIMINARY_REVIEW on an open task (overdue already: deadline passed). */
async function inReview(): Promise<{ filing: FilingRecord; taskId: string }> {
  const created = await createFiling({ accountId: ACCOUNT, type: 'NEW', document: {} });
  const taskId = newTaskId();
  const filing = await transitionFiling(
    {
      filingId: created.filingId,
      from: ['DRAFT'],
      to: 'PRELIMINARY_REVIEW',
      actor: 'workflow',
      task: { taskId, token: `token-${taskId}`, stage: 'PRELIMINARY_REVIEW', filingId: created.filingId, accountId: ACCOUNT, deadline: '2020-01-01T00:00:00Z' },
    },
    { current: created },
  );
  return { filing, taskId };
}

const reject = (filing: FilingRecord, taskId: string, by = REVIEWER) =>
  answerTask({
    taskId,
    stage: 'PRELIMINARY_REVIEW',
    filingId: filing.filingId,
    waitingStatus: 'PRELIMINARY_REVIEW',
    eventType: 'DECISION_RECORDED',
    answer: { decision: 'REJECT', reasons: [reason], by },
  });

describe('answerTask: a decision is data first', () => {
  it('records the decision with the claim and its audit event, and keeps it unapplied until handed over', async () => {
    const { filing, taskId } = await inReview();
    const answer = await reject(filing, taskId);
    const task = await getTaskForDecision(taskId);
    expect(task).toMatchObject({ state: 'DECIDED', decidedBy: REVIEWER, answer: { decision: 'REJECT', reasons: [reason], by: REVIEWER, at: answer.at } });
    expect(task?.appliedAt).toBeUndefined();
    expect((await listEvents(filing.filingId)).at(-1)).toMatchObject({ type: 'DECISION_RECORDED', actor: REVIEWER, reasons: [reason], details: { taskId, decision: 'REJECT' } });
    expect((await listOpenTasks({ stage: 'PRELIMINARY_REVIEW', limit: 100 })).items.map((t) => t.taskId)).not.toContain(taskId);
    // An answered task is not escalated as overdue.
    expect(await markOverdue(taskId)).toBeNull();

    const later = new Date(Date.now() + 1000).toISOString();
    expect(await listUnappliedAnswers(later)).toContain(taskId);
    await markAnswerApplied(taskId);
    expect(await listUnappliedAnswers(later)).not.toContain(taskId);
    expect((await getTaskForDecision(taskId))?.appliedAt).toEqual(expect.any(String));
  });

  it('lets exactly one of 10 concurrent decisions win, and records only that one', async () => {
    const { filing, taskId } = await inReview();
    const { fulfilled, rejected } = await settle(Array.from({ length: 10 }, (_, i) => reject(filing, taskId, `${REVIEWER}-${i}`)));
    expect(fulfilled).toHaveLength(1);
    expect(rejected.every((e) => e instanceof TaskAlreadyDecidedError)).toBe(true);
    expect((await listEvents(filing.filingId)).filter((e) => e.type === 'DECISION_RECORDED')).toHaveLength(1);
  });

  it('lets a decision and a withdrawal race with exactly one winner, and the winner is in the audit trail', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { filing, taskId } = await inReview();
      const withdraw = transitionFiling({ filingId: filing.filingId, from: ['PRELIMINARY_REVIEW'], to: 'WITHDRAWN', actor: ACCOUNT, cancelOpenTaskId: taskId }, { current: filing });
      const [decided, withdrawn] = await Promise.allSettled([reject(filing, taskId), withdraw]);
      expect([decided.status, withdrawn.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const loser = decided.status === 'rejected' ? decided.reason : (withdrawn as PromiseRejectedResult).reason;
      expect(loser instanceof TaskAlreadyDecidedError || loser instanceof WrongStatusError).toBe(true);
      const trail = (await listEvents(filing.filingId)).map((e) => e.type === 'STATUS_CHANGED' ? `${e.type}:${e.to}` : e.type);
      if (decided.status === 'fulfilled') {
        expect(trail).toContain('DECISION_RECORDED');
        expect((await getFiling(filing.filingId))?.status).toBe('PRELIMINARY_REVIEW');
      } else {
        expect(trail).toContain('STATUS_CHANGED:WITHDRAWN');
        expect(trail).not.toContain('DECISION_RECORDED');
      }
    }
  });
});
