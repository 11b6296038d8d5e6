import {
  BadCursorError,
  claimTask,
  createTask,
  getTask,
  getTaskForDecision,
  listOpenTasks,
  listOverdueCandidates,
  markOverdue,
  newTaskId,
  NotFoundError,
  TaskAlreadyDecidedError,
  type NewTask,
  type TaskRecord,
} from '../../../lambdas/shared/store/index.js';
import { callsOf, settle, useStoreTable } from './support.js';

useStoreTable('store-tasks');

const task = (stage: NewTask['stage'], deadline: string, filingId = 'filing-1'): NewTask => ({
  taskId: newTaskId(),
  token: `token-${Math.random()}`,
  stage,
  filingId,
  accountId: '111111111111',
  deadline,
});

describe('tasks', () => {
  it('keeps the token server-side: HTTP reads never carry it', async () => {
    const input = task('CA_DECISION', '2026-12-20T00:00:00Z');
    const view = await createTask(input);
    expect(view).not.toHaveProperty('token');
    expect(view.deadline).toBe('2026-12-20T00:00:00.000Z');
    expect(await getTask(input.taskId)).toEqual(view);
    expect((await getTaskForDecision(input.taskId))?.token).toBe(input.token);
    const { items } = await listOpenTasks({ stage: 'CA_DECISION', limit: 100 });
    expect(items.find((t) => t.taskId === input.taskId)).toEqual(view);
    expect(items.every((t) => !('token' in t))).toBe(true);
    expect(await getTask('unknown')).toBeNull();
  });

  it('lets exactly one of 20 concurrent claims win, in one call each, and hands it the token', async () => {
    const input = task('PRELIMINARY_REVIEW', '2026-12-02T00:00:00Z');
    await createTask(input);
    const { result, calls } = await callsOf(() => settle(Array.from({ length: 20 }, (_, i) => claimTask(input.taskId, `reviewer-${i}`))));
    expect(calls).toBe(20);
    expect(result.fulfilled).toHaveLength(1);
    expect(result.rejected).toHaveLength(19);
    expect(result.rejected.every((e) => e instanceof TaskAlreadyDecidedError)).toBe(true);
    const winner = result.fulfilled[0] as TaskRecord;
    expect(winner).toMatchObject({ taskId: input.taskId, token: input.token, state: 'DECIDED' });
    expect((await getTaskForDecision(input.taskId))?.decidedBy).toBe(winner.decidedBy);
    expect((await listOpenTasks({ stage: 'PRELIMINARY_REVIEW', limit: 100 })).items.map((t) => t.taskId)).not.toContain(input.taskId);
    await expect(claimTask('unknown', 'r')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('marks an overdue task once, and lists only open, unmarked, past-deadline tasks', async () => {
    const past = task('PRELIMINARY_REVIEW', '2020-01-01T00:00:00Z');
    const future = task('PRELIMINARY_REVIEW', '2099-01-01T00:00:00Z');
    const pastDecided = task('CA_DECISION', '2020-01-02T00:00:00Z');
    for (const t of [past, future, pastDecided]) await createTask(t);
    await claimTask(pastDecided.taskId, 'r');

    const candidates = (await listOverdueCandidates('2026-11-29T00:00:00Z')).map((t) => t.taskId);
    expect(candidates).toContain(past.taskId);
    expect(candidates).not.toContain(future.taskId);
    expect(candidates).not.toContain(pastDecided.taskId);

    const marked = await markOverdue(past.taskId);
    expect(marked).toMatchObject({ taskId: past.taskId, overdue: true });
    expect(await markOverdue(past.taskId)).toBeNull();
    expect(await markOverdue(pastDecided.taskId)).toBeNull();
    expect(await markOverdue('unknown')).toBeNull();
    expect((await listOverdueCandidates('2026-11-29T00:00:00Z')).map((t) => t.taskId)).not.toContain(past.taskId);
    expect((await getTask(past.taskId))?.overdue).toBe(true);
  });
});

describe('listOpenTasks', () => {
  const deadlines = ['2030-01-05', '2030-01-01', '2030-01-04', '2030-01-02', '2030-01-06', '2030-01-03'];
  const created: NewTask[] = [];
  beforeAll(async () => {
    // alternate stages so that the default listing has to merge them
    for (const [i, day] of deadlines.entries()) {
      const t = task(i % 2 === 0 ? 'PRELIMINARY_REVIEW' : 'CA_DECISION', `${day}T00:00:00Z`, `list-${i}`);
      created.push(t);
      await createTask(t);
    }
    await createTask(task('SMS_VERIFICATION', '2030-01-01T00:00:00Z', 'customer-stage'));
  });

  const ours = (items: { filingId: string }[]) => items.filter((t) => t.filingId.startsWith('list-'));

  it('merges the reviewer stages, oldest deadline first, across pages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const { result, calls } = await callsOf(() => listOpenTasks({ limit: 2, ...(cursor && { cursor }) }));
      expect(calls).toBeLessThanOrEqual(2);
      expect(result.items.length).toBeLessThanOrEqual(2);
      seen.push(...result.items.map((t) => t.deadline));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeUndefined();
    expect([...seen].sort()).toEqual(seen);
    const all = (await listOpenTasks({ limit: 100 })).items;
    expect(ours(all).map((t) => t.filingId)).toEqual(['list-1', 'list-3', 'list-5', 'list-2', 'list-0', 'list-4']);
    expect(all.map((t) => t.filingId)).not.toContain('customer-stage');
    expect(seen).toHaveLength(all.length);
  });

  it('lists one stage', async () => {
    const { items } = await listOpenTasks({ stage: 'CA_DECISION', limit: 100 });
    expect(items.every((t) => t.stage === 'CA_DECISION')).toBe(true);
    expect(ours(items).map((t) => t.filingId)).toEqual(['list-1', 'list-3', 'list-5']);
  });

  it('refuses a tampered cursor and one of another stage', async () => {
    const { nextCursor } = await listOpenTasks({ limit: 1 });
    await expect(listOpenTasks({ limit: 1, cursor: `${nextCursor}x` })).rejects.toBeInstanceOf(BadCursorError);
    await expect(listOpenTasks({ limit: 1, stage: 'CA_DECISION', ...(nextCursor && { cursor: nextCursor }) })).rejects.toBeInstanceOf(BadCursorError);
  });
});
