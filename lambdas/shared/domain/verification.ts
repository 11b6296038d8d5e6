import type { FilingDocument } from './schemas.js';
import type { VerificationMethod } from './lifecycle.js';

/**
 * ELECTRONIC when the entity's certificate is a business licence and both persons in charge
 * use a resident ID card; otherwise MANUAL (guide, Eleventh). A change is judged on the
 * document it produces, so pass `applyChange(target, application)` for CHANGE_* types.
 */
export function verificationMethodOf(document: FilingDocument): VerificationMethod {
  const entity = 'entity' in document ? document.entity : undefined;
  const entityPrincipal = 'entityPrincipal' in document ? document.entityPrincipal : undefined;
  const app = 'app' in document ? document.app : undefined;
  return entity?.certificateType === 'BUSINESS_LICENSE' &&
    entityPrincipal?.idType === 'ID_CARD' &&
    app?.principal?.idType === 'ID_CARD'
    ? 'ELECTRONIC'
    : 'MANUAL';
}
