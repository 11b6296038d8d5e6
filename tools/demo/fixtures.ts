/**
 * What the demo, the end-to-end tests, the bench and the fuzzer send: the NEW filing of the
 * design's example (test/fixtures/filing-new.json) made distinct per run where the rules demand
 * it (one application per entity under review, APP names unique), customer A's profile for the
 * same company, and record numbers the Communications Administration could issue.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { USCC_ALPHABET, organizationCodeCheckCharacter, usccCheckCharacter } from '../../lambdas/shared/domain/identifiers.js';
import type { AccountProfile, NewFiling } from '../../lambdas/shared/domain/schemas.js';

export type Json = Record<string, unknown>;

/** The filing of docs/design/filing.md's example: customer A's NEW filing. */
export const EXAMPLE_FILING_PATH = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'filing-new.json');

export function exampleFiling(): NewFiling {
  return JSON.parse(readFileSync(EXAMPLE_FILING_PATH, 'utf8')) as NewFiling;
}

/**
 * The unified social credit code (GB 32100, over a GB 11714 organisation code) of a Yinchuan
 * enterprise whose organisation code starts with `body` (8 characters of the USCC alphabet).
 */
export function usccOf(body: string): string {
  const first17 = `91640100${body}${organizationCodeCheckCharacter(body)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

/** A valid USCC of Yinchuan, chosen at random. */
export function randomUscc(): string {
  // The organisation code's body drawn from the letters a USCC may contain (GB 32100 has no I, O, S, V, Z).
  return usccOf(Array.from({ length: 8 }, () => USCC_ALPHABET[randomInt(USCC_ALPHABET.length)]).join(''));
}

/** A short run tag: APP names and entities of one run do not meet those of another. */
export const runTag = (): string => randomBytes(3).toString('hex').toUpperCase();

/**
 * The example NEW filing as a new application: its own entity (one application per entity may
 * be under review at a time) and its own APP name (`<example name><tag>`).
 */
export function newFilingDocument(tag: string = runTag()): NewFiling {
  const filing = exampleFiling();
  filing.entity = { ...filing.entity, certificateNumber: randomUscc() };
  filing.app = { ...filing.app, name: `${filing.app?.name ?? ''}${tag}` };
  return filing;
}

/** Customer A's account profile, for the example's own company, address and role. */
export function exampleAccountProfile(): AccountProfile {
  const { entity, entityPrincipal, access } = exampleFiling();
  return {
    companyName: entity?.name ?? '',
    email: entityPrincipal?.email ?? '',
    mobile: entityPrincipal?.mobile ?? '',
    verificationIp: access?.ips?.[0] ?? '',
    accessRoleArn: access?.accessRoleArn ?? '',
    acceptPrivacyPolicy: true,
  };
}

/**
 * A record number the Communications Administration of Ningxia could issue to an APP (docs/design/rules.md):
 * 宁ICP备<year><6 digits>号-<n>A.
 */
export function randomRecordNumber(): string {
  return `宁ICP备${new Date().getUTCFullYear()}${String(randomInt(1_000_000)).padStart(6, '0')}号-${randomInt(1, 10)}A`;
}
