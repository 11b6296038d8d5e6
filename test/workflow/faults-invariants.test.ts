import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { resetClients } from '../../lambdas/shared/adapters/clients.js';
import { createFiling, emailClaim, entityBusyClaim } from '../../lambdas/shared/store/index.js';
import { uniqueKey } from '../../lambdas/shared/store/keys.js';
import { localDynamoDbClient } from '../../lib/local/aws-environment.js';
import type { ExecutionSummary } from '../../lib/local/stepfunctions/index.js';
import { checkInvariants, type InvariantSubject } from '../support/invariants.js';
import { createTestTable } from '../support/services.js';

/**
 * The invariant checker that test/workflow/faults.test.ts and the e2e hardening tests run after
 * every scenario must see what it is for: each broken invariant, planted in a table of its own.
 */
const CERTIFICATE = '91640100MA77K3Q25L';
let subject: InvariantSubject;
let running: ExecutionSummary[] = [];
const dynamodb = () => localDynamoDbClient(process.env.AWS_ENDPOINT_URL_DYNAMODB!);

beforeAll(async () => {
  process.env.TABLE_NAME = await createTestTable('invariants');
  resetClients();
  subject = {
    dynamodbEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB!,
    tableName: process.env.TABLE_NAME,
    executions: { getExecution: (arn) => running.find((e) => e.executionArn === arn), listExecutions: () => running },
  };
});
afterAll(() => resetClients());

async function put(item: Record<string, string>): Promise<void> {
  const client = dynamodb();
  try {
    await client.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, { S: v }])) }));
  } finally {
    client.destroy();
  }
}

async function setStatus(filingId: string, status: string): Promise<void> {
  const client = dynamodb();
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: process.env.TABLE_NAME,
        Key: { pk: { S: `FILING#${filingId}` }, sk: { S: 'FILING' } },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: status } },
      }),
    );
  } finally {
    client.destroy();
  }
}

test('a consistent table passes; each planted inconsistency is named', async () => {
  const draft = await createFiling({ accountId: '111111111111', type: 'NEW', document: { type: 'NEW', entity: { certificateNumber: CERTIFICATE } } });
  expect(await checkInvariants(subject)).toEqual([]);

  // A status written without its audit event, in the workflow with no execution and no task.
  await setStatus(draft.filingId, 'PRELIMINARY_REVIEW');
  const broken = await checkInvariants(subject);
  expect(broken).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/in the workflow with 0 running executions/),
      expect.stringMatching(/waits for a callback without an open task/),
      expect.stringMatching(/the trail ends at DRAFT/),
      expect.stringMatching(/its entity is not claimed/),
    ]),
  );

  // Back out of the workflow, with an execution still running for it and a stray entity claim.
  await setStatus(draft.filingId, 'DRAFT');
  running = [{ executionArn: 'arn:aws-cn:states:cn-northwest-1:999999999999:execution:m:x', stateMachineArn: 'm', name: `${draft.filingId}-r1`, status: 'RUNNING', input: {}, startDate: new Date(), stateTransitions: 1 }];
  const claim = entityBusyClaim(CERTIFICATE, draft.filingId);
  await put({ ...uniqueKey(claim.kind, claim.value), kind: claim.kind, ownerId: draft.filingId });
  const email = emailClaim('nobody@example.cn', '444444444444');
  await put({ ...uniqueKey(email.kind, email.value), kind: email.kind, ownerId: '444444444444' });
  const again = await checkInvariants(subject);
  expect(again).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/outside the workflow but .*-r1 still runs/),
      expect.stringMatching(/^UNIQUE#ENTITY_BUSY#.* is held by filing .* in DRAFT$/),
      expect.stringMatching(/^UNIQUE#EMAIL#.* is owned by account 444444444444, whose profile does not hold that email$/),
    ]),
  );
});
