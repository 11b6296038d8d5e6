import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { countCalls, dynamoDb, dynamoDoc, REGION, resetClients, s3, s3ForPresigning } from '../../../lambdas/shared/adapters/clients.js';

// Fake credentials: DynamoDB resolves its endpoint from the caller's account before any middleware answers.
beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIAUNITTEST00000000';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'unit-test-secret';
});

afterEach(() => {
  delete process.env.AWS_ENDPOINT_URL_S3;
  resetClients();
});

describe('shared clients', () => {
  it('are created once per process, in cn-northwest-1', async () => {
    expect(dynamoDoc()).toBe(dynamoDoc());
    expect(s3()).toBe(s3());
    expect(await dynamoDb().config.region()).toBe(REGION);
    expect(await s3().config.region()).toBe(REGION);
  });

  it('use path-style S3 only with an endpoint override, and presign without checksums', async () => {
    expect(s3().config.forcePathStyle).toBe(false);
    resetClients();
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:4569';
    expect(s3().config.forcePathStyle).toBe(true);
    expect(s3ForPresigning()).not.toBe(s3());
    expect(await s3ForPresigning().config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
  });

  it('count the commands sent through the document client and the raw client, retries aside', async () => {
    const counter = countCalls('dynamodb');
    // answer before signing and sending: no credentials, no network in unit tests
    dynamoDb().middlewareStack.add(() => async () => ({ output: { $metadata: {} }, response: {} }) as never, {
      step: 'build',
      name: 'answerLocally',
    });
    await dynamoDoc().send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    await dynamoDb().send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }));
    expect(counter.total).toBe(2);
    expect(counter.byCommand).toEqual({ GetItemCommand: 2 });
    counter.reset();
    expect(counter.total).toBe(0);
  });
});
