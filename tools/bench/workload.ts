import type { NewFiling } from '../../lambdas/shared/domain/schemas.js';
import { exampleFiling, usccOf } from '../demo/fixtures.js';

/**
 * What the bench sends: the documented NEW filing (docs/design/api.md's example, kept in test/fixtures),
 * made distinct per filing where the rules demand it. Customer A's profile is the scenario's
 * `exampleAccountProfile()`.
 */

/**
 * A valid unified social credit code for entity number `n`: a different entity per filing,
 * since an entity may have only one application under review at a time (ENTITY_BUSY).
 */
export function benchUscc(n: number): string {
  return usccOf(`MB${String(n).padStart(6, '0')}`);
}

/** Filing `n` of the bench: the example with its own entity and APP name. */
export function benchFiling(n: number): NewFiling {
  const filing = exampleFiling();
  return { ...filing, entity: { ...filing.entity, certificateNumber: benchUscc(n) }, app: { ...filing.app, name: `云帆出行${n}` } };
}

/**
 * The create request's body as a template: `token` stands for a number the load generator
 * fills in, so that every create under load is a distinct APP (APP_NAME_TAKEN otherwise).
 */
export function createBodyTemplate(token: string): string {
  const filing = exampleFiling();
  return JSON.stringify({ ...filing, app: { ...filing.app, name: `云帆出行${token}` } });
}
/** A record number the CA "issues" to filing `n` (docs/design/rules.md: the entity's province, suffix A). */
export function benchRecordNumber(n: number): string {
  return `宁ICP备2026${String(n).padStart(6, '0')}号-1A`;
}
