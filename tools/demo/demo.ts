/**
 * The demo's story (`npm run demo`), as a function the end-to-end test runs too: customer A
 * registers, creates a NEW filing like the design's example, uploads every required attachment,
 * submits; the customer reports the electronic verification, a reviewer approves, the customer
 * reports the SMS verification, the reviewer records the CA's approval with a record number; the
 * ports opened on the filing's security group are read back from the local account resources file.
 */
import { existsSync } from 'node:fs';
import type { FilingStatus } from '../../lambdas/shared/domain/lifecycle.js';
import { RecordalClient, TransportError, signingCredentials, type Filing, type LocalIdentity } from '../../lib/client/index.js';
import { CUSTOMER_A, REVIEWER } from '../../lib/local/credentials.js';
import { openPorts } from './account-resources.js';
import { exampleAccountProfile, newFilingDocument, randomRecordNumber, runTag } from './fixtures.js';
import { driveToApproved, uploadRequiredAttachments } from './steps.js';

/** The security group of customer A that the example filing names (docs/design/api.md "Local account resources"). */
export const DEMO_SECURITY_GROUP = 'sg-0a1b2c3d4e5f60001';

/** The platform did not answer at all (not started, another port). */
export class PlatformUnreachableError extends Error {
  constructor(
    readonly baseUrl: string,
    reason: string,
  ) {
    super(`no recordal platform answers at ${baseUrl} (${reason}): start it with \`npm start\`, or set RECORDAL_URL / RECORDAL_PORT`);
    this.name = 'PlatformUnreachableError';
  }
}

/** `GET /v1/health` (no auth): resolves when the platform is up, else a {@link PlatformUnreachableError}. */
export async function checkPlatform(baseUrl: string): Promise<void> {
  try {
    await new RecordalClient({ endpoint: baseUrl, retry: false }).health();
  } catch (error) {
    throw new PlatformUnreachableError(baseUrl, error instanceof TransportError ? (error.code ?? error.message) : error instanceof Error ? error.message : String(error));
  }
}

export const clientFor = (baseUrl: string, identity: LocalIdentity): RecordalClient => new RecordalClient({ endpoint: baseUrl, credentials: signingCredentials(identity) });

export interface DemoOptions {
  baseUrl: string;
  /** `<data dir>/account-resources.json` of the platform; undefined when it is not on this machine's disk. */
  accountResourcesFile?: string;
  /** One line per step and per status (the demo prints them). */
  log?: (line: string) => void;
  /** Bound on the whole lifecycle once submitted (default 60 s). */
  timeoutMs?: number;
}

export interface DemoOutcome {
  filing: Filing;
  /** Every status the filing went through, in order. */
  statuses: FilingStatus[];
  recordNumber: string;
  /** Ports open on {@link DEMO_SECURITY_GROUP} after approval, or undefined without the resources file. */
  ports: number[] | undefined;
}

export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const log = options.log ?? (() => undefined);
  await checkPlatform(options.baseUrl);
  const customer = clientFor(options.baseUrl, CUSTOMER_A);
  const reviewer = clientFor(options.baseUrl, REVIEWER);

  const profile = exampleAccountProfile();
  log(`customer A (${CUSTOMER_A.accountId}) registers as ${profile.companyName}`);
  await customer.putAccount(profile);

  const document = newFilingDocument(runTag());
  const created = await customer.createFiling(document);
  log(`created filing ${created.filingId} for APP "${document.app?.name ?? ''}" (${created.type})`);

  const kinds = await uploadRequiredAttachments(customer, created.filingId);
  log(`uploaded ${kinds.length} attachment(s): ${kinds.join(', ') || 'none required'}`);

  const recordNumber = randomRecordNumber();
  const statuses: FilingStatus[] = [];
  const filing = await driveToApproved({ customer, reviewer }, created.filingId, {
    recordNumber,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    onAction: (action) => log(`→ ${action}`),
    onStatus: (status) => {
      statuses.push(status);
      log(`status: ${status}`);
    },
  });
  log(`approved: record number ${filing.recordNumber ?? '(none)'}; ports ${filing.ports?.open ? 'open' : 'not open'} on ${filing.ports?.securityGroupIds.join(', ') ?? '-'}`);

  let ports: number[] | undefined;
  if (options.accountResourcesFile !== undefined && existsSync(options.accountResourcesFile)) {
    ports = openPorts(options.accountResourcesFile, CUSTOMER_A.accountId, DEMO_SECURITY_GROUP);
    log(`ports open on ${DEMO_SECURITY_GROUP} (${options.accountResourcesFile}): ${ports.join(', ') || 'none'}`);
  } else {
    log(`no account resources file at ${options.accountResourcesFile ?? '(none given)'}: a platform started with --in-memory keeps it in a temporary folder`);
  }
  return { filing, statuses, recordNumber, ports };
}
