import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { CURSOR_SECRET_ARN_ENV, CURSOR_SECRET_ENV, cursorKey } from '../../../lambdas/shared/store/cursor-key.js';

const secrets = mockClient(SecretsManagerClient);
const ARN = 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:CursorKey-AbCdEf';
const saved = { arn: process.env[CURSOR_SECRET_ARN_ENV], local: process.env[CURSOR_SECRET_ENV], region: process.env.AWS_REGION };

beforeEach(() => {
  secrets.reset();
  process.env.AWS_REGION = 'cn-northwest-1';
  delete process.env[CURSOR_SECRET_ARN_ENV];
  delete process.env[CURSOR_SECRET_ENV];
});
afterAll(() => {
  for (const [name, value] of [[CURSOR_SECRET_ARN_ENV, saved.arn], [CURSOR_SECRET_ENV, saved.local], ['AWS_REGION', saved.region]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('cursor key', () => {
  test('deployed: read at run time from Secrets Manager, then served from the cache', async () => {
    process.env[CURSOR_SECRET_ARN_ENV] = ARN;
    process.env[CURSOR_SECRET_ENV] = 'must-not-be-used-when-an-arn-is-set';
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: 'key-from-secrets-manager' });
    expect(await cursorKey()).toBe('key-from-secrets-manager');
    expect(await cursorKey()).toBe('key-from-secrets-manager');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  test('locally: the key the platform passes in CURSOR_SECRET', async () => {
    process.env[CURSOR_SECRET_ENV] = 'local-generated-key';
    expect(await cursorKey()).toBe('local-generated-key');
    expect(secrets.calls()).toHaveLength(0);
  });

  test('no built-in fallback: without either variable, listing cannot sign cursors', async () => {
    await expect(cursorKey()).rejects.toThrow(/no cursor key/);
  });
});
