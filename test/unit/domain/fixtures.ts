/** Shared inputs of the domain tests: the design's example filing and a submit context that it passes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountProfile, SubmitContext } from '../../../lambdas/shared/domain/index.js';

/** The example's own JSON type: every field present (parse it to get a FilingDocument). */
export type ExampleFiling = typeof import('../../fixtures/filing-new.json');

/**
 * The design's `examples/filing-new.json` (copied to test/fixtures so the repo stands alone;
 * test/unit/domain/fixture-copy.test.ts keeps the copy equal), read fresh for every test.
 */
export function exampleFiling(): ExampleFiling {
  const path = join(import.meta.dirname, '../../fixtures/filing-new.json');
  return JSON.parse(readFileSync(path, 'utf8')) as ExampleFiling;
}

/**
 * The example with the value at each dotted path replaced (`undefined` deletes it), as
 * untyped JSON: how a client could send it.
 */
export function exampleWith(changes: Record<string, unknown>): unknown {
  const json: unknown = exampleFiling();
  for (const [path, value] of Object.entries(changes)) setPath(json, path, value);
  return json;
}

export function setPath(json: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = json as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

export const TODAY = '2026-11-28';

export const accountA: AccountProfile = {
  companyName: '宁夏云帆科技有限公司',
  email: 'admin@yunfan-travel.cn',
  mobile: '13995000009',
  verificationIp: '52.83.10.10',
  accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess',
  acceptPrivacyPolicy: true,
};

/** Everything the example (an ELECTRONIC filing in Ningxia with two persons in charge) must upload. */
export const EXAMPLE_UPLOADS = [
  'ENTITY_CERTIFICATE',
  'ENTITY_PRINCIPAL_ID',
  'APP_PRINCIPAL_ID',
  'APP_PRINCIPAL_PHOTO',
  'AUTHENTICITY_FORM',
  'DOMAIN_CERTIFICATE',
  'APP_ICON',
  'AUTHORIZATION_LETTER',
  'COMMITMENT_LETTER',
];

export function submitContext(overrides: Partial<SubmitContext> = {}): SubmitContext {
  return {
    today: TODAY,
    callerAccountId: '111111111111',
    account: accountA,
    otherFilings: [],
    uploadedAttachmentKinds: EXAMPLE_UPLOADS,
    ...overrides,
  };
}
