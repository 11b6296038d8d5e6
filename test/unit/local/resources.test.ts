import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../../lib/config.js';
import { DataStack } from '../../../lib/data-stack.js';
import { createTableInput } from '../../../lib/local/resources.js';
import { cdkJsonContext } from '../../infra/synth.js';

/** The local table is the deployed table: same keys, attribute types and indexes, both from TABLE_DESIGN. */
describe('the local table definition', () => {
  const app = new App({ context: cdkJsonContext() });
  const stack = new DataStack(app, 'Data', { env: { region: 'cn-northwest-1' }, config: readConfig(app.node) });
  const [deployed] = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table')) as [{ Properties: Record<string, unknown> }];
  const local = createTableInput('icp-recordal');
  const byName = <T extends { AttributeName?: string; IndexName?: string }>(items: readonly T[] | undefined): T[] =>
    [...(items ?? [])].sort((a, b) => String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)));

  it('has the key schema and attribute types of the CDK data stack', () => {
    expect(local.KeySchema).toEqual(deployed.Properties.KeySchema);
    expect(byName(local.AttributeDefinitions)).toEqual(byName(deployed.Properties.AttributeDefinitions as { AttributeName: string }[]));
  });

  it('has the global secondary indexes of the CDK data stack', () => {
    expect(byName(local.GlobalSecondaryIndexes)).toEqual(byName(deployed.Properties.GlobalSecondaryIndexes as { IndexName: string }[]));
  });

  it('is billed on demand, as deployed', () => {
    expect(local.BillingMode).toBe(deployed.Properties.BillingMode);
  });
});
