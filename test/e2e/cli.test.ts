import { jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Filing, RequirementStatus, ReviewTask } from '../../lib/client/index.js';
import { sampleAttachment } from '../../lib/local/samples/attachments.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { exampleAccountProfile, newFilingDocument, randomRecordNumber } from '../../tools/demo/fixtures.js';
import { startTestPlatform } from '../support/platform.js';
import { runToEnd, type Finished } from '../support/subprocess.js';

jest.setTimeout(420_000);

const REPO = join(import.meta.dirname, '..', '..');

/**
 * The whole of a NEW filing's lifecycle through the `recordal` binary (bin/recordal.js, what
 * `npx recordal` runs), one subprocess per command, as a customer's and a reviewer's scripts
 * would drive it: JSON out parsed, exit codes checked, a refusal and usage errors included.
 */
describe('the recordal CLI against the local platform', () => {
  let platform: LocalPlatform;
  let work: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    work = mkdtempSync(join(tmpdir(), 'recordal-cli-'));
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  /** `recordal ARGS` with the platform as endpoint, English messages. */
  function recordal(args: string[], env: Record<string, string> = {}): Promise<Finished> {
    return runToEnd(process.execPath, [join(REPO, 'bin', 'recordal.js'), ...args], {
      cwd: REPO,
      env: { ...process.env, RECORDAL_URL: platform.url, LANG: 'en_US.UTF-8', LC_ALL: '', ...env },
      timeout: 60_000,
    });
  }

  /** A command that must succeed, its JSON output parsed. */
  async function json<T>(args: string[]): Promise<T> {
    const finished = await recordal([...args, '--output', 'json']);
    expect({ args, code: finished.code, stderr: finished.stderr }).toEqual({ args, code: 0, stderr: '' });
    return JSON.parse(finished.stdout) as T;
  }

  const file = (name: string, value: unknown) => {
    const path = join(work, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  /** The reviewer's open task of `stage` for the filing, waiting until it is listed. */
  async function taskOf(stage: string, filingId: string): Promise<ReviewTask> {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const task = (await json<ReviewTask[]>(['--as', 'reviewer', 'review', 'tasks', '--stage', stage])).find((item) => item.filingId === filingId);
      if (task !== undefined) return task;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no ${stage} task for ${filingId}`);
  }

  const watchUntil = (filingId: string, status: string) => json<{ status: string; changes: { to: string }[] }>(['--as', 'customer-a', 'watch', filingId, '--until', status, '--timeout', '60']);

  it('takes a NEW filing from registration to APPROVED, as customer A and the reviewer', async () => {
    await json(['--as', 'customer-a', 'account', 'register', '--file', file('profile.json', exampleAccountProfile())]);
    const created = await json<Filing>(['--as', 'customer-a', 'filings', 'create', '--file', file('filing.json', newFilingDocument()), '--idempotency-key', 'cli-e2e-1']);
    expect(created).toMatchObject({ type: 'NEW', status: 'DRAFT', version: 1 });
    const id = created.filingId;

    // Submitting without the attachments is refused: exit 1, each missing one listed by rule code and path.
    const refused = await recordal(['--as', 'customer-a', 'filings', 'submit', id]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^error VALIDATION_FAILED \(HTTP 422\): /);
    expect(refused.stderr).toMatch(/^- ATTACHMENT_MISSING at attachments\.APP_ICON: .+$/m);

    const required = (await json<RequirementStatus[]>(['--as', 'customer-a', 'filings', 'requirements', id])).filter((item) => item.required).map((item) => item.kind);
    const attachments = join(work, 'attachments');
    mkdirSync(attachments);
    for (const kind of required) {
      const sample = sampleAttachment(kind);
      writeFileSync(join(attachments, `${kind}${extname(sample.fileName)}`), sample.bytes);
    }
    writeFileSync(join(attachments, 'notes.txt'), 'not an attachment');
    const uploaded = await recordal(['--as', 'customer-a', 'attachments', 'upload-all', id, attachments, '-o', 'json']);
    expect(uploaded.code).toBe(0);
    expect(uploaded.stderr).toContain('skipped');
    expect((JSON.parse(uploaded.stdout) as { kind: string; contentType: string }[]).map((item) => item.kind).sort()).toEqual([...required].sort());

    expect(await json<Filing>(['--as', 'customer-a', 'filings', 'submit', id])).toMatchObject({ status: 'SUBMITTED' });
    expect((await watchUntil(id, 'AWAITING_VERIFICATION')).status).toBe('AWAITING_VERIFICATION');
    await json(['--as', 'customer-a', 'verification', id]);
    // After the report, a plain watch waits for the next stage.
    expect((await json<{ status: string }>(['--as', 'customer-a', 'watch', id, '--timeout', '60'])).status).toBe('PRELIMINARY_REVIEW');

    const preliminary = await taskOf('PRELIMINARY_REVIEW', id);
    expect(await json(['--as', 'reviewer', 'review', 'approve', preliminary.taskId])).toMatchObject({ decision: 'APPROVE', stage: 'PRELIMINARY_REVIEW', filingId: id });
    await watchUntil(id, 'AWAITING_SMS_VERIFICATION');
    await json(['--as', 'customer-a', 'sms-verification', id]);
    await watchUntil(id, 'CA_REVIEW');

    const decision = await taskOf('CA_DECISION', id);
    const recordNumber = randomRecordNumber();
    await json(['--as', 'reviewer', 'review', 'approve', decision.taskId, '--record-number', recordNumber]);
    const watched = await recordal(['--as', 'customer-a', 'watch', id, '--until', 'APPROVED', '--timeout', '60']);
    expect(watched.code).toBe(0);
    // Table output: one line per status change of the whole story, then where it rests.
    expect(watched.stdout.trim().split('\n').map((line) => /→ (\w+)/.exec(line)?.[1] ?? line.split(' ').slice(1).join(' '))).toEqual([
      'DRAFT',
      'SUBMITTED',
      'AWAITING_VERIFICATION',
      'PRELIMINARY_REVIEW',
      'AWAITING_SMS_VERIFICATION',
      'CA_REVIEW',
      'APPROVED',
      `is APPROVED (record number ${recordNumber})`,
    ]);

    expect(await json<Filing>(['--as', 'customer-a', 'filings', 'get', id])).toMatchObject({ status: 'APPROVED', recordNumber, ports: { open: true } });
    const listed = await json<Filing[]>(['--as', 'customer-a', 'filings', 'list', '--status', 'APPROVED']);
    expect(listed.map((item) => item.filingId)).toEqual([id]);
    const downloads = join(work, 'downloads');
    const shown = await json<{ attachments: unknown[]; downloaded: string[] }>(['--as', 'reviewer', 'review', 'show', id, '--download', downloads]);
    expect(shown.downloaded).toHaveLength(required.length);
    expect(readdirSync(downloads)).toHaveLength(required.length);
  });

  it('exits 1 on a refusal with the rule codes, Chinese first under a zh LANG', async () => {
    const finished = await recordal(['--as', 'customer-b', 'filings', 'create', '--file', file('bad.json', { type: 'NEW', entityPrincipal: { mobile: '123', email: 'nope' } })], { LANG: 'zh_CN.UTF-8' });
    expect(finished.code).toBe(1);
    expect(finished.stderr).toMatch(/^error VALIDATION_FAILED \(HTTP 422\): \P{ASCII}/mu);
    expect(finished.stderr).toMatch(/^- MOBILE_INVALID at entityPrincipal\.mobile: \P{ASCII}/mu);
    expect(finished.stderr).toMatch(/^- EMAIL_INVALID at entityPrincipal\.email: /m);
    // A customer is not a reviewer: 403, exit 1.
    const forbidden = await recordal(['--as', 'customer-a', 'review', 'tasks']);
    expect({ code: forbidden.code, first: forbidden.stderr.split('\n')[0] }).toEqual({ code: 1, first: expect.stringMatching(/^error FORBIDDEN \(HTTP 403\)/) });
  });

  it('exits 2 on usage errors, before sending anything', async () => {
    for (const args of [['filings', 'submit'], ['--output', 'xml', 'filings', 'list'], ['--as', 'nobody', 'account', 'show'], ['filings', 'frobnicate'], ['eligibility', '--file', join(work, 'absent.json')]]) {
      const finished = await recordal(args);
      expect({ args, code: finished.code, stdout: finished.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(finished.stderr).toContain('error');
    }
  });

  it('says no platform answers, and exits 1', async () => {
    const finished = await recordal(['--as', 'customer-a', 'account', 'show'], { RECORDAL_URL: 'http://127.0.0.1:9' });
    expect(finished.code).toBe(1);
    expect(finished.stderr).toContain('no recordal platform answers at http://127.0.0.1:9 (ECONNREFUSED)');
  });
});
