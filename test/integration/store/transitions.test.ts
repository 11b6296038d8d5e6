import {
  createFiling,
  entityBusyClaim,
  getFiling,
  getTask,
  getTaskForDecision,
  claimTask,
  listEvents,
  listOpenTasks,
  newTaskId,
  NotFoundError,
  transitionFiling,
  TaskAlreadyDecidedError,
  UniquenessError,
  VersionMismatchError,
  WrongStatusError,
  type FilingRecord,
} from '../../../lambdas/shared/store/index.js';
import { callsOf, captureEvents, settle, useStoreTable } from './support.js';

useStoreTable('store-transitions');
const { published, caughtUp } = captureEvents();

const ACCOUNT = '111111111111';
const CERT = '91640100MA77XXXXXX';
const draft = (certificateNumber = CERT) => createFiling({ accountId: ACCOUNT, type: 'NEW', document: { entity: { certificateNumber } } });
const reason = { path: 'access.ips.0', code: 'IP_NOT_OWNED', message: 'not yours', messageZh: '不属于该账号' };

describe('transitionFiling', () => {
  it('changes status, version and fields with its audit event in one call when given the current record, then publishes', async () => {
    const created = await draft();
    const { result: submitted, calls, byCommand } = await callsOf(() =>
      transitionFiling(
        { filingId: created.filingId, from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', actor: ACCOUNT, set: { revision: 1, executionArn: 'arn:aws-cn:states:cn-northwest-1:000000000000:execution:lifecycle:x-r1' } },
        { current: created },
      ),
    );
    expect(calls).toBe(1);
    expect(byCommand).toEqual({ TransactWriteItemsCommand: 1 });
    expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 2, revision: 1, reasons: [] });
    expect(await getFiling(created.filingId)).toEqual(submitted);

    const events = await listEvents(created.filingId);
    expect(events.at(-1)).toEqual({ at: submitted.updatedAt, type: 'STATUS_CHANGED', from: 'DRAFT', to: 'SUBMITTED', actor: ACCOUNT, reasons: [] });
    await caughtUp();
    expect(published).toEqual([
      { detailType: 'Filing Status Changed', detail: { filingId: created.filingId, accountId: ACCOUNT, type: 'NEW', from: 'DRAFT', to: 'SUBMITTED', reasons: [] } },
    ]);
  });

  it('reads first when not given the record (2 calls), records the actual from status and the reasons', async () => {
    const created = await draft();
    await transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: ACCOUNT }, { current: created });
    const { result: returned, calls } = await callsOf(() =>
      transitionFiling({ filingId: created.filingId, from: ['SUBMITTED', 'PRELIMINARY_REVIEW'], to: 'RETURNED', actor: 'workflow', reasons: [reason] }),
    );
    expect(calls).toBe(2);
    expect(returned).toMatchObject({ status: 'RETURNED', version: 3, reasons: [reason] });
    expect((await listEvents(created.filingId)).at(-1)).toMatchObject({ type: 'STATUS_CHANGED', from: 'SUBMITTED', to: 'RETURNED', actor: 'workflow', reasons: [reason] });
    await caughtUp();
    expect(published.at(-1)?.detail).toMatchObject({ from: 'SUBMITTED', to: 'RETURNED', reasons: [reason] });
  });

  it('refuses a wrong status, a stale version and an unknown filing, writing nothing', async () => {
    const created = await draft();
    const wrong = await transitionFiling({ filingId: created.filingId, from: ['CA_REVIEW'], to: 'APPROVED', actor: 'x' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WrongStatusError);
    expect((wrong as WrongStatusError).actual).toBe('DRAFT');
    await expect(transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: 'x', expectedVersion: 5 })).rejects.toBeInstanceOf(VersionMismatchError);
    // a stale record given by the caller: the condition catches it
    const moved = await transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: 'x' }, { current: created });
    await expect(transitionFiling({ filingId: created.filingId, from: ['DRAFT', 'SUBMITTED'], to: 'WITHDRAWN', actor: 'x' }, { current: created })).rejects.toBeInstanceOf(
      VersionMismatchError,
    );
    await expect(transitionFiling({ filingId: 'nope', from: ['DRAFT'], to: 'SUBMITTED', actor: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await getFiling(created.filingId)).toEqual(moved);
    expect((await listEvents(created.filingId)).map((e) => e.type)).toEqual(['CREATED', 'STATUS_CHANGED']);
  });

  it('lets exactly one of 10 concurrent transitions from the same status win', async () => {
    const created = await draft();
    const { fulfilled, rejected } = await settle(
      Array.from({ length: 10 }, (_, i) => transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: `actor-${i}` })),
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected.every((e) => e instanceof WrongStatusError)).toBe(true);
    expect((await listEvents(created.filingId)).filter((e) => e.type === 'STATUS_CHANGED')).toHaveLength(1);
  });

  it('keeps one application per entity under review: ENTITY_BUSY until released', async () => {
    const cert = 'CERT-BUSY';
    const a = await draft(cert);
    const b = await draft(cert);
    const submit = (f: FilingRecord) =>
      transitionFiling({ filingId: f.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: ACCOUNT, claims: [entityBusyClaim(cert, f.filingId)] }, { current: f });
    const aSubmitted = await submit(a);
    const error = await submit(b).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniquenessError);
    expect((error as UniquenessError).codes).toEqual(['ENTITY_BUSY']);
    expect((await getFiling(b.filingId))?.status).toBe('DRAFT');

    // the same owner claiming again (a resubmission) is fine; releasing frees it for the other
    await transitionFiling(
      { filingId: a.filingId, from: ['SUBMITTED'], to: 'RETURNED', actor: 'workflow', releases: [entityBusyClaim(cert, a.filingId)] },
      { current: aSubmitted },
    );
    expect((await submit(b)).status).toBe('SUBMITTED');
  });

  it('accepts the same claim twice and a release of what it also claims (one write per item)', async () => {
    const f = await draft('CERT-TWICE');
    const claim = entityBusyClaim('CERT-TWICE', f.filingId);
    const moved = await transitionFiling(
      { filingId: f.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: ACCOUNT, claims: [claim, claim], releases: [claim] },
      { current: f },
    );
    expect(moved.status).toBe('SUBMITTED');
    const other = await draft('CERT-TWICE');
    await expect(
      transitionFiling({ filingId: other.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: ACCOUNT, claims: [entityBusyClaim('CERT-TWICE', other.filingId)] }),
    ).rejects.toBeInstanceOf(UniquenessError);
  });

  it('stores a callback task with the transition, and cancels it with the next one', async () => {
    const created = await draft();
    const submitted = await transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: ACCOUNT }, { current: created });
    const taskId = newTaskId();
    const deadline = '2026-12-01T10:00:00.000Z';
    const inReview = await transitionFiling(
      {
        filingId: created.filingId,
        from: ['SUBMITTED'],
        to: 'PRELIMINARY_REVIEW',
        actor: 'workflow',
        task: { taskId, token: 'token-secret', stage: 'PRELIMINARY_REVIEW', filingId: created.filingId, accountId: ACCOUNT, deadline },
      },
      { current: submitted },
    );
    expect(inReview).toMatchObject({ status: 'PRELIMINARY_REVIEW', openTaskId: taskId, deadline });
    expect(await getTask(taskId)).toEqual({ taskId, stage: 'PRELIMINARY_REVIEW', filingId: created.filingId, accountId: ACCOUNT, createdAt: inReview.updatedAt, deadline, overdue: false });
    expect((await listOpenTasks({ stage: 'PRELIMINARY_REVIEW', limit: 100 })).items.map((t) => t.taskId)).toContain(taskId);

    const withdrawn = await transitionFiling({ filingId: created.filingId, from: ['PRELIMINARY_REVIEW'], to: 'WITHDRAWN', actor: ACCOUNT, cancelTaskId: taskId }, { current: inReview });
    expect(withdrawn.openTaskId).toBeUndefined();
    expect(withdrawn.deadline).toBeUndefined();
    expect(await getFiling(created.filingId)).toEqual(withdrawn);
    expect((await getTaskForDecision(taskId))?.state).toBe('CANCELLED');
    expect((await listOpenTasks({ stage: 'PRELIMINARY_REVIEW', limit: 100 })).items.map((t) => t.taskId)).not.toContain(taskId);
    await expect(claimTask(taskId, 'reviewer')).rejects.toBeInstanceOf(TaskAlreadyDecidedError);
  });

  it('records a change that keeps the status as FILING_UPDATED, without publishing it', async () => {
    const created = await draft();
    const approved = await transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'APPROVED', actor: 'x' }, { current: created });
    await caughtUp();
    published.length = 0;
    const changed = await transitionFiling(
      { filingId: created.filingId, from: ['APPROVED'], to: 'APPROVED', actor: 'workflow', set: { document: { access: { ips: ['52.83.10.11'] } } } },
      { current: approved },
    );
    expect(changed).toMatchObject({ status: 'APPROVED', version: approved.version + 1, document: { access: { ips: ['52.83.10.11'] } } });
    expect((await listEvents(created.filingId)).at(-1)).toMatchObject({ type: 'FILING_UPDATED', from: 'APPROVED', to: 'APPROVED' });
    await caughtUp();
    expect(published).toEqual([]);
  });

  it('removes a field set to null', async () => {
    const created = await draft();
    const withRecord = await transitionFiling(
      { filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: 'x', set: { recordNumber: '宁ICP备2026000001号-1A' } },
      { current: created },
    );
    expect(withRecord.recordNumber).toBe('宁ICP备2026000001号-1A');
    const cleared = await transitionFiling({ filingId: created.filingId, from: ['SUBMITTED'], to: 'RETURNED', actor: 'x', set: { recordNumber: null } });
    expect(cleared.recordNumber).toBeUndefined();
    expect(await getFiling(created.filingId)).toEqual(cleared);
  });
});
