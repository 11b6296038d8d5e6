import { applyChange, checkRecordNumber, type FilingStatus } from '../shared/domain/index.js';
import {
  transitionFiling,
  VersionMismatchError,
  WrongStatusError,
  type FilingRecord,
  type PortsState,
} from '../shared/store/index.js';
import { effectTargets, portsByFilingOf, type PortsByFiling } from '../shared/workflow/effects.js';
import { TransientError } from '../shared/workflow/errors.js';
import { claimsFollow, targetOf } from '../shared/workflow/outcomes.js';
import { WORKFLOW_ACTOR, documentOf, loadFiling, moveFiling } from '../shared/workflow/state.js';
import { stepHandler } from '../shared/workflow/step-handler.js';
import { workflowInput } from '../shared/workflow/step-input.js';

const inputSchema = workflowInput((fields, problems): { decision: { decision: 'APPROVE'; recordNumber?: string }; ports: PortsByFiling } => {
  /** The CA decision as the reviewer API sent it with SendTaskSuccess. */
  const decision = fields.decision as { decision?: unknown; recordNumber?: unknown } | null | undefined;
  if (typeof decision !== 'object' || decision === null || decision.decision !== 'APPROVE' || !['string', 'undefined'].includes(typeof decision.recordNumber)) {
    problems.push("decision: {decision: 'APPROVE', recordNumber?}");
  }
  const ports = portsByFilingOf(fields.ports);
  if (ports === undefined) problems.push('ports: {open, securityGroupIds, openedAt?, closedAt?} by filing id');
  return { decision: decision as { decision: 'APPROVE'; recordNumber?: string }, ports: ports ?? {} };
});

/** An approval that should never have reached the workflow (the review API refuses it). */
export class InvalidDecisionError extends Error {
  override readonly name = 'Recordal.InvalidDecision';
}

/** The sections a change replaces, written into the target's stored document. */
const SECTIONS = ['entity', 'entityPrincipal', 'app', 'access'] as const;

/**
 * A target filing moves too: by the workflow, conditional on what was just read. Its claims
 * follow its new document (a renamed APP holds its new name, gives back the old one) or its
 * cancellation (it holds nothing).
 */
async function moveTarget(target: FilingRecord, to: FilingStatus, application: FilingRecord, set: NonNullable<Parameters<typeof transitionFiling>[0]['set']>): Promise<void> {
  const claims = claimsFollow(target, to === 'CANCELLED' ? 'NONE' : 'APPROVED', undefined, set.document === undefined ? {} : { document: set.document });
  try {
    await transitionFiling(
      {
        filingId: target.filingId,
        from: ['APPROVED'],
        to,
        actor: WORKFLOW_ACTOR,
        ...claims,
        set: { ...set, ...claims.set },
        details: { applicationId: application.filingId, applicationType: application.type },
      },
      { current: target },
    );
  } catch (error) {
    // A retry finds a target it already cancelled: done.
    if (error instanceof WrongStatusError && error.actual === to && to === 'CANCELLED') return;
    if (error instanceof VersionMismatchError) throw new TransientError(error);
    throw error;
  }
}

/**
 * docs/design/lifecycle.md step 8, by type, with the ports of step 9 (UpdatePorts' answer):
 * NEW → APPROVED with its record number; CHANGE_* → the target's fields replaced;
 * CANCEL_* → the target(s) CANCELLED. The application itself ends APPROVED.
 */
export const handler = stepHandler(inputSchema, async (input) => {
  const filing = await loadFiling(input, ['CA_REVIEW']);
  const portsOf = (id: string): { ports?: PortsState } => (input.ports[id] ? { ports: input.ports[id] } : {});

  if (filing.type === 'NEW') {
    const recordNumber = input.decision.recordNumber ?? '';
    const province = (documentOf(filing) as { entity?: { province?: string } }).entity?.province;
    const problems = checkRecordNumber(recordNumber, province);
    if (recordNumber === '' || problems.length > 0) {
      throw new InvalidDecisionError(`record number refused: ${problems.map((p) => p.code).join(', ') || 'missing'}`);
    }
    const claims = claimsFollow(filing, 'APPROVED', undefined);
    await moveFiling(filing, { to: 'APPROVED', ...claims, set: { recordNumber, ...portsOf(filing.filingId), ...claims.set } });
    return { filingId: filing.filingId, status: 'APPROVED' };
  }

  const target = await targetOf(filing);
  if (filing.type === 'CHANGE_ENTITY' || filing.type === 'CHANGE_INFO' || filing.type === 'CHANGE_IP') {
    if (target === undefined) throw new Error(`no target for ${filing.filingId}`);
    const changed = applyChange(documentOf(target), documentOf(filing)) as Record<string, unknown>;
    const document: Record<string, unknown> = { ...target.document };
    for (const section of SECTIONS) if (changed[section] !== undefined) document[section] = changed[section];
    await moveTarget(target, 'APPROVED', filing, { document, ...portsOf(target.filingId) });
  } else {
    for (const cancelled of await effectTargets(filing)) {
      await moveTarget(cancelled, 'CANCELLED', filing, { ...portsOf(cancelled.filingId) });
    }
  }
  // What the change held on behalf of its target (a new APP name) is the target's now.
  await moveFiling(filing, { to: 'APPROVED', ...claimsFollow(filing, 'APPROVED', target, { handOver: true }) });
  return { filingId: filing.filingId, status: 'APPROVED' };
});
