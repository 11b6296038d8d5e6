import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBridge } from '../shared/adapters/clients.js';
import { EVENT_SOURCE } from '../shared/adapters/events-publisher.js';
import { appendEvent, getFilingWithEvents } from '../shared/store/index.js';
import { claimShownEntity } from '../shared/workflow/entity-claim.js';
import { targetOf } from '../shared/workflow/outcomes.js';
import { WORKFLOW_ACTOR, currentFiling, documentOf, workflowState } from '../shared/workflow/state.js';
import { workflowInput } from '../shared/workflow/step-input.js';
import { stepHandler, workflowLogger } from '../shared/workflow/step-handler.js';

export const SUBMITTED_TO_ADMINISTRATION = 'SUBMITTED_TO_ADMINISTRATION';
export const DETAIL_TYPE = 'Filing Submitted To Administration';

/**
 * docs/design/lifecycle.md step 5: hands the application to the provincial Communications Administration.
 * That is an integration point: the hand-over is recorded in the audit trail (once per
 * revision) and published on the event bus for whatever system carries it on.
 */
export const handler = stepHandler(workflowInput(), async (input) => {
  // The preliminary review is approved: the entity is this application's across accounts now
  // (or the filing is returned with ENTITY_BUSY), before anything is handed over.
  // The filing and its audit trail in one read (the hand-over is recorded once per revision).
  const read = await getFilingWithEvents(input.filingId);
  const filing = await claimShownEntity(currentFiling(input, read.filing, ['PRELIMINARY_REVIEW']));
  const already = read.events.some(
    (e) => e.type === SUBMITTED_TO_ADMINISTRATION && (e.details as { revision?: unknown } | undefined)?.revision === filing.revision,
  );
  if (!already) {
    const target = await targetOf(filing);
    const entity = (documentOf(target ?? filing) as { entity?: { province?: string } }).entity;
    const detail = { filingId: filing.filingId, accountId: filing.accountId, type: filing.type, revision: filing.revision, province: entity?.province };
    const bus = process.env.EVENT_BUS_NAME;
    if (bus) {
      const result = await eventBridge().send(
        new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: EVENT_SOURCE, DetailType: DETAIL_TYPE, Detail: JSON.stringify(detail) }] }),
      );
      if (result.FailedEntryCount) {
        // A refused entry carries the service's error code (ThrottlingException, InternalFailure …).
        const code = result.Entries?.[0]?.ErrorCode ?? 'unknown';
        throw Object.assign(new Error(`PutEvents refused the event: ${code} ${result.Entries?.[0]?.ErrorMessage ?? ''}`.trim()), { code });
      }
    } else {
      workflowLogger.info('event', { detailType: DETAIL_TYPE, detail });
    }
    await appendEvent(filing.filingId, { type: SUBMITTED_TO_ADMINISTRATION, actor: WORKFLOW_ACTOR, details: { revision: filing.revision, province: entity?.province } });
  }
  return workflowState(filing);
});
