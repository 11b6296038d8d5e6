import type { SubmitContext } from './context';
import type { Problem } from './problem';
import type { FilingDocument } from './schemas';

/** Completeness and every rule that needs no call into the customer's account (work in progress). */
export function checkForSubmit(_document: FilingDocument, _ctx: SubmitContext): Problem[] {
  return [];
}
