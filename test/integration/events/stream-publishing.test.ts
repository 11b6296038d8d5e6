import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishTableEvents } from '../../../lambdas/publish-events/handler.js';
import type { FilingStatusChangedDetail } from '../../../lambdas/shared/adapters/events-publisher.js';
import { createFiling, transitionFiling } from '../../../lambdas/shared/store/index.js';
import { startTableStream } from '../../../lib/local/table-stream.js';
import { createTestTable } from '../../support/services.js';
import { captureTableEvents } from '../../support/table-events.js';

jest.setTimeout(60_000);

const ACCOUNT = '111111111111';

beforeAll(async () => {
  process.env.TABLE_NAME = await createTestTable('stream-publishing');
});

describe('Filing Status Changed, published from the table stream', () => {
  it('is published even when the writer dies right after its commit', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'commit-then-die.ts')], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    const filingId = output.trim();
    expect(filingId).toMatch(/^[0-9a-f-]{36}$/);

    // A consumer started afterwards (the restarted platform, or Lambda's event source) publishes it.
    const stream = await captureTableEvents(process.env.TABLE_NAME as string);
    try {
      await stream.caughtUp();
      expect(stream.events.filter((event) => event.detail.filingId === filingId)).toEqual([
        { detailType: 'Filing Status Changed', detail: { filingId, accountId: ACCOUNT, type: 'NEW', from: 'DRAFT', to: 'SUBMITTED', reasons: [] } },
      ]);
    } finally {
      await stream.stop();
    }
  });

  it('retries a change the bus refused, and a restarted poller resumes after what was published', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'table-stream-'));
    const checkpointFile = join(folder, 'checkpoint.json');
    const delivered: FilingStatusChangedDetail[] = [];
    let refusals = 1;
    const publish = async (_detailType: string, detail: object): Promise<void> => {
      if (refusals-- > 0) throw new Error('EventBridge is down');
      delivered.push(detail as FilingStatusChangedDetail);
    };
    const open = () =>
      startTableStream({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB as string, tableName: process.env.TABLE_NAME as string, checkpointFile, intervalMs: 20, handle: (records) => publishTableEvents(records, publish) });
    try {
      let stream = await open();
      await stream.caughtUp();
      const before = delivered.length;
      const created = await createFiling({ accountId: ACCOUNT, type: 'NEW', document: {} });
      await transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: ACCOUNT }, { current: created });
      await stream.caughtUp();
      await stream.stop();
      expect(delivered.slice(before).map((d) => [d.filingId, d.to])).toEqual([[created.filingId, 'SUBMITTED']]);

      stream = await open();
      await stream.caughtUp();
      await stream.stop();
      expect(delivered.filter((d) => d.filingId === created.filingId)).toHaveLength(1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
