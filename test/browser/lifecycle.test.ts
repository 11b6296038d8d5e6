import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CUSTOMER_A, REVIEWER } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { sampleAttachment } from '../../lib/local/samples/attachments.js';
import type { RecordalClient, ReviewStage } from '../../lib/client/index.js';
import { clientOf, startTestPlatform } from '../support/platform.js';
import { launchChromium, type LaunchedBrowser } from './support/chromium.js';
import { check, choose, expectAccessible, fieldError, fill, openConsole, shows, signInLocal, step, waitForStatus } from './support/console.js';
import filing from '../fixtures/filing-new.json' with { type: 'json' };

jest.setTimeout(240_000);

/**
 * A NEW filing from nothing to APPROVED through the web console only: customer A and the
 * reviewer each in their own browser context, on the local platform (docs/design/lifecycle.md).
 * On the way: a rule error shown at its field, a failed upload, a rejection and its correction,
 * the record number checked as typed, then drift found by a check the reviewer starts; axe-core
 * on every page. The tests run in order.
 */
describe('the web console: a NEW filing from nothing to APPROVED', () => {
  let platform: LocalPlatform;
  let browser: LaunchedBrowser;
  let reviewerApi: RecordalClient;
  let customer: Page;
  let reviewer: Page;
  let filingId = '';
  let files: string;
  const pages = () => [customer, reviewer].filter(Boolean);

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'recordal-uploads-'));
    platform = await startTestPlatform();
    reviewerApi = clientOf(platform, REVIEWER);
    browser = await launchChromium();
    customer = await openConsole(await browser.newContext(), platform.url);
    reviewer = await openConsole(await browser.newContext(), platform.url);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(files, { recursive: true, force: true });
  });

  const next = (page: Page) => page.getByRole('button', { name: '保存并继续' }).click();

  async function fillPerson(prefix: string, person: Record<string, string>): Promise<void> {
    for (const name of ['name', 'idNumber', 'idValidFrom', 'idValidTo', 'mobile', 'emergencyMobile', 'email']) await fill(customer, `${prefix}.${name}`, person[name]!);
    await choose(customer, `${prefix}.idType`, '居民身份证');
  }

  /** Once the API lists the filing's task of that stage, its queue in the console, then the filing. */
  async function openTask(stage: ReviewStage, stageTab: string): Promise<void> {
    await until(async () => (await reviewerApi.listReviewTasks({ stage, limit: 100 })).items.some((task) => task.filingId === filingId), `a ${stage} task for ${filingId}`);
    await reviewer.goto(`${platform.url}/console/#/tasks`);
    await reviewer.getByRole('tab', { name: stageTab }).click();
    const link = reviewer.getByRole('link', { name: filingId });
    await link.waitFor();
    if (stage === 'CA_DECISION') await expectAccessible(reviewer, `task queue: ${stageTab}`);
    await link.click();
  }

  it('registers the account and fills the wizard: a broken rule is shown at its field', async () => {
    await step('wizard', pages, async () => {
      await signInLocal(customer, CUSTOMER_A.accessKeyId);
      await customer.getByRole('heading', { name: '我的备案' }).waitFor();
      await expectAccessible(customer, 'filings list');

      await customer.goto(`${platform.url}/console/#/account`);
      await fill(customer, 'companyName', filing.entity.name);
      await fill(customer, 'email', filing.entityPrincipal.email);
      await fill(customer, 'mobile', filing.entityPrincipal.mobile);
      await fill(customer, 'verificationIp', filing.access.ips[0]!);
      await fill(customer, 'accessRoleArn', filing.access.accessRoleArn);
      await check(customer, 'acceptPrivacyPolicy');
      await customer.getByRole('button', { name: '保存' }).click();
      await customer.getByText('已保存').waitFor();
      await expectAccessible(customer, 'account registration');

      await customer.goto(`${platform.url}/console/#/filings/new`);
      await customer.getByRole('button', { name: '创建草稿' }).click();
      await customer.waitForURL(/#\/filings\/[^/]+\/edit$/);
      filingId = /#\/filings\/([^/]+)\/edit$/.exec(customer.url())![1]!;

      // Entity
      await fill(customer, 'entity.name', filing.entity.name);
      await choose(customer, 'entity.kind', '企业');
      await choose(customer, 'entity.certificateType', '营业执照（统一社会信用代码）');
      await fill(customer, 'entity.certificateNumber', filing.entity.certificateNumber);
      await choose(customer, 'entity.province', '宁夏回族自治区 (640000)');
      await fill(customer, 'entity.certificateAddress', filing.entity.certificateAddress);
      await fill(customer, 'entity.mailingAddress', filing.entity.mailingAddress);
      await expectAccessible(customer, 'wizard: entity');
      await next(customer);

      // Persons in charge, the first with an ID number whose check digit is wrong
      await fillPerson('entityPrincipal', { ...filing.entityPrincipal, idNumber: '640106198503121235' });
      await fillPerson('app.principal', filing.app.principal);
      await next(customer);
      await shows(fieldError(customer, 'entityPrincipal.idNumber'), 'ID_CARD_INVALID');
      await shows(fieldError(customer, 'entityPrincipal.idNumber'), '身份证');
      await expectAccessible(customer, 'wizard: a field with a rule error');
      await fill(customer, 'entityPrincipal.idNumber', filing.entityPrincipal.idNumber);
      await next(customer);

      // APP, platforms, domains, SDKs, categories
      await fill(customer, 'app.name', filing.app.name);
      await choose(customer, 'app.serviceType', 'APP');
      await choose(customer, 'app.categories', '出行旅游');
      await choose(customer, 'app.languages', '简体中文');
      for (const [index, platformEntry] of filing.app.platforms.entries()) {
        await customer.locator('[data-path="app.platforms"]').getByRole('button', { name: '添加' }).click();
        await choose(customer, `app.platforms.${index}.os`, platformEntry.os);
        if (platformEntry.packageName) await fill(customer, `app.platforms.${index}.packageName`, platformEntry.packageName);
        if (platformEntry.bundleId) await fill(customer, `app.platforms.${index}.bundleId`, platformEntry.bundleId);
        await fill(customer, `app.platforms.${index}.publicKey`, platformEntry.publicKey);
        await fill(customer, `app.platforms.${index}.signatureMd5`, platformEntry.signatureMd5);
      }
      const domain = filing.app.domains[0]!;
      await customer.locator('[data-path="app.domains"]').getByRole('button', { name: '添加' }).click();
      await fill(customer, 'app.domains.0.name', domain.name);
      await fill(customer, 'app.domains.0.registrant', domain.registrant);
      await choose(customer, 'app.domains.0.registrar', '阿里云计算有限公司');
      await fill(customer, 'app.domains.0.expiresOn', domain.expiresOn);
      await check(customer, 'app.domains.0.realNameVerified');
      const sdk = filing.app.sdks[0]!;
      await customer.locator('[data-path="app.sdks"]').getByRole('button', { name: '添加' }).click();
      await fill(customer, 'app.sdks.0.name', sdk.name);
      await fill(customer, 'app.sdks.0.provider', sdk.provider);
      await fill(customer, 'app.sdks.0.purpose', sdk.purpose);
      await next(customer);

      // Access: the account and role came from the profile
      expect(await customer.locator('[data-path="access.awsAccountId"] input').inputValue()).toBe(CUSTOMER_A.accountId);
      await fill(customer, 'access.ips', filing.access.ips.join(', '));
      await fill(customer, 'access.securityGroupIds', filing.access.securityGroupIds.join(', '));
      await next(customer);
      await customer.locator('[data-kind]').first().waitFor();
    });
  });

  it('shows a failed and a cancelled upload, then uploads every required attachment and submits', async () => {
    await step('attachments', pages, async () => {
      const kinds = await customer.locator('[data-kind]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kind') as string));
      expect(kinds).toEqual(expect.arrayContaining(['ENTITY_CERTIFICATE', 'ENTITY_PRINCIPAL_ID', 'APP_PRINCIPAL_ID', 'APP_ICON', 'DOMAIN_CERTIFICATE']));
      const pathOf = (kind: string) => {
        const sample = sampleAttachment(kind);
        const path = join(files, sample.fileName);
        writeFileSync(path, sample.bytes);
        return path;
      };
      const slot = (kind: string) => customer.locator(`[data-kind="${kind}"]`);

      // Storage refuses the POST: the customer sees storage's own error, nothing is uploaded.
      const storage = `${process.env.AWS_ENDPOINT_URL_S3}/**`;
      await customer.route(storage, (route) => route.fulfill({ status: 403, contentType: 'application/xml', body: '<Error><Code>AccessDenied</Code><Message>Policy expired</Message></Error>' }));
      await slot('APP_ICON').locator('input[type="file"]').setInputFiles(pathOf('APP_ICON'));
      await shows(slot('APP_ICON').getByTestId('problem-list'), 'AccessDenied');
      await customer.unroute(storage);
      // Storage does not answer: the customer cancels the upload under way.
      await customer.route(storage, () => undefined);
      await slot('APP_ICON').locator('input[type="file"]').setInputFiles(pathOf('APP_ICON'));
      await slot('APP_ICON').getByRole('button', { name: '取消上传' }).click();
      await shows(slot('APP_ICON').getByTestId('problem-list'), 'UPLOAD_CANCELLED');
      await customer.unroute(storage);
      // A file of a type the kind does not take is stopped before upload, with the constraint.
      const wrong = join(files, 'icon.pdf');
      writeFileSync(wrong, sampleAttachment('AUTHENTICITY_FORM').bytes);
      await slot('APP_ICON').locator('input[type="file"]').setInputFiles(wrong);
      await shows(slot('APP_ICON').getByTestId('problem-list'), 'ATTACHMENT_TYPE');

      for (const kind of kinds) {
        await slot(kind).locator('input[type="file"]').setInputFiles(pathOf(kind));
        await slot(kind).getByText('已上传', { exact: true }).first().waitFor();
      }
      await slot('APP_ICON').locator('img').waitFor();
      await expectAccessible(customer, 'wizard: attachments uploaded');
      await next(customer);
      await customer.getByRole('button', { name: '提交备案' }).click();
      await customer.waitForURL(new RegExp(`#/filings/${filingId}$`));
      await waitForStatus(customer, 'AWAITING_VERIFICATION');
      await expectAccessible(customer, 'filing awaiting verification');
    });
  });

  it('the reviewer rejects with a reason; the customer sees it, corrects the filing and submits again', async () => {
    await step('reject-and-correct', pages, async () => {
      await customer.getByRole('button', { name: '我已完成电子核验' }).click();
      await waitForStatus(customer, 'PRELIMINARY_REVIEW');

      await signInLocal(reviewer, REVIEWER.accessKeyId);
      await openTask('PRELIMINARY_REVIEW', '接入商初审');
      // The ID photo is shown beside the person it proves.
      await reviewer.locator('[data-kind="ENTITY_PRINCIPAL_ID"] img').waitFor();
      await expectAccessible(reviewer, 'review filing');
      await reviewer.getByRole('radio', { name: '驳回' }).check();
      await choose(reviewer, 'reasons', 'APP_NAME_INVALID');
      await fill(reviewer, 'reasons.message', '应用名称与应用商店中的名称不一致');
      await reviewer.getByRole('button', { name: '提交结论' }).click();
      await reviewer.getByText('结论已提交').waitFor();

      await waitForStatus(customer, 'RETURNED');
      await shows(customer.getByTestId('problem-list').first(), '应用名称与应用商店中的名称不一致');
      await customer.getByRole('button', { name: '修改' }).click();
      await next(customer);
      await next(customer);
      await fill(customer, 'app.name', '云帆出行');
      await next(customer);
      await next(customer);
      await next(customer);
      await customer.getByRole('button', { name: '提交备案' }).click();
      await waitForStatus(customer, 'AWAITING_VERIFICATION');
      await customer.getByRole('button', { name: '我已完成电子核验' }).click();
      await waitForStatus(customer, 'PRELIMINARY_REVIEW');
    });
  });

  it('approval, the SMS report and the CA decision with a record number checked as typed: APPROVED', async () => {
    await step('approve', pages, async () => {
      await openTask('PRELIMINARY_REVIEW', '接入商初审');
      await reviewer.getByRole('button', { name: '提交结论' }).click();
      await reviewer.getByText('结论已提交').waitFor();

      await waitForStatus(customer, 'AWAITING_SMS_VERIFICATION');
      await customer.getByRole('button', { name: '我已完成短信核验' }).click();
      await waitForStatus(customer, 'CA_REVIEW');

      await openTask('CA_DECISION', '管局审核结果');
      await fill(reviewer, 'recordNumber', '宁ICP备2025000001号-1');
      await shows(fieldError(reviewer, 'recordNumber'), 'RECORD_NUMBER_INVALID');
      await fill(reviewer, 'recordNumber', '京ICP备2025000001号-1A');
      await shows(fieldError(reviewer, 'recordNumber'), 'RECORD_NUMBER_PROVINCE_MISMATCH');
      await expectAccessible(reviewer, 'CA decision with a record number error');
      await fill(reviewer, 'recordNumber', '宁ICP备2025000001号-1A');
      await fieldError(reviewer, 'recordNumber').waitFor({ state: 'detached' });
      await reviewer.getByRole('button', { name: '提交结论' }).click();
      await reviewer.getByText('结论已提交').waitFor();

      await waitForStatus(customer, 'APPROVED');
      await shows(customer.getByTestId('record-number'), '宁ICP备2025000001号-1A');
      await expectAccessible(customer, 'approved filing');
    });
  });

  it('drift: a security group no longer tagged for the platform is shown in the list and at its field', async () => {
    await step('drift', pages, async () => {
      await reviewer.goto(`${platform.url}/console/#/drift`);
      await reviewer.getByText('没有偏移').waitFor();
      await expectAccessible(reviewer, 'drift list (empty)');

      // The customer takes the managed tag off the recorded security group (docs/design/api.md "Drift check").
      const resources = JSON.parse(readFileSync(platform.accountResourcesFile, 'utf8')) as { accounts: Record<string, { securityGroups: Record<string, { tags: Record<string, string> }> }> };
      const groupId = filing.access.securityGroupIds[0]!;
      resources.accounts[CUSTOMER_A.accountId]!.securityGroups[groupId]!.tags = {};
      writeFileSync(platform.accountResourcesFile, JSON.stringify(resources, null, 2));

      await reviewer.getByRole('button', { name: '立即检查' }).click();
      await reviewer.getByText('检查已开始').waitFor();
      await platform.driftQueue.drained();
      await reviewer.getByRole('button', { name: '刷新' }).click();
      await shows(reviewer.getByTestId('drift-problems'), 'SECURITY_GROUP_NOT_MANAGED');
      await expectAccessible(reviewer, 'drift list with a drifted filing');

      await reviewer.getByRole('link', { name: filingId }).click();
      const atField = reviewer.locator('[data-problem-path="access.securityGroupIds.0"][data-code="SECURITY_GROUP_NOT_MANAGED"]');
      await shows(atField, 'icp-recordal:managed=true');
      await expectAccessible(reviewer, 'review filing with drift');

      await customer.reload();
      await shows(customer.getByTestId('drift'), 'SECURITY_GROUP_NOT_MANAGED');
    });
  });
});

/** Asks again (every 200 ms) until the condition holds. */
async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
