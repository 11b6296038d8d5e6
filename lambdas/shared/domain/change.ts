import type { Problem } from './problem';
import type { FilingDocument } from './schemas';

export function applyChange(target: FilingDocument, _application: FilingDocument): FilingDocument {
  return target;
}
export function changeNotAllowed(_target: FilingDocument, _application: FilingDocument): Problem[] {
  return [];
}
