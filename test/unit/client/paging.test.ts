import { RecordalClient, collect, pages } from '../../../lib/client/index.js';
import { fakeTransport, queryOfRequest } from './fake-transport.js';

const filing = (n: number) => ({ filingId: `f-${n}`, status: 'DRAFT' });

describe('paging over nextCursor', () => {
  it('walks every page of a list, passing each cursor and the filter along', async () => {
    const transport = fakeTransport([
      { status: 200, json: { items: [filing(1), filing(2)], nextCursor: 'c-1' } },
      { status: 200, json: { items: [filing(3)], nextCursor: 'c-2' } },
      { status: 200, json: { items: [], nextCursor: null } },
    ]);
    const client = new RecordalClient({ endpoint: 'http://127.0.0.1:3000', transport });
    const items = await collect(client.filings({ status: 'DRAFT', limit: 2 }));
    expect(items.map((item) => item.filingId)).toEqual(['f-1', 'f-2', 'f-3']);
    expect(transport.requests.map(queryOfRequest)).toEqual([
      { status: 'DRAFT', limit: '2' },
      { status: 'DRAFT', limit: '2', cursor: 'c-1' },
      { status: 'DRAFT', limit: '2', cursor: 'c-2' },
    ]);
  });

  it('fetches no page more than the items asked for need', async () => {
    const transport = fakeTransport((request) => ({ status: 200, json: { items: [filing(Number(queryOfRequest(request).cursor ?? 0))], nextCursor: String(Number(queryOfRequest(request).cursor ?? 0) + 1) } }));
    const client = new RecordalClient({ endpoint: 'http://127.0.0.1:3000', transport });
    expect((await collect(client.reviewTasks({ stage: 'CA_DECISION' }), 3)).length).toBe(3);
    expect(transport.requests).toHaveLength(3);
    expect(transport.requests[0]!.url).toBe('http://127.0.0.1:3000/v1/review/tasks?stage=CA_DECISION');
  });

  it('stops at maxPages, and on a cursor that does not move', async () => {
    let calls = 0;
    const stuck = async () => {
      calls += 1;
      return { items: [calls], nextCursor: 'same' };
    };
    expect(await collect(pages(stuck, { maxPages: 5 }))).toHaveLength(2);
    calls = 0;
    expect(await collect(pages(stuck, { maxPages: 1 }))).toHaveLength(1);
  });
});
