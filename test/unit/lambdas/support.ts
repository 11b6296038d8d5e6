import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fixture from '../../fixtures/filing-new.json' with { type: 'json' };
import { resetClients } from '../../../lambdas/shared/adapters/clients.js';
import { installAdapters } from '../../../lambdas/shared/adapters/composition.js';
import { createAwsNetworkAdapter } from '../../../lambdas/shared/adapters/network/index.js';
import type { FilingRecord } from '../../../lambdas/shared/store/index.js';
import { lambdaContext } from '../../../lib/local/lambda-context.js';

/** Unit tests of the workflow Lambdas: every AWS client mocked, the AWS network adapter in use. */
export const documents = mockClient(DynamoDBDocumentClient);

export function useMockedAws(): void {
  beforeEach(() => {
    documents.reset();
    resetClients();
    process.env.TABLE_NAME = 'recordal-test';
    process.env.BUCKET_NAME = 'recordal-attachments-test';
    delete process.env.EVENT_BUS_NAME;
    delete process.env.REVIEWER_TOPIC_ARN;
    delete process.env.ALARM_TOPIC_ARN;
    // A fresh adapter each test: assumed-role sessions are cached per process.
    installAdapters({ network: createAwsNetworkAdapter() });
  });
  afterAll(() => installAdapters({ network: undefined }));
}

export const FILING_ID = 'f-0001';

/** A stored filing item (with its keys) as GetItem answers it. */
export function filingItem(overrides: Partial<FilingRecord> = {}, document: Record<string, unknown> = structuredClone(fixture)): Record<string, unknown> {
  const record: FilingRecord = {
    filingId: FILING_ID,
    accountId: '111111111111',
    type: 'NEW',
    document,
    status: 'SUBMITTED',
    version: 3,
    revision: 1,
    verificationMethod: 'ELECTRONIC',
    reasons: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
  return { pk: `FILING#${record.filingId}`, sk: 'FILING', ...record };
}

export function storeFilings(...items: Record<string, unknown>[]): void {
  for (const item of items) documents.on(GetCommand, { Key: { pk: item.pk, sk: 'FILING' } }).resolves({ Item: item });
}

export const context = (name: string) => lambdaContext(name);

/** The handler's rejection (it must reject). */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  if (outcome === undefined) throw new Error('expected the handler to fail');
  return outcome;
}
