import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CUSTOMER_A, type LocalIdentity } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { exampleAccountProfile, newFilingDocument } from '../../tools/demo/fixtures.js';
import { startTestPlatform } from '../support/platform.js';

jest.setTimeout(60_000);

const run = promisify(execFile);

/**
 * The API driven by the `curl` binary itself, signing with its own `--aws-sigv4` (as README
 * tells users to): nothing of this project's signing code is involved.
 */
async function curl(
  identity: LocalIdentity,
  method: string,
  url: string,
  body?: { file: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const args = [
    '--silent',
    '--show-error',
    '--max-time',
    '20',
    '--aws-sigv4',
    'aws:amz:cn-northwest-1:execute-api',
    '--user',
    `${identity.accessKeyId}:${identity.secretAccessKey}`,
    '--request',
    method,
    '--write-out',
    '\n%{http_code}',
    ...(body === undefined ? [] : ['--header', 'content-type: application/json', '--data-binary', `@${body.file}`]),
    url,
  ];
  const { stdout } = await run('curl', args);
  const lines = stdout.split('\n');
  const status = Number(lines.pop());
  return { status, body: JSON.parse(lines.join('\n')) as Record<string, unknown> };
}

describe('the API with curl --aws-sigv4', () => {
  let platform: LocalPlatform;
  let scratch: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    scratch = mkdtempSync(join(tmpdir(), 'recordal-curl-'));
  });
  afterAll(async () => {
    await platform?.stop();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  /** A JSON body in a file, sent byte for byte with --data-binary (UTF-8, Chinese included). */
  function bodyFile(name: string, value: unknown): { file: string } {
    const file = join(scratch, name);
    writeFileSync(file, JSON.stringify(value), 'utf8');
    return { file };
  }

  it('registers with PUT /v1/account, creates with POST /v1/filings and lists with GET /v1/filings', async () => {
    const profile = exampleAccountProfile();
    const registered = await curl(CUSTOMER_A, 'PUT', `${platform.url}/v1/account`, bodyFile('account.json', profile));
    expect(registered).toEqual({ status: 200, body: expect.objectContaining({ ...profile, accountId: CUSTOMER_A.accountId }) });

    expect(await curl(CUSTOMER_A, 'GET', `${platform.url}/v1/account`)).toEqual({ status: 200, body: expect.objectContaining({ companyName: profile.companyName }) });

    const document = newFilingDocument();
    const created = await curl(CUSTOMER_A, 'POST', `${platform.url}/v1/filings`, bodyFile('filing.json', document));
    expect(created).toEqual({ status: 201, body: expect.objectContaining({ status: 'DRAFT', accountId: CUSTOMER_A.accountId, app: expect.objectContaining({ name: (document.app as { name: string }).name }) }) });

    // A query string is part of what curl signs. curl before 8.1 signs it as written, unsorted
    // (curl/curl#9717), so the parameters are written in SigV4's canonical order here, as they
    // must be for API Gateway too.
    const listed = await curl(CUSTOMER_A, 'GET', `${platform.url}/v1/filings?limit=10&status=DRAFT`);
    expect(listed.status).toBe(200);
    expect((listed.body.items as { filingId: string }[]).map((item) => item.filingId)).toEqual([created.body.filingId]);
    expect(listed.body.nextCursor).toBeNull();
  });

  it('is refused (401) when curl signs with a wrong secret', async () => {
    const impostor: LocalIdentity = { ...CUSTOMER_A, secretAccessKey: 'not-the-secret' };
    expect(await curl(impostor, 'GET', `${platform.url}/v1/filings`)).toEqual({ status: 401, body: { error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) } });
  });
});
