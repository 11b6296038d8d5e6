/** `recordal account show|register` and `recordal eligibility` (docs/design/api.md "Customer routes"). */
import type { Command } from 'commander';
import type { AccountProfile, EligibilityQuestion } from '../../client/index.js';
import { messagesIn } from '../../client/index.js';
import { readJsonObject } from '../input.js';
import { renderFields } from '../table.js';
import { example, type ContextOf } from './shared.js';

const accountFields = (account: Record<string, unknown>) =>
  renderFields(['accountId', 'companyName', 'email', 'mobile', 'verificationIp', 'accessRoleArn', 'version', 'updatedAt'].map((name) => [name, account[name] as string]));

export function registerAccountCommands(program: Command, contextOf: ContextOf): void {
  const account = program.command('account').description("the customer account's profile");
  example(account, 'recordal --as customer-a account show');

  example(
    account
      .command('show')
      .description('show the account profile (404 before registration)')
      .action(async (_options, command: Command) => {
        const context = contextOf(command);
        const profile = await context.client.getAccount();
        context.result(profile, () => accountFields(profile));
      }),
    'recordal --as customer-a account show --output json',
  );

  example(
    account
      .command('register')
      .description('create or update the account profile from a JSON file (companyName, email, mobile, verificationIp, accessRoleArn, acceptPrivacyPolicy)')
      .requiredOption('--file <path>', 'the profile as JSON ("-" reads standard input)')
      .action(async (options: { file: string }, command: Command) => {
        const context = contextOf(command);
        const profile = await context.client.putAccount((await readJsonObject(options.file, context.io)) as AccountProfile);
        context.result(profile, () => accountFields(profile));
      }),
    'recordal --as customer-a account register --file profile.json',
  );

  example(
    program
      .command('eligibility')
      .description('ask whether an APP needs recordal here (appIsOffline, isMiniProgram, entityKind, province)')
      .requiredOption('--file <path>', 'the answers as JSON ("-" reads standard input)')
      .action(async (options: { file: string }, command: Command) => {
        const context = contextOf(command);
        const answer = await context.client.checkEligibility((await readJsonObject(options.file, context.io)) as EligibilityQuestion);
        context.result(answer, () => {
          const reasons = answer.reasons.map((reason) => `- ${reason.code}: ${messagesIn(reason, context.language).join(' / ')}\n`).join('');
          return renderFields([['needed', answer.needed ? 'yes' : 'no'], ['supported', answer.supported ? 'yes' : 'no']]) + reasons;
        });
      }),
    'recordal --as customer-a eligibility --file answers.json',
  );
}
