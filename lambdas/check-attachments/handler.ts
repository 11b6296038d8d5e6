import {
  applyChange,
  attachmentRequirements,
  checkAttachmentBytes,
  countsByKind,
  problem,
  verificationMethodOf,
  type Problem,
} from '../shared/domain/index.js';
import { headAttachment, readHead } from '../shared/adapters/attachments-store.js';
import { currentEvidence, evidenceByKind } from '../shared/application/evidence.js';
import { getAccount } from '../shared/store/index.js';
import { STEPS_BY_TYPE } from '../shared/workflow/plan.js';
import { returnForProblems, targetOf } from '../shared/workflow/outcomes.js';
import { documentOf, loadFiling, workflowInputSchema, workflowState } from '../shared/workflow/state.js';
import { stepHandler } from '../shared/workflow/step-handler.js';

/**
 * Bytes read from the head of each object: every accepted image is at most 200 KiB, so an
 * image is read whole (JPEG frame headers may sit behind a large EXIF block); a PDF needs
 * only its magic.
 */
export const HEAD_BYTES = 256 * 1024;

/**
 * docs/design/lifecycle.md step 2: every required attachment exists and its bytes (HeadObject, then a
 * ranged GetObject of the head) pass its kind's constraints. Problems: RETURNED.
 * The objects checked are the evidence frozen at submit (docs/durability.md "Evidence"), never
 * what is under the upload keys now: an upload after submit is not looked at.
 */
export const handler = stepHandler(workflowInputSchema, async (input) => {
  const filing = await loadFiling(input, ['SUBMITTED']);
  const target = await targetOf(filing);
  const document = documentOf(filing);
  const method = filing.verificationMethod ?? verificationMethodOf(target ? applyChange(documentOf(target), document) : document);
  const state = { ...workflowState(filing), electronicVerification: STEPS_BY_TYPE[filing.type].verification && method === 'ELECTRONIC' };
  if (!STEPS_BY_TYPE[filing.type].attachments) return state;

  const account = await getAccount(filing.accountId);
  const required = attachmentRequirements(document, account?.profile, method, target && documentOf(target)).filter((r) => r.required);
  const needed = countsByKind(required);
  const evidence = evidenceByKind(currentEvidence(filing), required);
  const problems: Problem[] = [];
  for (const [kind, count] of needed) {
    const objects = evidence.get(kind) ?? [];
    if (objects.length < count) problems.push(problem('ATTACHMENT_MISSING', `attachments.${kind}`, { kind }));
    for (const object of objects) {
      const head = await headAttachment(object.key);
      if (head === null) {
        problems.push(problem('ATTACHMENT_MISSING', `attachments.${kind}`, { kind }));
        continue;
      }
      const bytes = head.size === 0 ? new Uint8Array() : await readHead(object.key, Math.min(head.size, HEAD_BYTES));
      problems.push(...checkAttachmentBytes(kind, { contentLength: head.size, head: bytes }));
    }
  }
  if (problems.length > 0) await returnForProblems(filing, problems);
  return state;
});
