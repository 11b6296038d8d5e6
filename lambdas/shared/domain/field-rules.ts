import type { Problem } from './problem';
import type { FilingDocument } from './schemas';

export function normaliseDocument(document: FilingDocument): FilingDocument {
  return document;
}

export function fieldProblems(_document: FilingDocument, _options: { today?: string }): Problem[] {
  return [];
}
