/**
 * `npm run customer-template -- --platform-account <12 digits> [--out <file>]`: writes the
 * customer access role template the provider publishes (docs/deploy.md "Customers").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ACCESS_ROLE_NAME_PREFIX } from '../lib/config.js';
import { CUSTOMER_ACCESS_STACK_NAME, customerAccessTemplate } from '../lib/customer-access-stack.js';

const DEFAULT_OUT = 'dist/customer-access-role.template.json';
const USAGE = `usage: npm run customer-template -- --platform-account <12-digit platform account> [--out ${DEFAULT_OUT}]
  --platform-account  defaults to CDK_DEFAULT_ACCOUNT`;

function main(): void {
  const { values } = parseArgs({
    options: { 'platform-account': { type: 'string' }, out: { type: 'string', default: DEFAULT_OUT }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const platformAccount = values['platform-account'] ?? (process.env.CDK_DEFAULT_ACCOUNT || undefined);
  if (platformAccount === undefined) throw new Error(`the platform account is required\n${USAGE}`);
  const out = resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(customerAccessTemplate(platformAccount), null, 2)}\n`);
  process.stdout.write(
    [
      `wrote ${out}`,
      'a customer deploys it in its own account with:',
      `  aws cloudformation deploy --region cn-northwest-1 --stack-name ${CUSTOMER_ACCESS_STACK_NAME} --template-file ${values.out} --capabilities CAPABILITY_NAMED_IAM`,
      `then enters the AccessRoleArn output (arn:aws-cn:iam::<account>:role/${ACCESS_ROLE_NAME_PREFIX}) as accessRoleArn.`,
      '',
    ].join('\n'),
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
