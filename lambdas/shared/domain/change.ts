/**
 * Change applications (docs/design/filing.md): what they may change (CHANGE_NOT_ALLOWED) and the filing
 * they produce once approved (docs/design/lifecycle.md step 8).
 */
import { sectionsOf, present, type Sections } from './field-rules.js';
import { problem } from '../messages/index.js';
import type { Problem } from './problem.js';
import type { FilingDocument } from './schemas.js';

/** Fields present in `change` replace those of `base`; absent ones are kept. */
function merge<T extends object>(base: T | undefined, change: T | undefined): T | undefined {
  if (change === undefined) return base;
  return { ...(base ?? {}), ...change } as T;
}

/**
 * The target filing with an approved change applied: CHANGE_ENTITY merges `entity` and
 * `entityPrincipal`; CHANGE_INFO merges `entityPrincipal` and the `app` fields it carries
 * (arrays such as `domains` are replaced whole, `app.principal` merged); CHANGE_IP replaces
 * `access.ips`. Cancellations change no field (their effect is a status). Pure: the
 * target is not modified.
 */
export function applyChange(target: FilingDocument, application: FilingDocument): FilingDocument {
  const base = sectionsOf(target);
  const change = sectionsOf(application);
  const result: Sections & Record<string, unknown> = { ...(target as Sections & Record<string, unknown>) };
  switch (application.type) {
    case 'CHANGE_ENTITY':
      result.entity = merge(base.entity, change.entity);
      result.entityPrincipal = merge(base.entityPrincipal, change.entityPrincipal);
      break;
    case 'CHANGE_INFO':
      result.entityPrincipal = merge(base.entityPrincipal, change.entityPrincipal);
      if (change.app) {
        const app = merge(base.app, change.app)!;
        if (change.app.principal) app.principal = merge(base.app?.principal, change.app.principal);
        result.app = app;
      }
      break;
    case 'CHANGE_IP':
      if (change.access?.ips) result.access = { ...(base.access ?? {}), ips: change.access.ips };
      break;
    default:
      break;
  }
  for (const key of ['entity', 'entityPrincipal', 'app', 'access'] as const) {
    if (result[key] === undefined) delete result[key];
  }
  return result as FilingDocument;
}

/** Fields by which an entity is identified: a change of them is a transfer, not a change. */
const ENTITY_IDENTITY = ['province', 'certificateNumber'] as const;

/**
 * CHANGE_NOT_ALLOWED: a change may not alter `entity.province` or `entity.certificateNumber`
 * (a transfer to another entity is a cancellation and a new filing). CHANGE_IP carries only
 * `access.ips` by its schema; `parseFilingDraft` reports other fields under this code.
 */
export function changeNotAllowed(target: FilingDocument, application: FilingDocument): Problem[] {
  if (application.type !== 'CHANGE_ENTITY') return [];
  const before = sectionsOf(target).entity;
  const after = application.entity;
  const problems: Problem[] = [];
  for (const field of ENTITY_IDENTITY) {
    const value = after?.[field];
    if (present(value) && value !== before?.[field]) problems.push(problem('CHANGE_NOT_ALLOWED', `entity.${field}`));
  }
  return problems;
}
