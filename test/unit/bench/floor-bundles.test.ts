import { floorSource } from '../../../tools/bench/floor-bundles.js';

describe('floor bundles (tools/bench/floor-bundles.ts)', () => {
  test('a floor builds each client on first call and sends one command with each', () => {
    const source = floorSource(['@aws-sdk/lib-dynamodb', '@aws-sdk/client-sns']);
    expect(source).toContain("from '@aws-sdk/lib-dynamodb'");
    expect(source).toContain("from '@aws-sdk/client-sns'");
    expect(source).toContain('export const handler = async () => Promise.all([');
    expect(source.match(/client\.send\(/g)).toHaveLength(2);
    expect(source.match(/\?\?= /g)).toHaveLength(2);
  });

  test('the document client brings the raw client it wraps, imported once', () => {
    const source = floorSource(['@aws-sdk/lib-dynamodb']);
    expect(source.match(/from '@aws-sdk\/client-dynamodb'/g)).toHaveLength(1);
    expect(source).toContain('DynamoDBDocumentClient.from(new DynamoDBClient({}))');
  });
});
