/**
 * The view driver with stand-in canvases (happy-dom has no canvas contexts): fitting PPI and RHI fields,
 * drawing through the canvas path, the reduced resolution while the view moves and its return to full
 * resolution when it stops.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fitField, ViewDriver } from '../../../renderer/src/render/view-driver';
import { toScreen } from '../../../renderer/src/render/view-transform';
import { syntheticField } from './fields';

interface FakeImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

function fakeCanvas() {
  const puts: FakeImage[] = [];
  const noop = (): void => undefined;
  const ctx = {
    createImageData: (w: number, h: number): FakeImage => ({
      width: w,
      height: h,
      data: new Uint8ClampedArray(w * h * 4),
    }),
    putImageData: (image: FakeImage) => puts.push(image),
    clearRect: noop,
    setTransform: noop,
    beginPath: noop,
    moveTo: noop,
    lineTo: noop,
    arc: noop,
    stroke: noop,
    fillText: noop,
    strokeText: noop,
  };
  const canvas = { width: 0, height: 0, getContext: (kind: string) => (kind === '2d' ? ctx : null) };
  return { canvas: canvas as unknown as HTMLCanvasElement, puts };
}

describe('fitField', () => {
  it('fits a PPI to its farthest gate and an RHI to ground range and height', () => {
    const ppi = fitField(syntheticField({ gates: 100, gateStep: 1000 }), 400, 400);
    expect(ppi.cx).toBe(0);
    // 100 km to the edge of a 400 px panel, with a small margin
    expect(toScreen(ppi, { x: 100, y: 0 }, 400, 400).px).toBeGreaterThan(390);
    expect(toScreen(ppi, { x: 100, y: 0 }, 400, 400).px).toBeLessThanOrEqual(400);
    const rhi = fitField(syntheticField({ geometry: 'rhi', rays: 30, angleStep: 1, gates: 60 }), 800, 400);
    const origin = toScreen(rhi, { x: 0, y: 0 }, 800, 400);
    expect(origin.px).toBeLessThan(40);
    expect(origin.py).toBeGreaterThan(360);
  });
});

describe('ViewDriver (canvas path)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('draws the field, at half resolution while the view moves and full resolution after', () => {
    const field = fakeCanvas();
    const fallback = fakeCanvas();
    const overlay = fakeCanvas();
    const driver = new ViewDriver(field.canvas, fallback.canvas, overlay.canvas, 'canvas');
    driver.resize(200, 100, 1);
    const ppi = syntheticField({ gates: 50 });
    driver.update({ field: ppi, transform: null, cursor: null, showOverlay: true });
    driver.draw();
    expect(driver.stats.renderer).toBe('canvas');
    expect(field.canvas.width).toBe(200);
    const first = field.puts.at(-1)!;
    expect(first.data.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);

    // a pan: the field layer drops to half resolution, the overlay stays sharp
    driver.update({ field: ppi, transform: { ...driver.transform(), cx: 5 }, cursor: null, showOverlay: true });
    driver.draw();
    expect([field.canvas.width, field.canvas.height]).toEqual([100, 50]);
    expect(overlay.canvas.width).toBe(200);
    expect(field.puts.at(-1)!.width).toBe(100);

    // 150 ms after the last change: full resolution again
    vi.advanceTimersByTime(200);
    driver.draw();
    expect(field.canvas.width).toBe(200);
    expect(field.puts.at(-1)!.width).toBe(200);
    expect(driver.stats.draws).toBe(3);
    driver.dispose();
  });

  it('keeps full resolution when asked to (benchmarks)', () => {
    const field = fakeCanvas();
    const driver = new ViewDriver(field.canvas, fakeCanvas().canvas, fakeCanvas().canvas, 'canvas', false, 1);
    driver.resize(200, 100, 1);
    const ppi = syntheticField({ gates: 50 });
    driver.update({ field: ppi, transform: null, cursor: null, showOverlay: false });
    driver.draw();
    driver.update({ field: ppi, transform: { ...driver.transform(), cx: 5 }, cursor: null, showOverlay: false });
    driver.draw();
    expect(field.canvas.width).toBe(200);
    expect(driver.timeRedraws(3)).toHaveLength(3);
    driver.dispose();
  });
});
