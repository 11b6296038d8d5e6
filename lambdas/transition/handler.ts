import { IN_WORKFLOW_STATUSES, type Problem } from '../shared/domain/index.js';
import { notifyOperators } from '../shared/adapters/notifier.js';
import { getFiling, type FilingRecord } from '../shared/store/index.js';
import { FilingSupersededError, WORKFLOW_ERRORS } from '../shared/workflow/errors.js';
import { returnFiling } from '../shared/workflow/outcomes.js';
import { lifecycleReason, rejectionReasonsOf, type LifecycleReasonCode } from '../shared/workflow/reasons.js';
import { stepHandler, workflowLogger } from '../shared/workflow/step-handler.js';
import { workflowInput } from '../shared/workflow/step-input.js';


interface WayBack {
  /** The Catch's error output: `{Error, Cause}`. */
  error?: { Error?: string; Cause?: string };
  /** Set by ReturnForSystemError: whatever happened, it is a SYSTEM_ERROR and operators hear of it. */
  systemError?: boolean;
}

const inputSchema = workflowInput((fields, problems): WayBack => {
  const { error, systemError } = fields;
  const out: WayBack = {};
  if (error !== undefined) {
    const e = error as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || !['Error', 'Cause'].every((k) => e[k] === undefined || typeof e[k] === 'string')) {
      problems.push('error: {Error?, Cause?} strings');
    } else out.error = e as WayBack['error'];
  }
  if (systemError !== undefined) {
    if (typeof systemError !== 'boolean') problems.push('systemError: a boolean');
    else out.systemError = systemError;
  }
  return out;
});
type Input = WayBack;

const TIMEOUT_REASON: Partial<Record<FilingRecord['status'], LifecycleReasonCode>> = {
  AWAITING_VERIFICATION: 'VERIFICATION_EXPIRED',
  AWAITING_SMS_VERIFICATION: 'SMS_VERIFICATION_EXPIRED',
  PRELIMINARY_REVIEW: 'REVIEW_EXPIRED',
  CA_REVIEW: 'REVIEW_EXPIRED',
};

function rejectionReasons(cause: string | undefined): Problem[] {
  try {
    const reasons = rejectionReasonsOf(JSON.parse(cause ?? ''));
    if (reasons !== undefined && reasons.length > 0) {
      return reasons.map((r) => ({ path: r.path ?? '', code: r.code, message: r.message, messageZh: r.messageZh ?? r.message }));
    }
  } catch {
    // fall through: a rejection without readable reasons is still a rejection
  }
  return [lifecycleReason('REJECTED')];
}

/** Why the filing goes back, from the error that ended its stage. */
function reasonsFor(input: Input, filing: FilingRecord): { reasons: Problem[]; system: boolean } {
  const name = input.error?.Error;
  if (!input.systemError && name === WORKFLOW_ERRORS.rejected) return { reasons: rejectionReasons(input.error?.Cause), system: false };
  if (!input.systemError && name === 'States.Timeout' && TIMEOUT_REASON[filing.status]) {
    const code = TIMEOUT_REASON[filing.status] as LifecycleReasonCode;
    return { reasons: [lifecycleReason(code)], system: code === 'REVIEW_EXPIRED' };
  }
  return { reasons: [lifecycleReason('SYSTEM_ERROR')], system: true };
}

/**
 * The state machine's way back (ReturnFiling, ReturnForSystemError): a rejection or a
 * callback timeout, or anything unexpected, moves the filing to RETURNED with its reasons
 * (its open task closed in the same transaction); unexpected ends also alert the operators.
 * A filing that already left the workflow (withdrawn, returned) is left as it is.
 */
export const handler = stepHandler(inputSchema, async (input) => {
  const filing = await getFiling(input.filingId);
  const inWorkflow = filing !== null && filing.revision === input.revision && IN_WORKFLOW_STATUSES.includes(filing.status);
  const { reasons, system } = filing && inWorkflow ? reasonsFor(input, filing) : { reasons: [], system: input.systemError === true };
  let outcome: 'RETURNED' | 'UNCHANGED' = 'UNCHANGED';
  if (filing && inWorkflow) {
    try {
      await returnFiling(filing, reasons, { error: input.error?.Error });
      outcome = 'RETURNED';
    } catch (error) {
      if (!(error instanceof FilingSupersededError)) throw error;
    }
  }
  if (system) {
    workflowLogger.error('lifecycle ended in error', { error: input.error?.Error, outcome });
    await notifyOperators({
      subject: `ICP recordal: filing ${outcome === 'RETURNED' ? 'returned with SYSTEM_ERROR' : 'workflow failed'}`,
      message: `Execution ${input.filingId}-r${input.revision} ended with ${input.error?.Error ?? 'an error'}; filing ${outcome === 'RETURNED' ? 'returned' : 'left as it was'}.`,
      filingId: input.filingId,
    });
  }
  return { filingId: input.filingId, outcome, codes: reasons.map((r) => r.code) };
});
