import { workflowInput } from '../../../lambdas/shared/workflow/step-input.js';
import { portsByFilingOf } from '../../../lambdas/shared/workflow/effects.js';
import { rejectionReasonsOf } from '../../../lambdas/shared/workflow/reasons.js';

describe('workflowInput (the steps checked by hand, without zod)', () => {
  const check = workflowInput((fields, problems) => {
    if (typeof fields.stage !== 'string') problems.push('stage: a string');
    return { stage: fields.stage as string };
  });

  test('answers the ids and the step’s own fields, nothing else', () => {
    expect(check.safeParse({ filingId: 'f-1', revision: 2, stage: 'VERIFICATION', extra: 'x' })).toEqual({
      success: true,
      data: { filingId: 'f-1', revision: 2, stage: 'VERIFICATION' },
    });
  });

  test('lists every problem at once', () => {
    const result = check.safeParse({ filingId: '', revision: 1.5 });
    expect(result.success).toBe(false);
    const message = result.success ? '' : result.error.message;
    expect(message).toContain('filingId');
    expect(message).toContain('revision');
    expect(message).toContain('stage');
  });

  test('refuses what is not an object, and a revision below 1', () => {
    expect(check.safeParse(null).success).toBe(false);
    expect(check.safeParse([]).success).toBe(false);
    expect(workflowInput().safeParse({ filingId: 'f-1', revision: 0 }).success).toBe(false);
    expect(workflowInput().safeParse({ filingId: 'x'.repeat(65), revision: 1 }).success).toBe(false);
  });
});

describe('the nested step inputs, checked by hand', () => {
  test("UpdatePorts' answer: ports by filing id", () => {
    expect(portsByFilingOf({ f1: { open: true, securityGroupIds: ['sg-1'], openedAt: '2026-12-01T00:00:00Z' } })).toBeDefined();
    expect(portsByFilingOf({})).toEqual({});
    expect(portsByFilingOf({ f1: { open: 'yes', securityGroupIds: [] } })).toBeUndefined();
    expect(portsByFilingOf({ f1: { open: true, securityGroupIds: [1] } })).toBeUndefined();
    expect(portsByFilingOf([])).toBeUndefined();
  });

  test("a rejection's cause: its list of reasons", () => {
    expect(rejectionReasonsOf({ reasons: [{ code: 'X', message: 'm', messageZh: 'z' }] })).toEqual([{ code: 'X', message: 'm', messageZh: 'z' }]);
    expect(rejectionReasonsOf({ reasons: [{ code: 'X' }] })).toBeUndefined();
    expect(rejectionReasonsOf({ reasons: 'X' })).toBeUndefined();
    expect(rejectionReasonsOf(null)).toBeUndefined();
  });
});
