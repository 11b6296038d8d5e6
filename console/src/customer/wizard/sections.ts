/**
 * The wizard's steps per application type and the fields of each (docs/design/filing.md): entity →
 * persons in charge → APP, domains, SDKs, categories → access → attachments → review. Change and
 * cancellation applications show only what they may carry.
 */
import type { ApplicationType } from '../../../../lambdas/shared/domain/lifecycle.js';
import type { Choices } from '../../common/options.js';

export type FieldSpec =
  | { kind: 'text' | 'date' | 'textarea' | 'email' | 'tokens' | 'checkbox'; name: string }
  | { kind: 'select' | 'multiselect'; name: string; options: keyof Choices | readonly string[] }
  | { kind: 'list'; name: string; item: readonly FieldSpec[] };

export interface StepSpec {
  id: 'entity' | 'principals' | 'app' | 'access' | 'reason' | 'attachments' | 'review';
  /** Top-level sections the step edits, for its problems that have no field of their own. */
  sections: readonly string[];
  fields: readonly FieldSpec[];
}

const text = (name: string): FieldSpec => ({ kind: 'text', name });
const date = (name: string): FieldSpec => ({ kind: 'date', name });

const person = (prefix: string): FieldSpec[] => [
  text(`${prefix}.name`),
  { kind: 'select', name: `${prefix}.idType`, options: 'idTypes' },
  text(`${prefix}.idNumber`),
  date(`${prefix}.idValidFrom`),
  date(`${prefix}.idValidTo`),
  text(`${prefix}.mobile`),
  text(`${prefix}.emergencyMobile`),
  { kind: 'email', name: `${prefix}.email` },
];

const ENTITY: StepSpec = {
  id: 'entity',
  sections: ['entity'],
  fields: [
    text('entity.name'),
    { kind: 'select', name: 'entity.kind', options: 'entityKinds' },
    { kind: 'select', name: 'entity.certificateType', options: 'certificateTypes' },
    text('entity.certificateNumber'),
    { kind: 'select', name: 'entity.province', options: 'provinces' },
    text('entity.certificateAddress'),
    text('entity.mailingAddress'),
  ],
};

const principals = (withApp: boolean): StepSpec => ({
  id: 'principals',
  sections: withApp ? ['entityPrincipal', 'app.principal'] : ['entityPrincipal'],
  fields: [...person('entityPrincipal'), ...(withApp ? person('app.principal') : [])],
});

const APP: StepSpec = {
  id: 'app',
  sections: ['app'],
  fields: [
    text('app.name'),
    { kind: 'select', name: 'app.serviceType', options: ['APP'] },
    { kind: 'multiselect', name: 'app.categories', options: 'categories' },
    { kind: 'multiselect', name: 'app.languages', options: 'languages' },
    {
      kind: 'list',
      name: 'app.platforms',
      item: [{ kind: 'select', name: 'os', options: 'oses' }, text('packageName'), text('bundleId'), { kind: 'textarea', name: 'publicKey' }, text('signatureMd5')],
    },
    {
      kind: 'list',
      name: 'app.domains',
      item: [text('name'), text('registrant'), { kind: 'select', name: 'registrar', options: 'registrars' }, date('expiresOn'), { kind: 'checkbox', name: 'realNameVerified' }],
    },
    { kind: 'list', name: 'app.sdks', item: [text('name'), text('provider'), text('purpose')] },
    { kind: 'list', name: 'app.preApprovals', item: [{ kind: 'select', name: 'category', options: 'categories' }, text('documentNumber'), text('issuer'), date('validTo')] },
  ],
};

const ACCESS: StepSpec = {
  id: 'access',
  sections: ['access'],
  fields: [text('access.awsAccountId'), { kind: 'tokens', name: 'access.ips' }, text('access.accessRoleArn'), { kind: 'tokens', name: 'access.securityGroupIds' }],
};

const IPS_ONLY: StepSpec = { id: 'access', sections: ['access'], fields: [{ kind: 'tokens', name: 'access.ips' }] };
const REASON: StepSpec = { id: 'reason', sections: ['reason'], fields: [{ kind: 'textarea', name: 'reason' }] };
const ATTACHMENTS: StepSpec = { id: 'attachments', sections: ['attachments'], fields: [] };
const REVIEW: StepSpec = { id: 'review', sections: [''], fields: [] };

export function stepsOf(type: ApplicationType): StepSpec[] {
  switch (type) {
    case 'NEW':
      return [ENTITY, principals(true), APP, ACCESS, ATTACHMENTS, REVIEW];
    case 'CHANGE_ENTITY':
      return [ENTITY, principals(false), ATTACHMENTS, REVIEW];
    case 'CHANGE_INFO':
      return [principals(true), APP, ATTACHMENTS, REVIEW];
    case 'CHANGE_IP':
      return [IPS_ONLY, REVIEW];
    default:
      return [REASON, REVIEW];
  }
}


/** The document sections the type may carry (what the wizard saves). */
export const sectionsOf = (type: ApplicationType): string[] => [...new Set(stepsOf(type).flatMap((step) => step.sections.map((section) => section.split('.')[0]!)))].filter((name) => name !== '' && name !== 'attachments');
