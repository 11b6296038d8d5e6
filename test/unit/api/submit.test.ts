import { jest } from '@jest/globals';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { FilingRecord, TransitionInput, UniquenessClaim } from '../../../lambdas/shared/store/index.js';

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

const filingsById = new Map<string, FilingRecord>([
  ['f-9', draft],
  ['f-1', target],
]);
/** Uniqueness values (hashed) and the filing holding each. */
const holders = new Map<string, string>();
const transitions: TransitionInput[] = [];
const actualStore = await import('../../../lambdas/shared/store/index.js');
jest.unstable_mockModule('../../../lambdas/shared/store/index.js', () => ({
  ...actualStore,
  getFiling: async (id: string) => filingsById.get(id) ?? null,
  getFilingWithGrants: async (id: string) => (filingsById.has(id) ? { filing: filingsById.get(id), grants: [] } : null),
  getAccount: async () => null,
  // Nobody else holds the name or the entity (rules.md APP_NAME_TAKEN, ENTITY_BUSY) unless a test says so.
  readHoldersAndFilings: async (_claims: UniquenessClaim[], ids: string[]) => ({
    holderOf: (claim: UniquenessClaim) => holders.get(claim.value),
    filings: new Map(ids.filter((id) => filingsById.has(id)).map((id) => [id, filingsById.get(id)])),
  }),
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
  holders.clear();
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

  it("refuses at once (409 ENTITY_BUSY) an entity another account's application has shown to be its own", async () => {
    const { entityBusyClaim } = await import('../../../lambdas/shared/store/index.js');
    holders.set(entityBusyClaim('91640100MA77K3Q25L', 'x').value, 'f-other');
    const answer = await submit();
    expect(answer.status).toBe(409);
    expect((answer.body.error as { details: { code: string }[] }).details.map((d) => d.code)).toEqual(['ENTITY_BUSY']);
    expect(transitions).toHaveLength(0);
  });

  it("lists the account's own application of the entity under review in the 422, found by the claim it holds", async () => {
    const { accountEntityClaim } = await import('../../../lambdas/shared/store/index.js');
    const busy = { ...target, filingId: 'f-5', status: 'PRELIMINARY_REVIEW', createdAt: '2026-11-29T00:00:00.000Z' } as FilingRecord;
    filingsById.set('f-5', busy);
    holders.set(accountEntityClaim('111111111111', '91640100MA77K3Q25L', 'x').value, 'f-5');
    try {
      const answer = await submit();
      expect(answer.status).toBe(422);
      expect((answer.body.error as { details: { code: string; filingId?: string }[] }).details).toEqual([expect.objectContaining({ code: 'ENTITY_BUSY' })]);
      expect(transitions).toHaveLength(0);
    } finally {
      filingsById.delete('f-5');
    }
  });
});
