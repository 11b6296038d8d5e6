import type { Command } from 'commander';
import { buildProgram, runCli } from '../../../lib/cli/program.js';
import type { CliIo } from '../../../lib/cli/io.js';
import { errorAnswer, fakeTransport, type FakeAnswer } from '../client/fake-transport.js';
import { TransportError, type HttpRequest } from '../../../lib/client/index.js';

/** Runs one command line in-process against a scripted platform; answers the exit code and what was printed. */
async function run(args: string[], answers: FakeAnswer[] | ((request: HttpRequest, index: number) => FakeAnswer) = [], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrIsTty: false,
    readStdin: async () => '{"app":{"name":"云帆"}}',
    env: { RECORDAL_URL: 'http://platform.test', ...env },
  };
  const transport = fakeTransport(answers);
  const code = await runCli(args, { io, transport });
  return { code, stdout, stderr, requests: transport.requests };
}

const PROBLEMS = [
  { path: 'entityPrincipal.idNumber', code: 'ID_CARD_INVALID', message: 'The ID card number is invalid.', messageZh: '身份证号码无效。' },
  { path: 'app.name', code: 'FIELD_REQUIRED', message: 'The APP name is required.', messageZh: '须填写APP名称。' },
];

/** Every command path of the program that runs something (leaves of the command tree). */
function leaves(command: Command, prefix: string[] = []): string[][] {
  const children = command.commands.filter((child) => child.name() !== 'help');
  return children.length === 0 ? [prefix] : children.flatMap((child) => leaves(child, [...prefix, child.name()]));
}

describe('the recordal CLI', () => {
  it('has help with an example for the program and every command', async () => {
    const paths = leaves(buildProgram({ io: {} as CliIo }, () => undefined as never));
    expect(paths.map((path) => path.join(' '))).toEqual(expect.arrayContaining(['account show', 'filings patch', 'attachments upload-all', 'watch', 'review reject', 'review drift']));
    for (const path of [[], ...paths]) {
      const { code, stdout } = await run([...path, '--help']);
      expect({ path, code, example: /\nExample:\n {2}\$ recordal /.test(stdout) }).toEqual({ path, code: 0, example: true });
    }
  });

  it('exits 2 on a usage error, sending nothing', async () => {
    for (const args of [['filings', 'lst'], ['filings', 'get'], ['--output', 'xml', 'filings', 'list'], ['--as', 'mallory', 'account', 'show'], ['review', 'reject', 't-1', '--reason', 'no-colon'], ['filings', 'create', '--file', '/nonexistent.json']]) {
      const { code, stderr, requests } = await run(args);
      expect({ args, code, requests: requests.length }).toEqual({ args, code: 2, requests: 0 });
      expect(stderr).toMatch(/error/);
    }
  });

  it('exits 1 on a refusal, listing each problem with its code and path, English first', async () => {
    const { code, stdout, stderr } = await run(['--as', 'customer-a', 'filings', 'submit', 'f-1'], [errorAnswer(422, 'VALIDATION_FAILED', PROBLEMS)]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      'error VALIDATION_FAILED (HTTP 422): VALIDATION_FAILED in English',
      '  VALIDATION_FAILED 中文',
      '- ID_CARD_INVALID at entityPrincipal.idNumber: The ID card number is invalid.',
      '  身份证号码无效。',
      '- FIELD_REQUIRED at app.name: The APP name is required.',
      '  须填写APP名称。',
      'request id: req-1',
      '',
    ]);
  });

  it('puts Chinese first when LANG is zh_*', async () => {
    const { stderr } = await run(['--as', 'customer-a', 'filings', 'submit', 'f-1'], [errorAnswer(422, 'VALIDATION_FAILED', PROBLEMS)], { LANG: 'zh_CN.UTF-8' });
    expect(stderr.split('\n').slice(0, 4)).toEqual([
      'error VALIDATION_FAILED (HTTP 422): VALIDATION_FAILED 中文',
      '  VALIDATION_FAILED in English',
      '- ID_CARD_INVALID at entityPrincipal.idNumber: 身份证号码无效。',
      '  The ID card number is invalid.',
    ]);
  });

  it('prints JSON with --output json, signed as the identity chosen, at the endpoint chosen', async () => {
    const filing = { filingId: 'f-1', status: 'DRAFT', version: 3 };
    const { code, stdout, requests } = await run(['--endpoint', 'http://other.test/stage', '--as', 'customer-b', '-o', 'json', 'filings', 'list', '--status', 'DRAFT'], [
      { status: 200, json: { items: [filing], nextCursor: null } },
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([filing]);
    expect(requests[0]!.url).toBe('http://other.test/stage/v1/filings?status=DRAFT');
    expect(requests[0]!.headers.authorization).toContain('Credential=AKIALOCALCUSTOMERB01/');
  });

  it('patches with the ETag it read, from a patch on standard input', async () => {
    const { code, requests } = await run(['--as', 'customer-a', '-o', 'json', 'filings', 'patch', 'f-1', '--file', '-'], [
      { status: 200, json: { filingId: 'f-1', version: 7 }, headers: { etag: '"7"' } },
      { status: 200, json: { filingId: 'f-1', version: 8 } },
    ]);
    expect(code).toBe(0);
    expect(requests[1]).toMatchObject({ method: 'PATCH', headers: { 'if-match': '"7"', 'content-type': 'application/merge-patch+json' }, body: '{"app":{"name":"云帆"}}' });
  });

  it('sends a rejection with every reason', async () => {
    const { code, requests } = await run(['--as', 'reviewer', 'review', 'reject', 't-1', '--reason', 'MATERIALS_UNCLEAR:scan unreadable', 'NAME_MISMATCH: names differ'], [
      { status: 202, json: { taskId: 't-1', filingId: 'f-1', stage: 'PRELIMINARY_REVIEW', decision: 'REJECT' } },
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(String(requests[0]!.body))).toEqual({
      decision: 'REJECT',
      reasons: [
        { code: 'MATERIALS_UNCLEAR', message: 'scan unreadable' },
        { code: 'NAME_MISMATCH', message: 'names differ' },
      ],
    });
  });

  it('exits 1 with a hint when no platform answers', async () => {
    const { code, stderr } = await run(['--as', 'customer-a', 'account', 'show'], (request) => {
      throw new TransportError(request.method, request.url, { code: 'ECONNREFUSED' });
    });
    expect(code).toBe(1);
    expect(stderr).toContain('no recordal platform answers at http://platform.test (ECONNREFUSED)');
  });
});
