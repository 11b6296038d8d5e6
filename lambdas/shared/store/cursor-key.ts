import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/**
 * The HMAC key of the pagination cursors. Deployed, it is read at run time from the Secrets
 * Manager secret named by `CURSOR_SECRET_ARN` (so it is never in the function's configuration)
 * and cached for a few minutes: replacing the secret takes effect without a redeploy. The local
 * platform generates its own key into the data folder and passes it in `CURSOR_SECRET`. With
 * neither, listing fails: there is no built-in key to forge cursors with.
 */
export const CURSOR_SECRET_ARN_ENV = 'CURSOR_SECRET_ARN';
export const CURSOR_SECRET_ENV = 'CURSOR_SECRET';

/** How long a read key is used before Secrets Manager is asked again. */
export const CURSOR_KEY_MAX_AGE_SECONDS = 300;

export class CursorKeyMissingError extends Error {
  override readonly name = 'CursorKeyMissingError';
}

export async function cursorKey(): Promise<string> {
  const secretArn = process.env[CURSOR_SECRET_ARN_ENV];
  if (secretArn !== undefined && secretArn !== '') {
    const value = await getSecret(secretArn, { maxAge: CURSOR_KEY_MAX_AGE_SECONDS });
    if (typeof value !== 'string' || value === '') throw new CursorKeyMissingError(`the secret ${secretArn} holds no cursor key`);
    return value;
  }
  const local = process.env[CURSOR_SECRET_ENV];
  if (local !== undefined && local !== '') return local;
  throw new CursorKeyMissingError(`no cursor key: set ${CURSOR_SECRET_ARN_ENV} (deployed) or ${CURSOR_SECRET_ENV} (the local platform sets it)`);
}
