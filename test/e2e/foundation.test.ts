/**
 * The foundation end to end: browser mode serves the real renderer; Chromium opens it with the token;
 * main opens the bundled real sample; the UI shows its name and sweep list; one dealias job runs through
 * the worker pool and the native addon and lands in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startWebApp, type WebApp } from './support/web-app';

let app: WebApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('browser mode', () => {
  it('refuses the page without the token', async () => {
    const response = await page.goto(app.origin + '/');
    expect(response?.status()).toBe(401);
  });

  it('opens the bundled sample and lists its sweeps', async () => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(app.url);
    await expect
      .poll(() => page.locator('[data-test="file-name"]').textContent(), { timeout: 30_000 })
      .toBe('KCRP20200101_000431_V06');
    // KCRP's VCP 35 volume has 12 sweeps (Py-ART reads 12; reference.json).
    await expect.poll(() => page.locator('[data-test="sweep-list"] li').count()).toBe(12);
    // it opened on its first sweeps while the rest decompressed; the note goes once all are read
    await expect.poll(() => page.locator('[data-test="sweeps-loading"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('runs one dealias job through the worker pool and the native addon', async () => {
    await page.locator('[data-test="run"]').click();
    await expect.poll(() => page.locator('[data-test="history-row"]').count(), { timeout: 60_000 }).toBe(1);
    const row = await page.locator('[data-test="history-row"]').first().innerText();
    expect(row).toContain('KCRP20200101_000431_V06');
    expect(row).toContain('fused');
  });
});
