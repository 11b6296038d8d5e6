import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { EVENT_SOURCE, FILING_STATUS_CHANGED, publishEvent, setEventSink } from '../../../lambdas/shared/adapters/events-publisher.js';

const eventBridge = mockClient(EventBridgeClient);
const detail = { filingId: 'f-1', accountId: '111111111111', type: 'NEW' as const, from: 'CA_REVIEW' as const, to: 'APPROVED' as const, reasons: [], recordNumber: '宁ICP备2026000001号-1A' };

beforeEach(() => {
  eventBridge.reset();
  setEventSink(undefined);
  process.env.EVENT_BUS_NAME = 'icp-recordal-bus';
});
afterAll(() => {
  delete process.env.EVENT_BUS_NAME;
});

describe('publishEvent', () => {
  it('puts one "Filing Status Changed" event on the bus with the detail of docs/design/lifecycle.md', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
    await publishEvent(FILING_STATUS_CHANGED, detail);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [{ EventBusName: 'icp-recordal-bus', Source: EVENT_SOURCE, DetailType: 'Filing Status Changed', Detail: JSON.stringify(detail) }],
    });
  });

  it('rejects when EventBridge refuses the entry', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }] });
    await expect(publishEvent(FILING_STATUS_CHANGED, detail)).rejects.toThrow('InternalFailure');
  });

  it('logs instead of calling EventBridge when no bus is configured, and honours a substitute sink', async () => {
    delete process.env.EVENT_BUS_NAME;
    await publishEvent(FILING_STATUS_CHANGED, detail);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);

    const seen: unknown[] = [];
    setEventSink(async (detailType, d) => {
      seen.push([detailType, d]);
    });
    await publishEvent(FILING_STATUS_CHANGED, detail);
    expect(seen).toEqual([['Filing Status Changed', detail]]);
  });
});
