import { RecordalClient, restsAt, watchFiling, type AuditEvent, type FilingStatus } from '../../../lib/client/index.js';
import { fakeTransport } from './fake-transport.js';

const change = (from: FilingStatus | null, to: FilingStatus): AuditEvent => ({ at: '2026-12-01T00:00:00Z', type: 'STATUS_CHANGED', from, to, actor: 'workflow', reasons: [] });
const report: AuditEvent = { at: '2026-12-01T00:00:01Z', type: 'VERIFICATION_REPORTED', from: null, to: null, actor: 'alice', reasons: [] };

/** A client whose filing's audit trail grows by one step on each read of the events. */
function platformWith(trails: AuditEvent[][]) {
  let reads = 0;
  const transport = fakeTransport((request) => {
    if (request.url.endsWith('/events')) return { status: 200, json: { items: trails[Math.min(reads++, trails.length - 1)] } };
    const events = trails[Math.max(0, Math.min(reads - 1, trails.length - 1))]!;
    const status = [...events].reverse().find((event) => event.to !== null)?.to ?? 'DRAFT';
    return { status: 200, json: { filingId: 'f-1', status, recordNumber: null, reasons: [] } };
  });
  return new RecordalClient({ endpoint: 'http://127.0.0.1:3000', transport });
}

const noWait = async () => undefined;

describe('watching a filing', () => {
  it('rests at final and waiting statuses, but not in a callback status someone already acted in', () => {
    expect(restsAt('APPROVED', false)).toBe(true);
    expect(restsAt('SUBMITTED', false)).toBe(false);
    expect(restsAt('AWAITING_VERIFICATION', false)).toBe(true);
    expect(restsAt('AWAITING_VERIFICATION', true)).toBe(false);
    expect(restsAt('RETURNED', true)).toBe(true);
    expect(restsAt('DRAFT', true)).toBe(true);
  });

  it('reports every status change once, in order, and stops where the filing waits', async () => {
    const submitted = [change(null, 'DRAFT'), change('DRAFT', 'SUBMITTED')];
    const client = platformWith([submitted, submitted, [...submitted, change('SUBMITTED', 'AWAITING_VERIFICATION')]]);
    const seen: string[] = [];
    const outcome = await watchFiling(client, 'f-1', { sleep: noWait, onChange: (item) => void seen.push(item.to) });
    expect(seen).toEqual(['DRAFT', 'SUBMITTED', 'AWAITING_VERIFICATION']);
    expect(outcome).toMatchObject({ timedOut: false, filing: { status: 'AWAITING_VERIFICATION' } });
  });

  it('after a report in a waiting status, waits for the next status', async () => {
    const waiting = [change(null, 'DRAFT'), change('DRAFT', 'SUBMITTED'), change('SUBMITTED', 'AWAITING_VERIFICATION'), report];
    const client = platformWith([waiting, waiting, [...waiting, change('AWAITING_VERIFICATION', 'PRELIMINARY_REVIEW')]]);
    const outcome = await watchFiling(client, 'f-1', { sleep: noWait });
    expect(outcome.changes.map((item) => item.to).at(-1)).toBe('PRELIMINARY_REVIEW');
  });

  it('stops at the statuses asked for, and gives up at the timeout', async () => {
    const trail = [change(null, 'DRAFT'), change('DRAFT', 'SUBMITTED'), change('SUBMITTED', 'AWAITING_VERIFICATION')];
    const until = await watchFiling(platformWith([trail]), 'f-1', { sleep: noWait, until: ['SUBMITTED', 'AWAITING_VERIFICATION'] });
    expect(until.filing.status).toBe('AWAITING_VERIFICATION');
    const stuck = await watchFiling(platformWith([trail]), 'f-1', { sleep: noWait, until: ['APPROVED'], timeoutMs: 0 });
    expect(stuck.timedOut).toBe(true);
  });
});
