import { AccessRoleUnusableError, networkAdapter } from '../shared/adapters/network/index.js';
import { effectTargets, accessRoleOf, portsActionOf, securityGroupsOf, type PortsByFiling } from '../shared/workflow/effects.js';
import { isTransientAwsError } from '../shared/workflow/errors.js';
import { loadFiling } from '../shared/workflow/state.js';
import { workflowInput } from '../shared/workflow/step-input.js';
import { stepHandler, workflowLogger } from '../shared/workflow/step-handler.js';

/**
 * docs/design/lifecycle.md step 9: inbound TCP 80, 8080 and 443 from anywhere opened on the security
 * groups of an approved NEW (and a CHANGE_IP's target), closed on those of cancelled filings,
 * through the customer's access role; idempotent. Runs before ApplyDecision, which records
 * the answer (`ports` per filing) in the same transaction as the status.
 */
export const handler = stepHandler(workflowInput(), async (input): Promise<PortsByFiling> => {
  const filing = await loadFiling(input, ['CA_REVIEW']);
  const action = portsActionOf(filing);
  if (action === 'NONE') return {};
  const network = networkAdapter();
  const now = new Date().toISOString();
  const ports: PortsByFiling = {};
  for (const target of await effectTargets(filing)) {
    const securityGroupIds = securityGroupsOf(target);
    const access = { accountId: filing.accountId, accessRoleArn: await accessRoleOf(target) };
    if (action === 'OPEN') {
      await network.openPorts(access, securityGroupIds);
      ports[target.filingId] = { open: true, securityGroupIds, openedAt: now };
      continue;
    }
    if (target.ports?.open === false) {
      ports[target.filingId] = target.ports;
      continue;
    }
    try {
      await network.closePorts(access, securityGroupIds);
      ports[target.filingId] = { ...target.ports, open: false, securityGroupIds, closedAt: now };
    } catch (error) {
      // A cancellation takes effect even when the customer removed the role or the group:
      // the ports stay recorded as open, for the customer to close.
      if (isTransientAwsError(error)) throw error;
      workflowLogger.warn('ports could not be closed', {
        filingId: target.filingId,
        errorName: error instanceof Error ? error.name : 'unknown',
        roleUnusable: error instanceof AccessRoleUnusableError,
      });
      ports[target.filingId] = { ...(target.ports ?? { securityGroupIds }), open: true };
    }
  }
  return ports;
});

