import { readFile } from 'node:fs/promises';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { s3, sfn } from '../../../lambdas/shared/adapters/clients.js';
import fixture from '../../fixtures/filing-new.json' with { type: 'json' };
import { installAdapters } from '../../../lambdas/shared/adapters/composition.js';
import type { AccountResourcesFile } from '../../../lib/local/network-adapter.js';
import { answerTask, claimTask, createFiling, createTask, getFiling, getTaskForDecision, listEvents, newTaskId, type FilingRecord } from '../../../lambdas/shared/store/index.js';
import { resumeInterruptedFilings } from '../../../lambdas/shared/workflow/resume.js';
import { executionName } from '../../../lambdas/shared/workflow/state.js';
import type { AttachmentKind } from '../../../lambdas/shared/domain/index.js';
import { handler as deadlines } from '../../../lambdas/deadlines/handler.js';
import { samplePng } from '../../../lib/local/samples/attachments.js';
import { lambdaContext } from '../../../lib/local/lambda-context.js';
import { randomUscc } from '../../../tools/demo/fixtures.js';
import {
  CUSTOMER_A,
  NO_TIMEOUTS,
  answerStage,
  approveThrough,
  injectThrottling,
  putAttachment,
  resubmit,
  uploadAttachments,
  reviewerDecision,
  shortTimeout,
  submitFiling,
  submitWithoutStart,
  waitForEnd,
  waitForStatus,
  withdraw,
  type Harness,
} from './harness.js';

export const RECORD_NUMBER = '宁ICP备2024000001号-1A';
const SECURITY_GROUP = 'sg-0a1b2c3d4e5f60001';

type Doc = Record<string, unknown>;
let named = 0;
/**
 * The fixture under an APP name and an entity of its own: an approved or returned APP keeps its
 * name (rules.md APP_NAME_TAKEN), and the submit use case refuses a second application of an
 * entity while one is under review (ENTITY_BUSY).
 */
const newDocument = (changes: (doc: typeof fixture) => void = () => undefined): Doc => {
  const doc = structuredClone(fixture);
  named += 1;
  doc.app.name = `${fixture.app.name}${named}`;
  doc.entity.certificateNumber = randomUscc();
  changes(doc);
  return doc as unknown as Doc;
};

async function ingressOf(harness: Harness, groupId = SECURITY_GROUP): Promise<unknown[]> {
  const file = JSON.parse(await readFile(harness.resourcesFile, 'utf8')) as AccountResourcesFile;
  return file.accounts[CUSTOMER_A]!.securityGroups[groupId]!.ingress;
}

const codesOf = (filing: FilingRecord | null) => (filing?.reasons ?? []).map((r) => r.code);

/**
 * Every path of the lifecycle (docs/design/lifecycle.md), registered as tests on the given harness; with
 * `throttled`, each test first arms throttling of the first attempt of every DynamoDB, S3,
 * STS and EC2 call, and checks that faults were indeed met.
 */
export function lifecyclePaths(harnessOf: () => Harness, throttled: boolean): void {
  let throttling: ReturnType<typeof injectThrottling> | undefined;
  beforeEach(() => {
    installAdapters({ callbackTimeouts: NO_TIMEOUTS });
    if (throttled) throttling = injectThrottling();
  });
  afterEach(() => {
    if (throttled) {
      expect(throttling!.failures().length).toBeGreaterThan(0);
      throttling!.stop();
    }
    installAdapters({ callbackTimeouts: undefined });
  });

  /** A NEW filing approved end to end (ELECTRONIC). */
  async function approvedNew(changes?: (doc: typeof fixture) => void): Promise<FilingRecord> {
    const filing = await submitFiling(newDocument(changes));
    await approveThrough(filing, { verification: true, sms: true, recordNumber: RECORD_NUMBER });
    await waitForEnd(harnessOf(), filing);
    return (await getFiling(filing.filingId))!;
  }

  test('NEW: approved through every stage, record number stored, ports opened', async () => {
    const harness = harnessOf();
    const filing = await submitFiling(newDocument());
    await approveThrough(filing, { verification: true, sms: true, recordNumber: RECORD_NUMBER });
    const execution = await waitForEnd(harness, filing);
    expect(execution.status).toBe('SUCCEEDED');
    const approved = await getFiling(filing.filingId);
    expect(approved).toMatchObject({ status: 'APPROVED', recordNumber: RECORD_NUMBER, ports: { open: true, securityGroupIds: [SECURITY_GROUP] } });
    expect(approved?.openTaskId).toBeUndefined();
    const rules = await ingressOf(harness);
    for (const port of [80, 8080, 443]) {
      expect(rules).toContainEqual({ protocol: 'tcp', port, cidr: '0.0.0.0/0' });
      expect(rules).toContainEqual({ protocol: 'tcp', port, cidr: '::/0' });
    }
    const statuses = (await listEvents(filing.filingId)).filter((e) => e.type === 'STATUS_CHANGED').map((e) => e.to);
    expect(statuses).toEqual(['SUBMITTED', 'AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW', 'AWAITING_SMS_VERIFICATION', 'CA_REVIEW', 'APPROVED']);
    await harness.eventsCaughtUp();
    expect(harness.events).toContainEqual(expect.objectContaining({ detailType: 'Filing Status Changed', detail: expect.objectContaining({ filingId: filing.filingId, to: 'APPROVED', recordNumber: RECORD_NUMBER }) }));
    expect(harness.notices.some((n) => n.audience === 'reviewers' && n.message.includes(filing.filingId))).toBe(true);
    // Step Functions bills transitions: a NEW lifecycle with electronic verification takes 12.
    if (!throttled) expect(execution.stateTransitions).toBe(12);
  });

  describe('returned by each automated check', () => {
    const resourceCases: [string, (doc: typeof fixture) => void][] = [
      ['IP_NOT_OWNED', (d) => void (d.access.ips = ['1.2.3.4'])],
      ['ELB_IP_SET_INCOMPLETE', (d) => void (d.access.ips = ['52.83.20.1'])],
      ['SECURITY_GROUP_INVALID', (d) => void (d.access.securityGroupIds = ['sg-0a1b2c3d4e5f69999'])],
      // The account's untagged group (docs/design/api.md): caught before a reviewer sees the filing.
      ['SECURITY_GROUP_NOT_MANAGED', (d) => void (d.access.securityGroupIds = ['sg-0a1b2c3d4e5f60003'])],
      ['ACCESS_ROLE_INVALID', (d) => void (d.access.accessRoleArn = 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccessGone')],
    ];
    test.each(resourceCases)('%s', async (code, change) => {
      const filing = await submitFiling(newDocument(change));
      const execution = await waitForEnd(harnessOf(), filing);
      expect(execution.status).toBe('SUCCEEDED');
      const returned = await getFiling(filing.filingId);
      expect(returned?.status).toBe('RETURNED');
      expect(codesOf(returned)).toContain(code);
    });

    const certificate = (options: { width: number; height: number; targetBytes?: number; colour?: boolean }) => samplePng({ seed: 7, ...options });
    const attachmentCases: [string, () => Promise<{ kind: AttachmentKind; bytes: Uint8Array; type: string } | null>][] = [
      ['ATTACHMENT_MISSING', async () => null],
      ['ATTACHMENT_TYPE', async () => ({ kind: 'ENTITY_CERTIFICATE', bytes: Buffer.alloc(150 * 1024, 'not an image '), type: 'image/png' })],
      ['ATTACHMENT_SIZE', async () => ({ kind: 'ENTITY_CERTIFICATE', bytes: certificate({ width: 1600, height: 1150 }), type: 'image/png' })],
      ['ATTACHMENT_RESOLUTION', async () => ({ kind: 'ENTITY_CERTIFICATE', bytes: certificate({ width: 900, height: 700, targetBytes: 150 * 1024 }), type: 'image/png' })],
      ['ATTACHMENT_NOT_COLOUR', async () => ({ kind: 'ENTITY_CERTIFICATE', bytes: certificate({ width: 1600, height: 1150, targetBytes: 150 * 1024, colour: false }), type: 'image/png' })],
    ];
    test.each(attachmentCases)('%s', async (code, bad) => {
      const replacement = await bad();
      const filing = await submitWith(async (filingId) => {
        if (replacement === null) return ['APP_ICON'];
        // A newer upload of the kind replaces the good sample (of one second: the later grant, domain/counted-uploads.ts).
        await putAttachment(filingId, replacement.kind, replacement.bytes, replacement.type);
        return [];
      });
      const execution = await waitForEnd(harnessOf(), filing);
      expect(execution.status).toBe('SUCCEEDED');
      const returned = await getFiling(filing.filingId);
      expect(returned?.status).toBe('RETURNED');
      expect(codesOf(returned)).toContain(code);
    });
  });

  test('verification timeout: RETURNED with VERIFICATION_EXPIRED, task closed', async () => {
    installAdapters({ callbackTimeouts: shortTimeout('VERIFICATION') });
    const filing = await submitFiling(newDocument());
    const waiting = await waitForStatus(filing.filingId, 'AWAITING_VERIFICATION');
    await waitForEnd(harnessOf(), filing);
    const returned = await getFiling(filing.filingId);
    expect(returned?.status).toBe('RETURNED');
    expect(codesOf(returned)).toEqual(['VERIFICATION_EXPIRED']);
    expect((await getTaskForDecision(waiting.openTaskId!))?.state).toBe('CANCELLED');
  });

  test('preliminary rejection: RETURNED with the reviewer reasons', async () => {
    const filing = await submitFiling(newDocument());
    await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    const problems = await reviewerDecision(filing.filingId, 'PRELIMINARY_REVIEW', { decision: 'REJECT', reasons: [{ code: 'APP_CONTENT', message: 'The APP shows no content yet.' }] });
    expect(problems).toEqual([]);
    const execution = await waitForEnd(harnessOf(), filing);
    expect(execution.status).toBe('SUCCEEDED');
    const returned = await getFiling(filing.filingId);
    expect(returned?.status).toBe('RETURNED');
    expect(returned?.reasons).toEqual([expect.objectContaining({ code: 'APP_CONTENT', message: 'The APP shows no content yet.' })]);
  });

  test('manual verification: approved only with paperMaterialsReceived', async () => {
    // A passport as the APP principal's identity: MANUAL (docs/design/rules.md; the guide, Eleventh).
    const filing = await submitFiling(newDocument((d) => Object.assign(d.app.principal, { idType: 'PASSPORT', idNumber: 'E12345678' })));
    expect(filing.verificationMethod).toBe('MANUAL');
    await waitForStatus(filing.filingId, 'PRELIMINARY_REVIEW');
    const refused = await reviewerDecision(filing.filingId, 'PRELIMINARY_REVIEW', { decision: 'APPROVE' });
    expect(refused.length).toBeGreaterThan(0);
    expect((await getFiling(filing.filingId))?.status).toBe('PRELIMINARY_REVIEW');
    expect(await reviewerDecision(filing.filingId, 'PRELIMINARY_REVIEW', { decision: 'APPROVE', paperMaterialsReceived: true })).toEqual([]);
    await answerStage(filing.filingId, 'AWAITING_SMS_VERIFICATION', { success: {} }, CUSTOMER_A);
    expect(await reviewerDecision(filing.filingId, 'CA_REVIEW', { decision: 'APPROVE', recordNumber: RECORD_NUMBER })).toEqual([]);
    await waitForEnd(harnessOf(), filing);
    const statuses = (await listEvents(filing.filingId)).filter((e) => e.type === 'STATUS_CHANGED').map((e) => e.to);
    expect(statuses).not.toContain('AWAITING_VERIFICATION');
    expect((await getFiling(filing.filingId))?.status).toBe('APPROVED');
  });

  test('SMS timeout: RETURNED with SMS_VERIFICATION_EXPIRED', async () => {
    installAdapters({ callbackTimeouts: shortTimeout('SMS_VERIFICATION') });
    const filing = await submitFiling(newDocument());
    await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    await answerStage(filing.filingId, 'PRELIMINARY_REVIEW', { success: { decision: 'APPROVE' } });
    await waitForEnd(harnessOf(), filing);
    const returned = await getFiling(filing.filingId);
    expect(returned?.status).toBe('RETURNED');
    expect(codesOf(returned)).toEqual(['SMS_VERIFICATION_EXPIRED']);
  });

  test('CA rejection: RETURNED', async () => {
    const filing = await submitFiling(newDocument());
    await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    await answerStage(filing.filingId, 'PRELIMINARY_REVIEW', { success: { decision: 'APPROVE' } });
    await answerStage(filing.filingId, 'AWAITING_SMS_VERIFICATION', { success: {} }, CUSTOMER_A);
    await reviewerDecision(filing.filingId, 'CA_REVIEW', { decision: 'REJECT', reasons: [{ code: 'CA_REJECTED', message: 'The administration refused the domain.' }] });
    await waitForEnd(harnessOf(), filing);
    const returned = await getFiling(filing.filingId);
    expect(returned).toMatchObject({ status: 'RETURNED' });
    expect(codesOf(returned)).toEqual(['CA_REJECTED']);
    expect(returned?.ports).toBeUndefined();
  });

  test('CA approval with a malformed or wrong-province record number is refused', async () => {
    const filing = await submitFiling(newDocument());
    await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    await answerStage(filing.filingId, 'PRELIMINARY_REVIEW', { success: { decision: 'APPROVE' } });
    await answerStage(filing.filingId, 'AWAITING_SMS_VERIFICATION', { success: {} }, CUSTOMER_A);
    const malformed = await reviewerDecision(filing.filingId, 'CA_REVIEW', { decision: 'APPROVE', recordNumber: '宁ICP备2024000001号' });
    expect(malformed.map((p) => p.code)).toEqual(['RECORD_NUMBER_INVALID']);
    const wrongProvince = await reviewerDecision(filing.filingId, 'CA_REVIEW', { decision: 'APPROVE', recordNumber: '川ICP备2024000001号-1A' });
    expect(wrongProvince.map((p) => p.code)).toEqual(['RECORD_NUMBER_PROVINCE_MISMATCH']);
    const waiting = await getFiling(filing.filingId);
    expect(waiting?.status).toBe('CA_REVIEW');
    expect((await getTaskForDecision(waiting!.openTaskId!))?.state).toBe('OPEN');
    // Should one reach the workflow anyway (its stored token answered directly, past the review
    // use case), ApplyDecision refuses it: nothing recorded as approved.
    const open = await getTaskForDecision(waiting!.openTaskId!);
    await sfn().send(new SendTaskSuccessCommand({ taskToken: open!.token, output: JSON.stringify({ decision: 'APPROVE', recordNumber: '川ICP备2024000001号-1A' }) }));
    const execution = await waitForEnd(harnessOf(), filing);
    expect(execution.status).toBe('FAILED');
    const returned = await getFiling(filing.filingId);
    expect(returned?.status).toBe('RETURNED');
    expect(returned?.recordNumber).toBeUndefined();
    expect(codesOf(returned)).toEqual(['SYSTEM_ERROR']);
    expect(harnessOf().notices.some((n) => n.audience === 'operators' && n.message.includes(filing.filingId))).toBe(true);
  });

  test('CHANGE_INFO: the changed fields applied to the target', async () => {
    const target = await approvedNew();
    const sdks = [{ name: 'AMap SDK', provider: '高德软件有限公司', purpose: 'maps' }];
    const change = await submitFiling({ type: 'CHANGE_INFO', targetFilingId: target.filingId, app: { sdks } }, { type: 'CHANGE_INFO', targetFilingId: target.filingId });
    await approveThrough(change, { verification: true, sms: true });
    await waitForEnd(harnessOf(), change);
    expect((await getFiling(change.filingId))?.status).toBe('APPROVED');
    const updated = await getFiling(target.filingId);
    expect(updated).toMatchObject({ status: 'APPROVED', recordNumber: RECORD_NUMBER });
    expect((updated?.document as { app: { sdks: unknown; name: string } }).app).toMatchObject({ sdks, name: (target.document as { app: { name: string } }).app.name });
  });

  test('CHANGE_IP: the target IPs replaced after the resource check', async () => {
    const target = await approvedNew();
    const change = await submitFiling({ type: 'CHANGE_IP', targetFilingId: target.filingId, access: { ips: ['52.83.20.1', '52.83.20.2'] } }, { type: 'CHANGE_IP', targetFilingId: target.filingId });
    await approveThrough(change, { verification: false, sms: true });
    await waitForEnd(harnessOf(), change);
    expect((await getFiling(change.filingId))?.status).toBe('APPROVED');
    const updated = await getFiling(target.filingId);
    expect((updated?.document as { access: { ips: string[]; securityGroupIds: string[] } }).access).toMatchObject({ ips: ['52.83.20.1', '52.83.20.2'], securityGroupIds: [SECURITY_GROUP] });
    expect(updated?.ports?.open).toBe(true);
  });

  test.each([
    ['CANCEL_APP', true],
    ['CANCEL_ACCESS', false],
  ] as const)('%s: the target CANCELLED, ports closed', async (type, sms) => {
    const harness = harnessOf();
    const target = await approvedNew();
    expect((await ingressOf(harness)).length).toBe(6);
    const cancel = await submitFiling({ type, targetFilingId: target.filingId }, { type, targetFilingId: target.filingId });
    await approveThrough(cancel, { verification: false, sms });
    await waitForEnd(harness, cancel);
    expect((await getFiling(cancel.filingId))?.status).toBe('APPROVED');
    const cancelled = await getFiling(target.filingId);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', ports: { open: false } });
    expect(await ingressOf(harness)).toEqual([]);
    const statuses = (await listEvents(cancel.filingId)).filter((e) => e.type === 'STATUS_CHANGED').map((e) => e.to);
    expect(statuses.includes('AWAITING_SMS_VERIFICATION')).toBe(sms);
  });

  test('CANCEL_ENTITY: every approved filing of the entity CANCELLED', async () => {
    const harness = harnessOf();
    const first = await approvedNew();
    const entity = (first.document as typeof fixture).entity.certificateNumber;
    const second = await approvedNew((d) => Object.assign(d, { app: { ...d.app, name: '云帆出行商户版' }, entity: { ...d.entity, certificateNumber: entity } }));
    const cancel = await submitFiling({ type: 'CANCEL_ENTITY', targetFilingId: first.filingId }, { type: 'CANCEL_ENTITY', targetFilingId: first.filingId });
    await approveThrough(cancel, { verification: false, sms: true });
    await waitForEnd(harness, cancel);
    expect((await getFiling(cancel.filingId))?.status).toBe('APPROVED');
    for (const filing of [first, second]) expect(await getFiling(filing.filingId)).toMatchObject({ status: 'CANCELLED', ports: { open: false } });
    expect(await ingressOf(harness)).toEqual([]);
  });

  describe('withdraw at each stage that allows it', () => {
    test('SUBMITTED (while the resource check runs)', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const local = harnessOf().network;
      const inner = throttled ? undefined : local;
      if (inner) {
        installAdapters({ network: { ...inner, describeAccount: async (access, ids) => (await gate, inner.describeAccount(access, ids)) } });
      } else {
        release();
      }
      const filing = await submitFiling(newDocument());
      await waitForStatus(filing.filingId, 'SUBMITTED');
      await withdraw(filing.filingId);
      release();
      const execution = await waitForEnd(harnessOf(), filing);
      expect(['ABORTED', 'SUCCEEDED']).toContain(execution.status);
      expect((await getFiling(filing.filingId))?.status).toBe('WITHDRAWN');
      if (inner) installAdapters({ network: inner });
    });

    test.each(['AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW'] as const)('%s', async (status) => {
      const filing = await submitFiling(newDocument());
      if (status === 'PRELIMINARY_REVIEW') await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
      const waiting = await waitForStatus(filing.filingId, status);
      await withdraw(filing.filingId);
      const execution = await waitForEnd(harnessOf(), filing);
      expect(execution.status).toBe('ABORTED');
      expect((await getFiling(filing.filingId))?.status).toBe('WITHDRAWN');
      expect((await getTaskForDecision(waiting.openTaskId!))?.state).toBe('CANCELLED');
    });
  });

  test('resume on restart: a filing whose execution was lost is resumed at its stage', async () => {
    const harness = harnessOf();
    const filing = await submitFiling(newDocument());
    await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    const before = await waitForStatus(filing.filingId, 'PRELIMINARY_REVIEW');
    await harness.restartRuntime();
    const outcomes = await resumeInterruptedFilings({ accountIds: [CUSTOMER_A] });
    expect(outcomes).toContainEqual({ filingId: filing.filingId, status: 'PRELIMINARY_REVIEW', action: 'RESUMED', resumeAt: 'PRELIMINARY_REVIEW' });
    const resumed = await eventuallyNewTask(filing.filingId, before.openTaskId!);
    expect((await getTaskForDecision(before.openTaskId!))?.state).toBe('CANCELLED');
    expect(resumed.status).toBe('PRELIMINARY_REVIEW');
    await answerStage(filing.filingId, 'PRELIMINARY_REVIEW', { success: { decision: 'APPROVE' } });
    await answerStage(filing.filingId, 'AWAITING_SMS_VERIFICATION', { success: {} }, CUSTOMER_A);
    await answerStage(filing.filingId, 'CA_REVIEW', { success: { decision: 'APPROVE', recordNumber: RECORD_NUMBER } });
    await waitForEnd(harness, filing);
    expect((await getFiling(filing.filingId))?.status).toBe('APPROVED');
  });

  test('resume on restart: a SUBMITTED filing restarts its checks; one whose CA answer was lost is returned with a reason', async () => {
    const harness = harnessOf();
    // Lost while the checks ran: SUBMITTED with no execution.
    const draft = await createFiling({ accountId: CUSTOMER_A, type: 'NEW', document: newDocument((d) => void (d.app.name = '云帆出行极速版')) });
    await uploadAttachments(draft.filingId);
    const submitted = await submitWithoutStart(draft);
    // Lost after the CA decision was sent: the decision cannot be replayed.
    const decided = await submitFiling(newDocument());
    await answerStage(decided.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    await answerStage(decided.filingId, 'PRELIMINARY_REVIEW', { success: { decision: 'APPROVE' } });
    await answerStage(decided.filingId, 'AWAITING_SMS_VERIFICATION', { success: {} }, CUSTOMER_A);
    const waiting = await waitForStatus(decided.filingId, 'CA_REVIEW');
    await harness.restartRuntime();
    await claimTask(waiting.openTaskId!, 'arn:aws-cn:iam::999999999999:role/IcpReviewer');

    const outcomes = await resumeInterruptedFilings({ accountIds: [CUSTOMER_A] });
    expect(outcomes).toContainEqual({ filingId: submitted.filingId, status: 'SUBMITTED', action: 'RESUMED', resumeAt: 'START' });
    expect(outcomes).toContainEqual({ filingId: decided.filingId, status: 'CA_REVIEW', action: 'RETURNED' });
    await waitForStatus(submitted.filingId, 'AWAITING_VERIFICATION');
    const returned = await getFiling(decided.filingId);
    expect(returned?.status).toBe('RETURNED');
    expect(codesOf(returned)).toEqual(['SYSTEM_ERROR']);
    await withdraw(submitted.filingId);
    await waitForEnd(harness, submitted);
  });

  test('resume reads the recorded answer: a REJECT returns with its reasons, a CA approval is applied with its record number', async () => {
    const harness = harnessOf();
    const reason = { path: 'app.name', code: 'NAME_MISLEADING', message: 'misleading', messageZh: '名称有误导性' };
    // Each execution is lost with its decision recorded but never handed over.
    const rejected = await submitFiling(newDocument());
    await answerStage(rejected.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    const inReview = await waitForStatus(rejected.filingId, 'PRELIMINARY_REVIEW');
    await harness.restartRuntime();
    await answerTask({ taskId: inReview.openTaskId!, stage: 'PRELIMINARY_REVIEW', filingId: inReview.filingId, waitingStatus: 'PRELIMINARY_REVIEW', eventType: 'DECISION_RECORDED', answer: { decision: 'REJECT', reasons: [reason], by: 'reviewer' } });
    expect(await resumeInterruptedFilings({ accountIds: [CUSTOMER_A] })).toContainEqual({ filingId: rejected.filingId, status: 'PRELIMINARY_REVIEW', action: 'RETURNED' });
    expect(await getFiling(rejected.filingId)).toMatchObject({ status: 'RETURNED', reasons: [reason] });

    const approved = await submitFiling(newDocument());
    await answerStage(approved.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    await answerStage(approved.filingId, 'PRELIMINARY_REVIEW', { success: { decision: 'APPROVE' } });
    await answerStage(approved.filingId, 'AWAITING_SMS_VERIFICATION', { success: {} }, CUSTOMER_A);
    const inCa = await waitForStatus(approved.filingId, 'CA_REVIEW');
    await harness.restartRuntime();
    await answerTask({ taskId: inCa.openTaskId!, stage: 'CA_DECISION', filingId: inCa.filingId, waitingStatus: 'CA_REVIEW', eventType: 'DECISION_RECORDED', answer: { decision: 'APPROVE', recordNumber: RECORD_NUMBER, by: 'reviewer' } });
    expect(await resumeInterruptedFilings({ accountIds: [CUSTOMER_A] })).toContainEqual({ filingId: approved.filingId, status: 'CA_REVIEW', action: 'RESUMED', resumeAt: 'APPLY_DECISION' });
    expect(await waitForStatus(approved.filingId, 'APPROVED')).toMatchObject({ recordNumber: RECORD_NUMBER });
    await waitForEnd(harness, approved);
    for (const taskId of [inReview.openTaskId!, inCa.openTaskId!]) expect((await getTaskForDecision(taskId))?.appliedAt).toEqual(expect.any(String));
  });

  test('deadlines: an overdue review task is escalated once and the workflow keeps waiting', async () => {
    const harness = harnessOf();
    const filing = await submitFiling(newDocument());
    await answerStage(filing.filingId, 'AWAITING_VERIFICATION', { success: {} }, CUSTOMER_A);
    const waiting = await waitForStatus(filing.filingId, 'PRELIMINARY_REVIEW');
    // A task whose deadline has passed (the real one is a working day away).
    const overdueId = newTaskId();
    await createTask({ taskId: overdueId, token: 'unused', stage: 'PRELIMINARY_REVIEW', filingId: filing.filingId, accountId: CUSTOMER_A, deadline: new Date(Date.now() - 60_000).toISOString() });
    const first = (await deadlines({}, lambdaContext('deadlines'))) as { escalated: number };
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const second = (await deadlines({}, lambdaContext('deadlines'))) as { escalated: number };
    expect(second.escalated).toBe(0);
    expect(harness.notices.filter((n) => n.audience === 'reviewers' && n.message.includes(overdueId))).toHaveLength(1);
    expect((await listEvents(filing.filingId)).some((e) => e.type === 'TASK_OVERDUE')).toBe(true);
    expect(harness.runtime.listExecutions('RUNNING').some((e) => e.name.startsWith(filing.filingId))).toBe(true);
    expect((await getTaskForDecision(waiting.openTaskId!))?.state).toBe('OPEN');
    await withdraw(filing.filingId);
    await waitForEnd(harness, filing);
  });
}

async function eventuallyNewTask(filingId: string, oldTaskId: string): Promise<FilingRecord> {
  const until = Date.now() + 15_000;
  for (;;) {
    const filing = await getFiling(filingId);
    if (filing?.openTaskId !== undefined && filing.openTaskId !== oldTaskId) return filing;
    if (Date.now() > until) throw new Error('no new task after resume');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Submits a NEW filing whose attachments are prepared by `prepare`; the kinds it answers have
 * their evidence lost after submit (the submit API refuses a filing without them, so only the
 * workflow's own check can find them missing), then the execution starts.
 */
async function submitWith(prepare: (filingId: string) => Promise<AttachmentKind[]>): Promise<FilingRecord> {
  const draft = await createFiling({ accountId: CUSTOMER_A, type: 'NEW', document: newDocument() });
  await uploadAttachments(draft.filingId);
  const lost = await prepare(draft.filingId);
  if (lost.length === 0) return resubmit(draft);
  const submitted = await submitWithoutStart(draft);
  for (const item of submitted.evidence?.items ?? []) {
    if (lost.includes(item.kind)) await s3().send(new DeleteObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: item.key }));
  }
  const name = executionName(submitted.filingId, submitted.revision);
  await sfn().send(new StartExecutionCommand({ stateMachineArn: process.env.STATE_MACHINE_ARN, name, input: JSON.stringify({ filingId: submitted.filingId, revision: submitted.revision }) }));
  return submitted;
}
