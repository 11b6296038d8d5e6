import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CUSTOMER_A } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { startTestPlatform } from '../support/platform.js';

jest.setTimeout(120_000);

const run = promisify(execFile);

/** The "Done when" of the foundation issue, with the real curl binary signing SigV4. */
async function curl(url: string, user?: string): Promise<{ status: number; body: unknown }> {
  const signing = user === undefined ? [] : ['--aws-sigv4', 'aws:amz:cn-northwest-1:execute-api', '--user', user];
  const { stdout } = await run('curl', ['--silent', '--show-error', '--max-time', '20', '--write-out', '\n%{http_code}', ...signing, url]);
  const lines = stdout.split('\n');
  const status = Number(lines.pop());
  return { status, body: JSON.parse(lines.join('\n')) };
}

const unauthenticated = {
  error: { code: 'UNAUTHENTICATED', message: expect.any(String), messageZh: expect.any(String), requestId: expect.any(String), details: [] },
};

describe('health and authentication over HTTP with curl --aws-sigv4', () => {
  let platform: LocalPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.stop());

  it('answers 200 {"status":"ok"} to a signed GET /v1/health', async () => {
    expect(await curl(`${platform.url}/v1/health`, `${CUSTOMER_A.accessKeyId}:${CUSTOMER_A.secretAccessKey}`)).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
  });

  it('answers 401 with the error body to a request signed with a wrong secret', async () => {
    expect(await curl(`${platform.url}/v1/filings`, `${CUSTOMER_A.accessKeyId}:not-the-secret`)).toEqual({ status: 401, body: unauthenticated });
  });

  it('answers 401 with the error body to an unsigned request', async () => {
    expect(await curl(`${platform.url}/v1/account`)).toEqual({ status: 401, body: unauthenticated });
  });

  it('lets a correctly signed request past the signature check', async () => {
    const { status } = await curl(`${platform.url}/v1/account`, `${CUSTOMER_A.accessKeyId}:${CUSTOMER_A.secretAccessKey}`);
    expect(status).not.toBe(401);
  });
});
