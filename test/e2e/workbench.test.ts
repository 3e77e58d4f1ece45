/**
 * The workbench end to end in browser mode (Debian Chromium, software GL): the bundled KCRP sample opens
 * at start and its PPI is drawn (pixels counted, WebGL checked against the canvas rasteriser); the cursor
 * reads gates; sweeps step by keys; zoom and pan redraw; other real files open by typed path and by drag
 * and drop (an RHI among them), a bad file gives the reader's message; the shared data folder lists by
 * time and steps with keys; two variants dealias the folded
 * 3.1° sweep, land in the history with runtime and memory, and are compared side by side; the export is
 * written and reopens. Screenshots go to test-results/screenshots/.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { radarFile } from '../support/radar-data';
import { launchChromium, startWebApp, type WebApp } from './support/web-app';
import {
  differingFraction,
  dropFile,
  panelPixels,
  screenshot,
  waitForPaint,
  type PanelPixels,
} from './support/workbench-page';

let app: WebApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const outDir = mkdtempSync(join(tmpdir(), 'unfold-workbench-'));
/** KCRP's 3.12° tilt (index 8): strong winds aloft fold in rings (a quarter of its gates unfold) */
const FOLDED_SWEEP = 8;

/** A painted pixel (the median one in reading order) of a capture, in device = CSS pixels (ratio 1). */
function paintedPixel(p: PanelPixels): [number, number] {
  const bytes = Buffer.from(p.rgba!, 'base64');
  const painted: number[] = [];
  for (let i = 3; i < bytes.length; i += 4) if (bytes[i]! > 0) painted.push((i - 3) / 4);
  const at = painted[painted.length >> 1]!;
  return [at % p.width, Math.floor(at / p.width)];
}

const text = (selector: string): Promise<string> => page.locator(selector).first().innerText();

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function openByPath(path: string): Promise<void> {
  await page.keyboard.press('o');
  await page.locator('[data-test="path-input"]').fill(path);
  await page.locator('[data-test="path-confirm"]').click();
}

describe('workbench (browser mode)', () => {
  it('opens the bundled sample and draws a non-empty velocity PPI', async () => {
    await expect.poll(() => text('[data-test="file-name"]'), { timeout: 30_000 }).toBe('KCRP20200101_000431_V06');
    const pixels = await waitForPaint(page, 'original', 5_000);
    // sweep 1 (0.48°, Doppler cut) of a clear-air morning: scattered echo, yet over ten thousand pixels
    expect(pixels.painted).toBeGreaterThan(8_000);
    expect(pixels.distinct).toBeGreaterThan(50);
    expect(await page.locator('[data-test="sweep-canvas"]').first().getAttribute('data-renderer')).toBe('webgl');
    expect(await text('[data-test="colour-bar-units"]')).toBe('m/s');
    await screenshot(page, 'ppi-sample');
  });

  it('draws the same pixels with WebGL as the canvas rasteriser', async () => {
    const gl = await panelPixels(page, 'original', true);
    const other = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await other.goto(app.url.replace('/?', '/?renderer=canvas&'));
    await expect
      .poll(() => other.locator('[data-test="file-name"]').innerText(), { timeout: 30_000 })
      .toContain('KCRP');
    await waitForPaint(other, 'original', 5_000);
    expect(await other.locator('[data-test="sweep-canvas"]').first().getAttribute('data-renderer')).toBe('canvas');
    const canvas = await panelPixels(other, 'original', true);
    await other.close();
    expect(canvas.painted / gl.painted).toBeGreaterThan(0.99);
    expect(canvas.painted / gl.painted).toBeLessThan(1.01);
    // float32 in the shader against float64 in the rasteriser: only pixels on class or gate boundaries differ
    expect(differingFraction(gl, canvas)).toBeLessThan(0.003);
  });

  it('reads the gate under the cursor', async () => {
    const box = (await page.locator('section[data-test="panel-original"] [data-test="sweep-canvas"]').boundingBox())!;
    // 40 % of the way from the centre to the right edge: east of the radar, inside the sweep
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    await expect.poll(() => text('[data-test="readout-azimuth"]')).toMatch(/^az (8\d|9\d)\.\d°$/);
    expect(await text('[data-test="readout-range"]')).toMatch(/^range \d+\.\d\d km$/);
    expect(await text('[data-test="readout-height"]')).toMatch(/^height \d+\.\d\d km$/);
    expect(await text('[data-test="readout-value-original"]')).toMatch(/^VRADH (—|-?\d+\.\d\d m\/s)$/);
  });

  it('steps sweeps by key, zooms and pans, and resets', async () => {
    await page.mouse.move(5, 5);
    const before = await panelPixels(page, 'original');
    await page.keyboard.press(']');
    await expect.poll(() => text('[data-test="sweep-label"]')).toMatch(/^sweep 2 \/ 11/);
    await page.keyboard.press('[');
    await expect.poll(() => text('[data-test="sweep-label"]')).toMatch(/^sweep 1 \/ 11/);
    const unzoomed = await panelPixels(page, 'original', true);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect
      .poll(async () => differingFraction(unzoomed, await panelPixels(page, 'original', true)))
      .toBeGreaterThan(0.01);
    const box = (await page.locator('section[data-test="panel-original"] [data-test="sweep-canvas"]').boundingBox())!;
    const zoomed = await panelPixels(page, 'original', true);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 60, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => differingFraction(zoomed, await panelPixels(page, 'original', true)))
      .toBeGreaterThan(0.01);
    await page.keyboard.press('0');
    await expect.poll(async () => (await panelPixels(page, 'original')).painted).toBe(before.painted);
  });

  it('lists the shortcuts in the help overlay', async () => {
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('[data-test="help"] tr').count()).toBeGreaterThan(15);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-test="help"]').count()).toBe(0);
  });

  it('gives the reader’s message, naming the file, for a file it cannot read', async () => {
    const bad = join(outDir, 'not-radar.nc');
    writeFileSync(bad, 'this is not a radar file at all\n'.repeat(100));
    await openByPath(bad);
    await expect.poll(() => text('[data-test="open-error"]')).toContain('not-radar.nc');
    expect(await text('[data-test="file-name"]')).toBe('KCRP20200101_000431_V06');
  });

  it('opens an RHI by typed path and draws it with ground range and height', async () => {
    const rhi = await radarFile('cfrad.20211011_223602.712_to_20211011_223612.091_DOW8_RHI.nc');
    await openByPath(rhi);
    await expect.poll(() => text('[data-test="file-name"]'), { timeout: 30_000 }).toContain('DOW8_RHI');
    await expect.poll(() => text('[data-test="sweep-label"]')).toContain('az 184');
    const pixels = await waitForPaint(page, 'original', 5_000);
    expect(pixels.distinct).toBeGreaterThan(20);
    await screenshot(page, 'rhi-dow8');
  });

  it('opens a file dropped on the window', async () => {
    await dropFile(page, await radarFile('MLL2217907250U.003.nc'));
    await expect.poll(() => text('[data-test="file-name"]'), { timeout: 30_000 }).toBe('MLL2217907250U.003.nc');
    await waitForPaint(page, 'original', 500);
    await expect.poll(() => page.locator('[data-test="recent-files"] li').count()).toBeGreaterThanOrEqual(3);
  });

  it('lists a campaign folder by time and steps through it with n / p', async () => {
    // the folder of the real files (../shared/data/radar, or the download cache holding the ones used here)
    const klix = await radarFile('KLIX20050828_180149.gz');
    await radarFile('KLBB20160601_150025_V06');
    const folder = dirname(klix);
    await page.keyboard.press('Shift+O');
    await page.locator('[data-test="path-input"]').fill(folder);
    await page.locator('[data-test="path-confirm"]').click();
    const items = page.locator('[data-test="folder-list"] li');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const rows = (await items.allInnerTexts()).map((t) => t.split('\n').map((x) => x.trim()));
    const names = rows.map((r) => r[0]!);
    // sorted by scan time: Katrina's KLIX (2005) is the oldest of the real files
    expect(names[0]).toBe('KLIX20050828_180149.gz');
    const times = rows.map((r) => r[1]!).filter((t) => /^\d{4}-/.test(t));
    expect([...times].sort()).toEqual(times);
    await page.keyboard.press('n');
    await expect.poll(() => text('[data-test="file-name"]'), { timeout: 30_000 }).toBe(names[0]);
    await page.keyboard.press('n');
    await expect.poll(() => text('[data-test="file-name"]'), { timeout: 30_000 }).toBe(names[1]);
    await page.keyboard.press('p');
    await expect.poll(() => text('[data-test="file-name"]'), { timeout: 30_000 }).toBe(names[0]);
    expect(await page.locator('[data-test="folder-list"] li.selected').innerText()).toContain(names[0]!);
    await waitForPaint(page, 'original', 500);
  });

  it('dealiases the folded 3.1° sweep with two variants and compares them side by side', async () => {
    await page.locator('[data-test="recent-files"] li', { hasText: 'KCRP20200101_000431_V06' }).click();
    await expect.poll(() => text('[data-test="file-name"]'), { timeout: 30_000 }).toBe('KCRP20200101_000431_V06');
    await page.locator('[data-test="sweep-list"] li').nth(FOLDED_SWEEP).click();
    await expect.poll(() => text('[data-test="sweep-label"]')).toContain('el 3.12°');
    for (const variant of ['fused', 'sparse']) {
      await page.locator('[data-test="variant"]').selectOption(variant);
      const before = await page.locator('[data-test="history-row"]').count();
      await page.locator('[data-test="run"]').click();
      await expect.poll(() => page.locator('[data-test="history-row"]').count(), { timeout: 90_000 }).toBe(before + 1);
    }
    const rows = page.locator('[data-test="history-row"]');
    for (const i of [0, 1]) {
      const row = rows.nth(i);
      expect(await row.innerText()).toContain('KCRP20200101_000431_V06');
      expect(await row.locator('[data-test="run-total"]').innerText()).toMatch(/^\d+(\.\d+)? ms$/);
      expect(await row.locator('[data-test="run-engine-memory"]').innerText()).toMatch(/^\d+\.\d MiB$/);
      expect(await row.locator('[data-test="run-process-memory"]').innerText()).toMatch(/^[1-9]\d*\.\d MiB$/);
    }
    expect((await rows.allInnerTexts()).join('\n')).toMatch(/fused[\s\S]*sparse|sparse[\s\S]*fused/);
    // the two runs fill A and B: original, A, B and the fold difference, linked
    await expect.poll(() => page.locator('section[data-test^="panel-"]').count()).toBe(4);
    const original = await waitForPaint(page, 'original', 1_000);
    const a = await waitForPaint(page, 'A', 1_000);
    await waitForPaint(page, 'B', 1_000);
    await waitForPaint(page, 'difference', 1_000);
    expect(a.painted).toBeGreaterThan(original.painted * 0.5);
    await expect.poll(() => text('[data-test="agreement-fraction"]')).toMatch(/^\d+\.\d\d % agree$/);
    expect(await text('[data-test="agreement-differ"]')).toMatch(/gates differ$/);
    // the corrected velocity is drawn differently from the folded original
    expect(
      differingFraction(await panelPixels(page, 'original', true), await panelPixels(page, 'A', true)),
    ).toBeGreaterThan(0.001);
    // hovering one panel shows the cursor's gate in every panel, with fold and region on the runs
    const box = (await page.locator('section[data-test="panel-A"] [data-test="sweep-canvas"]').boundingBox())!;
    const [x, y] = paintedPixel(await panelPixels(page, 'A', true));
    await page.mouse.move(box.x + x + 0.5, box.y + y + 0.5);
    expect(await text('[data-test="readout-value-A"]')).toMatch(/^A -?\d+\.\d\d m\/s \(fold [+-]?\d, region \d+\)$/);
    await page.mouse.move(5, 5);
    // zoomed in on the folded ring for the screenshot (all four panels follow), then back
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    await page.waitForTimeout(600);
    await screenshot(page, 'compare');
    await page.keyboard.press('0');
  });

  it('opens two runs selected in the history in the compare view', async () => {
    await page.locator('[data-test="toggle-layout"]').click();
    await expect.poll(() => page.locator('section[data-test^="panel-"]').count()).toBe(1);
    const boxes = page.locator('[data-test="history-select"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.locator('[data-test="compare-selected"]').click();
    await expect.poll(() => page.locator('section[data-test^="panel-"]').count()).toBe(4);
    // newest first: the sparse run was ticked first, so it is A
    expect(await page.locator('[data-test="panel-title"]').allInnerTexts()).toEqual([
      expect.stringContaining('VRADH'),
      'A · sparse',
      'B · fused',
      'Fold difference A − B',
    ]);
  });

  it('exports the run history as CSV', async () => {
    const target = join(outDir, 'runs.csv');
    await page.locator('[data-test="export-csv"]').click();
    await page.locator('[data-test="path-input"]').fill(target);
    await page.locator('[data-test="path-confirm"]').click();
    await expect
      .poll(() => page.locator('[data-test="notice"]').allInnerTexts())
      .toContainEqual(expect.stringContaining(`Run history written to ${target}`));
    const lines = readFileSync(target, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).join('\n')).toMatch(/fused[\s\S]*sparse|sparse[\s\S]*fused/);
  });

  it('exports the corrected volume and reopens the export', async () => {
    const target = join(outDir, 'KCRP.corrected.nc');
    await page.keyboard.press('e');
    await page.locator('[data-test="export-path"]').fill(target);
    await page.locator('[data-test="export-start"]').click();
    await expect.poll(() => text('[data-test="export-done"]'), { timeout: 120_000 }).toContain(target);
    expect(existsSync(target)).toBe(true);
    expect(statSync(target).size).toBeGreaterThan(100_000);
    await page.locator('[data-test="export-reopen"]').click();
    await expect.poll(() => text('[data-test="file-name"]'), { timeout: 30_000 }).toBe('KCRP.corrected.nc');
    // CfRadial keeps one field list for all sweeps: the dealiased sweep carries the corrected velocity
    expect(await page.locator('[data-test="sweep-list"] li').count()).toBe(12);
    await page.locator('[data-test="sweep-list"] li').nth(FOLDED_SWEEP).click();
    await page.locator('[data-test="field-VRADH_CORR"]').click();
    await expect.poll(() => text('[data-test="panel-title"]')).toContain('VRADH_CORR · sweep 8');
    const pixels = await waitForPaint(page, 'original', 1_000);
    expect(pixels.distinct).toBeGreaterThan(20);
    await screenshot(page, 'export-reopened');
    expect(errors).toEqual([]);
  });
});
