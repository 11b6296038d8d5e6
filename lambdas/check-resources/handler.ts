import { applyChange, checkAccountResources, type FilingDocument } from '../shared/domain/index.js';
import { networkAdapter } from '../shared/adapters/network/index.js';
import { accessRoleFor } from '../shared/workflow/effects.js';
import { STEPS_BY_TYPE } from '../shared/workflow/plan.js';
import { returnForProblems, targetOf } from '../shared/workflow/outcomes.js';
import { documentOf, loadFiling, workflowState } from '../shared/workflow/state.js';
import { workflowInput } from '../shared/workflow/step-input.js';
import { stepHandler } from '../shared/workflow/step-handler.js';

/**
 * docs/design/lifecycle.md step 1 (NEW, CHANGE_IP): through the customer's access role, the account's
 * Elastic IPs, load balancers and security groups, judged by the domain (IP_NOT_OWNED,
 * ELB_IP_SET_INCOMPLETE, SECURITY_GROUP_INVALID, ACCESS_ROLE_INVALID). The role is the filing's,
 * or the account profile's when it names none. Problems: RETURNED.
 */
export const handler = stepHandler(workflowInput(), async (input) => {
  const filing = await loadFiling(input, ['SUBMITTED']);
  if (!STEPS_BY_TYPE[filing.type].resources) return workflowState(filing);

  // A CHANGE_IP is checked as the filing it would produce: the target with the new IPs.
  const target = await targetOf(filing);
  const document: FilingDocument = target ? applyChange(documentOf(target), documentOf(filing)) : documentOf(filing);
  const access = (document as { access?: { accessRoleArn?: string; securityGroupIds?: string[] } }).access ?? {};
  const facts = await networkAdapter().describeAccount(
    { accountId: filing.accountId, accessRoleArn: await accessRoleFor(filing.accountId, access) },
    access.securityGroupIds ?? [],
  );
  const problems = checkAccountResources(document, facts);
  if (problems.length > 0) await returnForProblems(filing, problems);
  return workflowState(filing);
});
