/**
 * `POST /v1/eligibility`: whether an APP needs recordal, and whether this provider can file it.
 */
import { reason, type RuleCode } from '../messages/index.js';
import { isProvinceUnsupported, provinceByCode } from './reference-data.js';
import type { EligibilityQuestion } from './schemas.js';

export interface EligibilityAnswer {
  /** The APP needs an ICP recordal at all. */
  needed: boolean;
  /** This provider (and platform) can file it. */
  supported: boolean;
  reasons: { code: RuleCode; message: string; messageZh: string }[];
}

/**
 * An offline standalone APP needs no recordal; a mini program or quick app is filed through
 * its own platform; personal recordal, and entities in Tibet or Qinghai, are not supported
 * (guide, Fourth). Every reason that applies is given, in both languages.
 */
export function checkEligibility(q: EligibilityQuestion): EligibilityAnswer {
  const reasons: EligibilityAnswer['reasons'] = [];
  let needed = true;
  let supported = true;
  if (q.appIsOffline) {
    needed = false;
    reasons.push(reason('APP_OFFLINE'));
  }
  if (q.isMiniProgram) {
    supported = false;
    reasons.push(reason('MINI_PROGRAM_OWN_PLATFORM'));
  }
  if (q.isQuickApp === true) {
    supported = false;
    reasons.push(reason('QUICK_APP_OWN_PLATFORM'));
  }
  if (q.entityKind === 'INDIVIDUAL') {
    supported = false;
    reasons.push(reason('ENTITY_KIND_UNSUPPORTED', 'entityKind'));
  }
  if (!provinceByCode(q.province)) {
    supported = false;
    reasons.push(reason('PROVINCE_INVALID', 'province'));
  } else if (isProvinceUnsupported(q.province)) {
    supported = false;
    reasons.push(reason('PROVINCE_UNSUPPORTED', 'province'));
  }
  if (needed && supported) reasons.push(reason('RECORDAL_NEEDED'));
  return { needed, supported, reasons };
}
