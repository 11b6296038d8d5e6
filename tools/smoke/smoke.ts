/**
 * The smoke test of a deployment (docs/deploy.md): read-only checks of the API, then one draft
 * filing created, read back and deleted. Signs with the caller's credentials through the one
 * client library; writes nothing that outlives it (the draft is deleted even when a check
 * after its creation fails).
 */
import { RecordalApiError, RecordalClient, type ClientOptions } from '../../lib/client/index.js';

export interface SmokeCheck {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
}

export interface SmokeOptions {
  /** The API's base URL (the stage URL, or the local platform's). */
  url: string;
  credentials: NonNullable<ClientOptions['credentials']>;
  /** Called with each check as it completes. */
  onCheck?: (check: SmokeCheck) => void;
}

/** The draft the smoke test creates: the least a draft may hold (a draft may be incomplete). */
export const SMOKE_DRAFT = { type: 'NEW' } as const;

const describeError = (error: unknown): string =>
  error instanceof RecordalApiError ? `${error.status} ${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);

export async function runSmoke(options: SmokeOptions): Promise<SmokeCheck[]> {
  const client = new RecordalClient({ endpoint: options.url, credentials: options.credentials });
  const checks: SmokeCheck[] = [];
  const check = async (name: string, work: () => Promise<string>): Promise<boolean> => {
    const started = Date.now();
    let result: SmokeCheck;
    try {
      result = { name, ok: true, ms: Date.now() - started, detail: await work() };
      result.ms = Date.now() - started;
    } catch (error) {
      result = { name, ok: false, ms: Date.now() - started, detail: describeError(error) };
    }
    checks.push(result);
    options.onCheck?.(result);
    return result.ok;
  };

  await check('health', async () => {
    try {
      return `unsigned: ${(await client.health()).status}`;
    } catch (error) {
      // With publicRoutesRequireIam the public routes want a signature too.
      if (!(error instanceof RecordalApiError) || (error.status !== 401 && error.status !== 403)) throw error;
      const signed = await client.http.call<{ status: string }>({ method: 'GET', path: '/v1/health' }, 200);
      return `signed (public routes behind IAM): ${signed.body.status}`;
    }
  });
  await check('signed read: account profile', async () => {
    try {
      const account = await client.getAccount();
      return `account ${account.accountId}`;
    } catch (error) {
      // No profile yet is an answer too: the signature and the route work.
      if (error instanceof RecordalApiError && error.status === 404) return 'no profile yet (404)';
      throw error;
    }
  });
  await check('signed read: filings', async () => `${(await client.listFilings({ limit: 1 })).items.length} on the first page of 1`);

  let draftId: string | undefined;
  const created = await check('create a draft', async () => {
    const filing = await client.createFiling(SMOKE_DRAFT);
    draftId = filing.filingId;
    return `${filing.filingId} (${filing.status})`;
  });
  if (created && draftId !== undefined) {
    const id = draftId;
    await check('read the draft back', async () => {
      const { filing, etag } = await client.getFilingWithEtag(id);
      if (filing.status !== 'DRAFT') throw new Error(`expected DRAFT, got ${filing.status}`);
      return `version ${filing.version}, ETag ${etag}`;
    });
    await check('delete the draft', async () => {
      await client.deleteFiling(id);
      try {
        await client.getFiling(id);
      } catch (error) {
        if (error instanceof RecordalApiError && error.status === 404) return 'deleted (now 404)';
        throw error;
      }
      throw new Error('the draft is still there after DELETE');
    });
  }
  return checks;
}
