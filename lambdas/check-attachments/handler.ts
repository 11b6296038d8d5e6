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
import { getAccount, getFiling, getFilingAndAccount, type AccountRecord, type FilingRecord } from '../shared/store/index.js';
import { STEPS_BY_TYPE } from '../shared/workflow/plan.js';
import { returnForProblems, targetOf } from '../shared/workflow/outcomes.js';
import { currentFiling, documentOf, workflowState, type WorkflowInput } from '../shared/workflow/state.js';
import { workflowInput } from '../shared/workflow/step-input.js';
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

/** CheckResources' answer names the account: the filing and its profile are then one read. */
const inputSchema = workflowInput((fields, problems) => {
  const { accountId } = fields;
  if (accountId !== undefined && typeof accountId !== 'string') problems.push('accountId: a string');
  return accountId === undefined ? {} : { accountId: accountId as string };
});

async function filingAndAccount(input: WorkflowInput & { accountId?: string | undefined }): Promise<{ filing: FilingRecord; account: () => Promise<AccountRecord | null> }> {
  if (input.accountId === undefined) {
    const filing = currentFiling(input, await getFiling(input.filingId), ['SUBMITTED']);
    return { filing, account: () => getAccount(filing.accountId) };
  }
  const read = await getFilingAndAccount(input.filingId, input.accountId);
  const filing = currentFiling(input, read.filing, ['SUBMITTED']);
  // The account named in the state is the filing's (a filing never changes account).
  return { filing, account: async () => (filing.accountId === input.accountId ? read.account : getAccount(filing.accountId)) };
}

export const handler = stepHandler(inputSchema, async (input) => {
  const { filing, account: readAccount } = await filingAndAccount(input);
  const target = await targetOf(filing);
  const document = documentOf(filing);
  const method = filing.verificationMethod ?? verificationMethodOf(target ? applyChange(documentOf(target), document) : document);
  const state = { ...workflowState(filing), electronicVerification: STEPS_BY_TYPE[filing.type].verification && method === 'ELECTRONIC' };
  if (!STEPS_BY_TYPE[filing.type].attachments) return state;

  const account = await readAccount();
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
