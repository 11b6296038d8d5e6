import { jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { CUSTOMER_B } from '../../lib/local/credentials.js';
import type { LocalPlatform } from '../../lib/local/platform.js';
import { startTestPlatform } from '../support/platform.js';
import { launchChromium, type LaunchedBrowser } from './support/chromium.js';
import { accessibilityViolations, expectAccessible, openConsole, signInLocal, step } from './support/console.js';

jest.setTimeout(120_000);

/** Sign-in, the language switch and sign-out of the web console (credentials in sessionStorage only). */
describe('the web console session', () => {
  let platform: LocalPlatform;
  let browser: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  const pages = () => [page].filter(Boolean);

  beforeAll(async () => {
    platform = await startTestPlatform();
    browser = await launchChromium();
    context = await browser.newContext();
    page = await openConsole(context, platform.url);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('refuses wrong credentials with the API’s own message, in Chinese first', async () => {
    await step('wrong-credentials', pages, async () => {
      await expectAccessible(page, 'sign-in');
      await page.getByLabel('访问密钥 ID').fill(CUSTOMER_B.accessKeyId);
      await page.getByLabel('秘密访问密钥').fill('not-the-secret');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByText('请求未签名或签名无效').first().waitFor();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    });
  });

  it('the accessibility check finds a violation where there is one', async () => {
    const blank = await context.newPage();
    await blank.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"><button></button></main></html>');
    const violations = await accessibilityViolations(blank);
    await blank.close();
    expect(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^image-alt \(critical\)/), expect.stringMatching(/^button-name \(critical\)/)]));
  });

  it('switches the language both ways, then signs out and forgets the credentials', async () => {
    await step('language-and-sign-out', pages, async () => {
      await signInLocal(page, CUSTOMER_B.accessKeyId);
      await page.getByRole('heading', { name: '我的备案' }).waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('recordal.session'))).toContain(CUSTOMER_B.accessKeyId);
      // The credentials are only in this tab's sessionStorage, nowhere the platform or other tabs see.
      expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(CUSTOMER_B.secretAccessKey);
      expect((await context.cookies()).length).toBe(0);

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'My filings' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.goto(`${platform.url}/console/#/eligibility`);
      await page.getByRole('button', { name: 'Check' }).click();
      await page.locator('[data-testid="problem-list"], [data-testid="eligibility-reasons"]').first().waitFor();
      await expectAccessible(page, 'eligibility (English)');
      await page.getByRole('button', { name: '切换到中文' }).click();
      await page.getByRole('heading', { name: '备案预检' }).waitFor();

      await page.getByRole('button', { name: 'customer B' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.getByTestId(`sign-in-${CUSTOMER_B.accessKeyId}`).waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('recordal.session'))).toBeNull();
      await page.reload();
      await page.getByTestId(`sign-in-${CUSTOMER_B.accessKeyId}`).waitFor();
    });
  });
});
