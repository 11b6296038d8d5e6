import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Filing, RecordalClient } from '../../../lib/client/index.js';
import { CUSTOMER_A, REVIEWER } from '../../../lib/local/credentials.js';
import { clientFor } from '../../../tools/demo/demo.js';
import { exampleAccountProfile } from '../../../tools/demo/fixtures.js';
import { decide, prepareFiling, waitForStatus } from '../../../tools/demo/steps.js';
import { LocalProcess } from './local-process.js';

/**
 * One crash-suite file's platform (docs/durability.md "Crash points"): `npm start` on a kept data
 * folder, killed with SIGKILL as a whole process group and started again on the same folder, and
 * the steps that bring a filing to each waiting state.
 */
export interface CrashScenario {
  readonly platform: LocalProcess;
  customer(): RecordalClient;
  reviewer(): RecordalClient;
  /** kill -9 of the whole platform, then `npm start` on the same data folder. */
  restart(): Promise<void>;
  /** The `to` of every Filing Status Changed event of a filing published so far (across restarts). */
  statusEvents(filingId: string): string[];
  /** How many times `to` was published for a filing, once the stream consumer has published it (events follow the commit). */
  publishedCount(filingId: string, to: string): Promise<number>;
  toAwaitingVerification(): Promise<Filing>;
  toPreliminaryReview(): Promise<Filing>;
  toAwaitingSms(): Promise<Filing>;
  toCaReview(): Promise<Filing>;
}

export const CRASH_WAIT = { timeoutMs: 60_000, intervalMs: 100 };

/** Registers beforeAll/afterAll hooks that start and finally kill the platform of this file. */
export function useCrashPlatform(): CrashScenario {
  let platform: LocalProcess | undefined;
  let dataDir: string;
  const running = (): LocalProcess => {
    if (platform === undefined) throw new Error('the crash platform has not started');
    return platform;
  };
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'recordal-crash-'));
    platform = await LocalProcess.create(dataDir);
    await platform.start();
    await scenario.customer().putAccount(exampleAccountProfile());
  });
  afterAll(async () => {
    await platform?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  const scenario: CrashScenario = {
    get platform() {
      return running();
    },
    customer: () => clientFor(running().url, CUSTOMER_A),
    reviewer: () => clientFor(running().url, REVIEWER),
    async restart() {
      await running().kill();
      await running().start();
    },
    statusEvents: (filingId) =>
      running()
        .events()
        .filter((e) => (e.detail as { filingId?: string }).filingId === filingId && e.detailType === 'Filing Status Changed')
        .map((e) => (e.detail as { to: string }).to),
    async publishedCount(filingId, to) {
      const count = () => scenario.statusEvents(filingId).filter((seen) => seen === to).length;
      const deadline = Date.now() + 20_000;
      while (count() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      // A duplicate would follow close behind: give it the poller's time to show up.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return count();
    },
    async toAwaitingVerification() {
      const customer = scenario.customer();
      const filing = await prepareFiling(customer);
      await customer.submit(filing.filingId);
      return waitForStatus(customer, filing.filingId, 'AWAITING_VERIFICATION', CRASH_WAIT);
    },
    async toPreliminaryReview() {
      const customer = scenario.customer();
      const filing = await scenario.toAwaitingVerification();
      await customer.reportVerification(filing.filingId);
      return waitForStatus(customer, filing.filingId, 'PRELIMINARY_REVIEW', CRASH_WAIT);
    },
    async toAwaitingSms() {
      const filing = await scenario.toPreliminaryReview();
      await decide(scenario.reviewer(), 'PRELIMINARY_REVIEW', filing.filingId, { decision: 'APPROVE', reasons: [] }, CRASH_WAIT);
      return waitForStatus(scenario.customer(), filing.filingId, 'AWAITING_SMS_VERIFICATION', CRASH_WAIT);
    },
    async toCaReview() {
      const customer = scenario.customer();
      const filing = await scenario.toAwaitingSms();
      await customer.reportSmsVerification(filing.filingId);
      return waitForStatus(customer, filing.filingId, 'CA_REVIEW', CRASH_WAIT);
    },
  };
  return scenario;
}
