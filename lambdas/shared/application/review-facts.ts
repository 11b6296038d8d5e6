import { verificationMethodOf } from '../domain/index.js';
import { documentOf, entityOf } from '../store/document.js';
import type { FilingRecord, TaskReviewFacts } from '../store/index.js';

/**
 * What a reviewer's decision is checked against beside its stage (domain/review.ts
 * `ReviewContext`): the application type, its verification method and the entity's province.
 * None of them changes while the filing is in the workflow (fixed at submit; a change may not
 * move the entity's province), so the workflow records them on the reviewer's task when it
 * creates it, and the decision does not read the filing for them (docs/benchmarks.md
 * "storeCallsPerLifecycle"). Undefined when the province is not the filing's own (a change
 * that does not carry its entity): the decision then reads the filing and its target.
 */

/** The facts of `filing`, its target's province standing in for a change that does not carry its entity. */
export function reviewFactsOf(filing: FilingRecord, target?: FilingRecord | null): { type: TaskReviewFacts['type']; verificationMethod: TaskReviewFacts['verificationMethod']; provinceCode: string | undefined } {
  return {
    type: filing.type,
    verificationMethod: filing.verificationMethod ?? verificationMethodOf(documentOf(filing)),
    provinceCode: entityOf(filing)?.province ?? entityOf(target)?.province,
  };
}

/** The facts a task can carry: only when the filing's own document names the province. */
export function taskReviewFactsOf(filing: FilingRecord): TaskReviewFacts | undefined {
  const facts = reviewFactsOf(filing);
  return facts.provinceCode === undefined ? undefined : { ...facts, provinceCode: facts.provinceCode };
}
