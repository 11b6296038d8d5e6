import type { WorkflowInput } from './state.js';

/** What stepHandler needs of an input check (the shape of zod's `safeParse`). */
export interface StepInputCheck<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

/** Picks the fields a step adds to `{filingId, revision}`, listing what is wrong with them. */
export type ExtraFields<E> = (input: Readonly<Record<string, unknown>>, problems: string[]) => E;

/**
 * `{filingId, revision}` (and a step's own fields) checked by hand: the ASL hands the steps a
 * handful of plain fields, and the step functions then need no zod at all in their bundles
 * (90 KB of zod, or 18 KB of zod/mini; docs/benchmarks.md).
 */
export function workflowInput<E extends object = object>(extra?: ExtraFields<E>): StepInputCheck<WorkflowInput & E> {
  return {
    safeParse(input) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return { success: false, error: { message: 'the input is not an object' } };
      const fields = input as Record<string, unknown>;
      const problems: string[] = [];
      const { filingId, revision } = fields;
      if (typeof filingId !== 'string' || filingId.length < 1 || filingId.length > 64) problems.push('filingId: a string of 1 to 64 characters');
      if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) problems.push('revision: an integer of at least 1');
      const extras = extra ? extra(fields, problems) : ({} as E);
      if (problems.length > 0) return { success: false, error: { message: problems.join('; ') } };
      return { success: true, data: { ...extras, filingId: filingId as string, revision: revision as number } };
    },
  };
}

/** A scheduled step's input (EventBridge's event): not read. */
export const anyInput: StepInputCheck<unknown> = { safeParse: (input) => ({ success: true, data: input }) };
