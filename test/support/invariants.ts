/**
 * The invariants of the table, checked after every hardening scenario. A test tool:
 * it Scans the table, which the platform never does.
 *
 * - every filing in a workflow status has a running execution, and in a callback status an
 *   open task of its own; a filing outside the workflow has neither (someone can act on it);
 * - every status change has its audit event: the trail's status events chain from CREATED to
 *   the filing's status with no gap;
 * - uniqueness items match their owners: an email or mobile item belongs to the profile that
 *   holds that value (and every profile holds its two); an APP name or entity item is one some
 *   filing records as held (`heldClaims`), and every claim a filing records exists with the
 *   recorded owner; every filing in the workflow holds its entity for its account
 *   (lambdas/shared/domain/claims.ts).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { IN_WORKFLOW_STATUSES, type FilingStatus } from '../../lambdas/shared/domain/lifecycle.js';
import { accountEntityClaim, emailClaim, mobileClaim, type UniquenessClaim } from '../../lambdas/shared/store/index.js';
import { uniqueKey } from '../../lambdas/shared/store/keys.js';
import { scanItems } from '../../tools/fuzz/snapshot.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import type { ExecutionSummary } from '../../lib/local/stepfunctions/index.js';

export interface InvariantSubject {
  dynamodbEndpoint: string;
  tableName: string;
  /** The Step Functions runtime, to tell running executions (undefined: not checked). */
  executions?: { getExecution(executionArn: string): ExecutionSummary | undefined; listExecutions(): ExecutionSummary[] };
}

/** The subject of a running local platform. */
export const platformSubject = (platform: LocalPlatform): InvariantSubject => ({
  dynamodbEndpoint: platform.endpoints.dynamodb,
  tableName: platform.tableName,
  ...(platform.stepFunctionsRuntime === undefined ? {} : { executions: platform.stepFunctionsRuntime }),
});

const CALLBACK_STATUSES: readonly FilingStatus[] = ['AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'AWAITING_SMS_VERIFICATION', 'CA_REVIEW'];

type Item = Record<string, unknown> & { pk: string; sk: string };

interface Filing extends Item {
  filingId: string;
  status: FilingStatus;
  revision: number;
  type: string;
  targetFilingId?: string;
  openTaskId?: string;
  executionArn?: string;
  accountId: string;
  heldClaims?: UniquenessClaim[];
  document: { entity?: { certificateNumber?: string } };
}

/** As the store tells them: an open task is listed by stage (gsi2) and has no decision. */
const isOpenTask = (task: Item): boolean => task.gsi2pk !== undefined && task.decidedAt === undefined;

/** Every broken invariant, one sentence each (empty: all hold). */
export async function checkInvariants(subjectOrPlatform: InvariantSubject | LocalPlatform): Promise<string[]> {
  const subject = 'endpoints' in subjectOrPlatform ? platformSubject(subjectOrPlatform) : subjectOrPlatform;
  const raw: Record<string, AttributeValue>[] = await scanItems({ endpoints: { dynamodb: subject.dynamodbEndpoint, s3: '' }, tableName: subject.tableName, bucketName: '' });
  const items = raw.map((item) => unmarshall(item) as Item);
  const byKey = new Map(items.map((item) => [`${item.pk}\u0000${item.sk}`, item]));
  const get = (key: { pk: string; sk: string }): Item | undefined => byKey.get(`${key.pk}\u0000${key.sk}`);
  const filings = items.filter((item): item is Filing => item.sk === 'FILING');
  const filingById = new Map(filings.map((filing) => [filing.filingId, filing]));
  const broken: string[] = [];

  const running = (filing: Filing): ExecutionSummary[] =>
    subject.executions === undefined ? [] : subject.executions.listExecutions().filter((execution) => execution.status === 'RUNNING' && execution.name.startsWith(`${filing.filingId}-r`));

  for (const filing of filings) {
    const name = `filing ${filing.filingId} (${filing.type}, ${filing.status})`;
    const inWorkflow = IN_WORKFLOW_STATUSES.includes(filing.status);
    const openTasks = items.filter((item) => item.sk === 'TASK' && item.filingId === filing.filingId && isOpenTask(item));

    // Someone can act on it.
    if (subject.executions !== undefined) {
      const live = running(filing);
      if (inWorkflow && live.length !== 1) broken.push(`${name} is in the workflow with ${live.length} running executions`);
      if (inWorkflow && live.length === 1 && live[0]!.name !== `${filing.filingId}-r${filing.revision}`) broken.push(`${name} runs ${live[0]!.name}, not revision ${filing.revision}`);
      if (!inWorkflow && live.length > 0) broken.push(`${name} is outside the workflow but ${live.map((e) => e.name).join(', ')} still runs`);
    }
    if (CALLBACK_STATUSES.includes(filing.status)) {
      if (filing.openTaskId === undefined || !openTasks.some((task) => task.taskId === filing.openTaskId)) broken.push(`${name} waits for a callback without an open task`);
    }
    if (!inWorkflow && openTasks.length > 0) broken.push(`${name} has open tasks ${openTasks.map((t) => t.taskId).join(', ')}`);
    if (openTasks.length > 1) broken.push(`${name} has ${openTasks.length} open tasks`);

    // Every status change has its audit event.
    const trail = items
      .filter((item) => item.pk === `FILING#${filing.filingId}` && item.sk.startsWith('EVENT#'))
      .sort((a, b) => (a.sk < b.sk ? -1 : 1))
      .filter((event) => event.type === 'CREATED' || (typeof event.to === 'string' && event.from !== event.to));
    if (trail[0]?.type !== 'CREATED') broken.push(`${name}: the trail does not start with CREATED`);
    let at: unknown = trail[0]?.to;
    for (const event of trail.slice(1)) {
      if (event.from !== at) broken.push(`${name}: a status event goes ${String(event.from)}→${String(event.to)} after ${String(at)} (a change without its event)`);
      at = event.to;
    }
    if (at !== filing.status) broken.push(`${name}: the trail ends at ${String(at)}`);

    // The entity of a filing in the workflow is busy with it, for its account.
    if (inWorkflow) {
      const target = filing.targetFilingId === undefined ? undefined : filingById.get(filing.targetFilingId);
      const certificateNumber = filing.document.entity?.certificateNumber ?? target?.document.entity?.certificateNumber;
      if (certificateNumber !== undefined) {
        const claim = accountEntityClaim(filing.accountId, certificateNumber, filing.filingId);
        const held = get(uniqueKey(claim.kind, claim.value));
        if (held?.ownerId !== filing.filingId) broken.push(`${name} is in the workflow but its entity is ${held === undefined ? 'not claimed' : `claimed by ${String(held.ownerId)}`}`);
      }
    }
    // What it records as held exists, with the recorded owner.
    for (const claim of filing.heldClaims ?? []) {
      const held = get(uniqueKey(claim.kind, claim.value));
      if (held?.ownerId !== claim.ownerId) broken.push(`${name} records a ${claim.kind} claim that is ${held === undefined ? 'missing' : `owned by ${String(held.ownerId)}`}`);
    }
  }
  const recorded = new Set(filings.flatMap((filing) => (filing.heldClaims ?? []).map((claim) => uniqueKey(claim.kind, claim.value).pk)));

  // Uniqueness items and their owners.
  for (const item of items.filter((i) => i.pk.startsWith('UNIQUE#'))) {
    const owner = String(item.ownerId);
    const kind = String(item.kind);
    if (kind === 'EMAIL' || kind === 'MOBILE') {
      const profile = get({ pk: `ACCOUNT#${owner}`, sk: 'PROFILE' }) as { profile?: { email: string; mobile: string } } | undefined;
      const claim = profile?.profile === undefined ? undefined : kind === 'EMAIL' ? emailClaim(profile.profile.email, owner) : mobileClaim(profile.profile.mobile, owner);
      if (claim === undefined || uniqueKey(claim.kind, claim.value).pk !== item.pk) broken.push(`${item.pk} is owned by account ${owner}, whose profile does not hold that ${kind.toLowerCase()}`);
    } else if (kind === 'ENTITY_BUSY') {
      const filing = filingById.get(owner);
      if (filing === undefined || !IN_WORKFLOW_STATUSES.includes(filing.status)) broken.push(`${item.pk} is held by ${filing === undefined ? 'a missing filing' : `filing ${owner} in ${filing.status}`}`);
      else if (filing.heldClaims !== undefined && !recorded.has(item.pk)) broken.push(`${item.pk} is held by filing ${owner}, which does not record it`);
    } else if (kind === 'APP_NAME') {
      if (!filingById.has(owner)) broken.push(`${item.pk} is held by a missing filing ${owner}`);
      else if (!recorded.has(item.pk) && filingById.get(owner)!.heldClaims !== undefined) broken.push(`${item.pk} (an APP name) is recorded as held by no filing`);
    }
  }
  for (const account of items.filter((i) => i.sk === 'PROFILE') as (Item & { profile: { email: string; mobile: string } })[]) {
    const accountId = account.pk.replace('ACCOUNT#', '');
    for (const claim of [emailClaim(account.profile.email, accountId), mobileClaim(account.profile.mobile, accountId)]) {
      if (get(uniqueKey(claim.kind, claim.value))?.ownerId !== accountId) broken.push(`account ${accountId} does not own the ${claim.kind.toLowerCase()} item of its profile`);
    }
  }
  return broken;
}

/**
 * The invariants once the platform has settled: a step between two writes (a status set, its
 * task stored next) is not a broken invariant, so the check is repeated for a short while.
 */
export async function settledInvariants(subject: InvariantSubject | LocalPlatform, timeoutMs = 5_000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const broken = await checkInvariants(subject);
    if (broken.length === 0 || Date.now() > until) return broken;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
