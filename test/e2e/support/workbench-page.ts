/**
 * Helpers for the workbench end-to-end tests: read the pixels a sweep panel drew (its WebGL and 2D field
 * layers composited in the page), wait for a panel to have drawn, save screenshots, and drop a file on
 * the page the way a user's drag and drop would.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

// The page.evaluate callbacks below run in Chromium. The Node typecheck has no DOM library, so they are
// typed against these module-local shapes (declared here, not globally).
interface InPageContext {
  drawImage(source: InPageCanvas, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
interface InPageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): InPageContext | null;
}
interface InPageElement {
  querySelectorAll(selector: string): Iterable<InPageCanvas>;
}
declare const document: {
  querySelector(selector: string): InPageElement | null;
  createElement(tag: 'canvas'): InPageCanvas;
};
declare class DataTransfer {
  items: { add(file: File): void };
}

export const SCREENSHOT_DIR = resolve(__dirname, '../../../test-results/screenshots');

export interface PanelPixels {
  width: number;
  height: number;
  /** pixels with alpha > 0 (gates drawn) */
  painted: number;
  /** distinct RGB colours among painted pixels */
  distinct: number;
  /** RGBA bytes, base64 (only when asked for) */
  rgba?: string;
}

/** Composite the field layers of a panel (`role`: original, A, B, difference) and measure them. */
export async function panelPixels(page: Page, role: string, withBytes = false): Promise<PanelPixels> {
  return page.evaluate(
    ({ role, withBytes }) => {
      const panel = document.querySelector(`section[data-test="panel-${role}"]`);
      if (!panel) throw new Error(`no panel ${role}`);
      const layers = [...panel.querySelectorAll('canvas[data-test="field-layer"], canvas[data-test="fallback-layer"]')];
      const first = layers[0]!;
      const out = document.createElement('canvas');
      out.width = first.width;
      out.height = first.height;
      const ctx = out.getContext('2d')!;
      for (const layer of layers) ctx.drawImage(layer, 0, 0);
      const data = ctx.getImageData(0, 0, out.width, out.height).data;
      let painted = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 0) {
          painted++;
          colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        }
      }
      let rgba: string | undefined;
      if (withBytes) {
        let binary = '';
        for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
        rgba = btoa(binary);
      }
      return { width: out.width, height: out.height, painted, distinct: colours.size, ...(rgba ? { rgba } : {}) };
    },
    { role, withBytes },
  );
}

/** Wait until a panel has drawn gates (at least `min` painted pixels). */
export async function waitForPaint(page: Page, role: string, min = 1000, timeout = 30_000): Promise<PanelPixels> {
  const started = Date.now();
  let last: PanelPixels | null = null;
  while (Date.now() - started < timeout) {
    last = await panelPixels(page, role).catch(() => null);
    if (last && last.painted >= min) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`panel ${role} did not draw ${min} pixels within ${timeout} ms (last: ${JSON.stringify(last)})`);
}

/** Fraction of pixels whose RGBA differ between two same-sized captures. */
export function differingFraction(a: PanelPixels, b: PanelPixels): number {
  if (!a.rgba || !b.rgba || a.width !== b.width || a.height !== b.height) throw new Error('captures differ in size');
  const x = Buffer.from(a.rgba, 'base64');
  const y = Buffer.from(b.rgba, 'base64');
  let differ = 0;
  for (let i = 0; i < x.length; i += 4) {
    if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2] || x[i + 3] !== y[i + 3]) differ++;
  }
  return differ / (x.length / 4);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Drop a file from disk onto the page (a DataTransfer carrying a File, as a user's drag and drop). */
export async function dropFile(page: Page, path: string): Promise<void> {
  const base64 = readFileSync(path).toString('base64');
  const transfer = await page.evaluateHandle(
    ({ base64, name }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      return dt;
    },
    { base64, name: basename(path) },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
}
