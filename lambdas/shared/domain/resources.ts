import type { AccountResourceFacts } from './context';
import type { Problem } from './problem';
import type { FilingDocument } from './schemas';

export function checkAccountResources(_document: FilingDocument, _facts: AccountResourceFacts): Problem[] {
  return [];
}
