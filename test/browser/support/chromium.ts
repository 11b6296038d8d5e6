/**
 * Debian's Chromium driven by playwright-core (no browser download: `apt-get install chromium
 * fonts-noto-cjk`; `.ci/run` does it). One browser process per test file; each person in it
 * (a customer, a reviewer) gets a context of their own, with its own sessionStorage and cookies
 * (an incognito-like profile, gone when closed), as two separate browsers would have.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium';

export interface LaunchedBrowser {
  /** A fresh context: one person's own browser session. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...(asRoot ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    newContext: () => browser.newContext({ viewport: { width: 1280, height: 900 } }),
    close: () => browser.close().catch(() => undefined),
  };
}
