/**
 * The drift check's judgement of one approved filing (docs/design/api.md "Drift check"): the
 * same resource rules the workflow applied before approval, over what the account holds now.
 * A role that cannot be assumed is not drift (nothing could be looked at): the check is
 * incomplete and the filing keeps its last result.
 */
import type { AccountResourceFacts } from './context.js';
import { problem } from '../messages/index.js';
import type { Problem } from './problem.js';
import { checkAccountResources } from './resources.js';
import type { FilingDocument } from './schemas.js';

/** The rule codes the drift check reports as drift. */
export const DRIFT_CODES: ReadonlySet<string> = new Set(['IP_NOT_OWNED', 'ELB_IP_SET_INCOMPLETE', 'SECURITY_GROUP_INVALID', 'SECURITY_GROUP_NOT_MANAGED']);

/** Why a filing could not be checked: its role refused, or AWS kept throttling or failing. */
export type IncompleteCause = 'ACCESS_ROLE' | 'UNAVAILABLE';

export type DriftVerdict = { kind: 'CLEAN' } | { kind: 'DRIFT'; problems: Problem[] } | { kind: 'INCOMPLETE'; problem: Problem };

/** `DRIFT_CHECK_INCOMPLETE` at the role (it refused) or at the access section (throttled, failing). */
export function incompleteCheck(cause: IncompleteCause): Problem {
  return cause === 'ACCESS_ROLE' ? problem('DRIFT_CHECK_INCOMPLETE', 'access.accessRoleArn', { accessRole: true }) : problem('DRIFT_CHECK_INCOMPLETE', 'access');
}

export function judgeDrift(document: FilingDocument, facts: AccountResourceFacts): DriftVerdict {
  if (!facts.roleAssumable) return { kind: 'INCOMPLETE', problem: incompleteCheck('ACCESS_ROLE') };
  const problems = checkAccountResources(document, facts).filter((p) => DRIFT_CODES.has(p.code));
  return problems.length === 0 ? { kind: 'CLEAN' } : { kind: 'DRIFT', problems };
}
