import { jest } from '@jest/globals';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { FilingRecord, TransitionInput } from '../../../lambdas/shared/store/index.js';

const draft = {
  filingId: 'f-9',
  accountId: '111111111111',
  type: 'CANCEL_APP',
  targetFilingId: 'f-1',
  document: { type: 'CANCEL_APP', targetFilingId: 'f-1' },
  status: 'DRAFT',
  version: 3,
  revision: 0,
  reasons: [],
  createdAt: '2026-11-28T00:00:00.000Z',
  updatedAt: '2026-11-28T00:00:00.000Z',
} as FilingRecord;
const target = {
  ...draft,
  filingId: 'f-1',
  type: 'NEW',
  targetFilingId: undefined,
  status: 'APPROVED',
  document: { type: 'NEW', entity: { certificateNumber: '91640100MA77K3Q25L', province: '640000' }, app: { name: '云帆出行' } },
} as unknown as FilingRecord;

const transitions: TransitionInput[] = [];
const actualStore = await import('../../../lambdas/shared/store/index.js');
jest.unstable_mockModule('../../../lambdas/shared/store/index.js', () => ({
  ...actualStore,
  getFiling: async (id: string) => (id === 'f-9' ? draft : id === 'f-1' ? target : null),
  getAccount: async () => null,
  listFilings: async () => ({ items: [draft, target] }),
  // No other account has shown the entity to be its own (rules.md ENTITY_BUSY).
  refuseEntityShownElsewhere: async () => undefined,
  transitionFiling: async (input: TransitionInput) => {
    transitions.push(input);
    return { ...draft, ...input.set, status: input.to, version: draft.version + transitions.length, revision: input.set?.revision ?? draft.revision };
  },
}));
const actualAttachments = await import('../../../lambdas/shared/adapters/attachments-store.js');
jest.unstable_mockModule('../../../lambdas/shared/adapters/attachments-store.js', () => ({ ...actualAttachments, listAttachments: async () => [] }));

const { handler } = await import('../../../lambdas/api-customer/handler.js');
import { lambdaContext, proxyEvent } from '../../support/proxy-event.js';

const sfn = mockClient(SFNClient);
const MACHINE = 'arn:aws-cn:states:cn-northwest-1:999999999999:stateMachine:recordal-lifecycle';

beforeAll(() => {
  process.env.STATE_MACHINE_ARN = MACHINE;
});
beforeEach(() => {
  sfn.reset();
  transitions.length = 0;
});

const submit = async () => {
  const result = await handler(proxyEvent('POST', '/v1/filings/f-9/submit'), lambdaContext());
  return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
};

describe('POST /v1/filings/{id}/submit', () => {
  it('moves the filing to SUBMITTED at a new revision, holding the entity, and starts <filingId>-r<revision> with {filingId, revision}', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${MACHINE.replace(':stateMachine:', ':execution:')}:f-9-r1` });
    const answer = await submit();
    expect([answer.status, answer.body.status, answer.body.revision]).toEqual([202, 'SUBMITTED', 1]);
    expect(transitions).toHaveLength(1);
    expect(transitions[0]).toMatchObject({
      filingId: 'f-9',
      from: ['DRAFT', 'RETURNED'],
      to: 'SUBMITTED',
      set: { revision: 1, executionArn: 'arn:aws-cn:states:cn-northwest-1:999999999999:execution:recordal-lifecycle:f-9-r1' },
      claims: [expect.objectContaining({ kind: 'ENTITY_BUSY', ownerId: 'f-9' })],
    });
    const start = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(start).toEqual({ stateMachineArn: MACHINE, name: 'f-9-r1', input: JSON.stringify({ filingId: 'f-9', revision: 1 }) });
  });

  it('treats an execution that already exists as started (a repeated start is harmless)', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('exists'), { name: 'ExecutionAlreadyExists' }));
    expect((await submit()).status).toBe(202);
    expect(transitions.map((t) => t.to)).toEqual(['SUBMITTED']);
  });

  it('never leaves a SUBMITTED filing without its execution: a failed start returns it (SYSTEM_ERROR) and answers 503', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('down'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }));
    const answer = await submit();
    expect(answer.status).toBe(503);
    expect(transitions.map((t) => [t.from, t.to])).toEqual([
      [['DRAFT', 'RETURNED'], 'SUBMITTED'],
      [['SUBMITTED'], 'RETURNED'],
    ]);
    expect(transitions[1]!.reasons?.map((r) => r.code)).toEqual(['SYSTEM_ERROR']);
    expect(transitions[1]!.releases).toEqual(transitions[0]!.claims);
  });
});
