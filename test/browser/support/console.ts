/**
 * Driving the web console as a person would: sign in, fill fields found by the document path
 * they edit (`data-path`), pick options by their visible label, and check every page with
 * axe-core. A failed step leaves a screenshot of each open page under test-output/browser/.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from '@jest/globals';
import type { BrowserContext, Locator, Page } from 'playwright-core';

export const OUTPUT_DIR = join(import.meta.dirname, '..', '..', '..', 'test-output', 'browser');

export async function openConsole(context: BrowserContext, baseUrl: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${baseUrl}/console/`);
  return page;
}

export async function signInLocal(page: Page, accessKeyId: string): Promise<void> {
  await page.getByTestId(`sign-in-${accessKeyId}`).click();
  await page.locator('#top-nav').waitFor();
}

const at = (page: Page, path: string) => page.locator(`[data-path="${path}"]`).first();

export async function fill(page: Page, path: string, value: string): Promise<void> {
  await at(page, path).locator('input, textarea').first().fill(value);
}

/** Picks options of the Select or Multiselect at `path` by their labels. */
export async function choose(page: Page, path: string, ...labels: string[]): Promise<void> {
  await at(page, path).locator('button').first().click();
  for (const label of labels) await page.getByRole('option', { name: label }).first().click();
  if (labels.length > 1 || (await page.getByRole('listbox').count()) > 0) await page.keyboard.press('Escape');
}

export async function check(page: Page, path: string): Promise<void> {
  await at(page, path).locator('input[type="checkbox"]').check();
}

/** The error text Cloudscape shows under the field at `path`. */
export function fieldError(page: Page, path: string) {
  return at(page, path).locator('[id^="form-field-error"], [class*="error__message"]').first();
}

/**
 * Serious and critical axe-core violations of the page as it is now (with where they are). Every
 * rule runs, as `axe.run` in the page and its same-origin frames (the builder's legacy mode: the
 * console has no other frames), detailing violations only. Measured on the reviewer's filing
 * page: 0.9 s a run, against 3 s for the default mode, which runs each frame apart and joins the
 * results in a new blank page.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] }).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect({ where, violations: await accessibilityViolations(page) }).toEqual({ where, violations: [] });
}

/**
 * Runs a step; when it fails, every page given is photographed before the error goes on. With
 * BROWSER_TIMINGS set, how long each step took goes to test-output/browser/timings.txt.
 */
export async function step<T>(name: string, pages: () => Page[], run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } catch (error) {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const slug = name.replace(/[^a-zA-Z0-9-]+/g, '-');
    await Promise.all(pages().map((page, index) => page.screenshot({ path: join(OUTPUT_DIR, `${slug}-${index}.png`), fullPage: true }).catch(() => undefined)));
    throw error;
  } finally {
    if (process.env.BROWSER_TIMINGS) {
      mkdirSync(OUTPUT_DIR, { recursive: true });
      appendFileSync(join(OUTPUT_DIR, 'timings.txt'), `${new Date().toISOString()} ${name} ${Date.now() - started} ms\n`);
    }
  }
}

/** Waits until the element (or one of them) shows this text. */
export async function shows(locator: Locator, text: string, timeout = 20_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}

/** Waits until the filing page shows this status (the page refreshes itself while the workflow runs). */
export async function waitForStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page.locator(`[data-status="${status}"]`).first().waitFor({ timeout });
}
