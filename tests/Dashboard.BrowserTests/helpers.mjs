// Shared helpers for the dashboard browser tests: system Chromium via playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** A new context + page signed in through the `/#token=` link, waiting for the board and the live feed. */
export async function openBoard(browser, baseUrl, token, { viewport = { width: 1440, height: 900 }, path = '/', waitLive = true } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  await page.goto(`${baseUrl}${path}#token=${token}`);
  await page.locator('#app').waitFor({ state: 'visible' });
  if (waitLive) await page.locator('#conn[data-state="live"]').waitFor({ timeout: 15_000 });
  return { context, page };
}

export const column = (page, status) => page.locator(`.column[data-status="${status}"]`);
export const card = (page, title) => page.locator('.card', { has: page.locator('.card-title', { hasText: title }) });

export async function shot(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: false });
}

export const uniq = (prefix) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
