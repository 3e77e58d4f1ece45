/**
 * View transform: fitting, screen ↔ world round trips, zoom about the cursor, pan, device mapping.
 */
import { describe, expect, it } from 'vitest';
import {
  deviceMapping,
  fitPpi,
  fitRhi,
  panBy,
  toScreen,
  toWorld,
  visibleBounds,
  zoomAt,
} from '../../../renderer/src/render/view-transform';

describe('view transform', () => {
  it('fits the whole PPI circle in the panel', () => {
    const t = fitPpi(460, 800, 600);
    const b = visibleBounds(t, 800, 600);
    expect(b.yMax).toBeGreaterThan(460);
    expect(b.yMin).toBeLessThan(-460);
    expect(b.yMax).toBeLessThan(480);
    expect(t.exaggeration).toBe(1);
  });

  it('fits an RHI with the radar near the bottom-left and exaggerates height', () => {
    const t = fitRhi(60, 15, 800, 400);
    const origin = toScreen(t, { x: 0, y: 0 }, 800, 400);
    expect(origin.px).toBeGreaterThan(0);
    expect(origin.px).toBeLessThan(40);
    expect(origin.py).toBeLessThan(400);
    expect(origin.py).toBeGreaterThan(360);
    const top = toScreen(t, { x: 60, y: 15 }, 800, 400);
    expect(top.px).toBeLessThanOrEqual(800);
    expect(top.py).toBeGreaterThanOrEqual(0);
    expect(t.exaggeration).toBeGreaterThan(1);
  });

  it('round-trips screen and world coordinates', () => {
    const t = { cx: 12, cy: -7, scale: 3.5, exaggeration: 2 };
    const w = toWorld(t, 123, 456, 640, 480);
    const s = toScreen(t, w, 640, 480);
    expect(s.px).toBeCloseTo(123, 9);
    expect(s.py).toBeCloseTo(456, 9);
  });

  it('zooms about the cursor: the point under it stays put', () => {
    const t = fitPpi(230, 800, 800);
    const before = toWorld(t, 600, 200, 800, 800);
    const z = zoomAt(t, 2.5, 600, 200, 800, 800);
    expect(z.scale).toBeCloseTo(t.scale * 2.5, 12);
    const after = toWorld(z, 600, 200, 800, 800);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('pans with the drag: content follows the pointer', () => {
    const t = fitPpi(100, 500, 500);
    const p = panBy(t, 50, -20);
    const s = toScreen(p, { x: 0, y: 0 }, 500, 500);
    expect(s.px).toBeCloseTo(300, 9);
    expect(s.py).toBeCloseTo(230, 9);
  });

  it('maps device pixels to world km, honouring the pixel ratio', () => {
    const t = { cx: 0, cy: 0, scale: 2, exaggeration: 1 };
    const m = deviceMapping(t, 100, 100, 2);
    expect(m.kmPerPxX).toBe(0.25);
    // centre of device pixel (99, 99) is the centre of CSS pixel (49.75, 49.75)
    expect(m.originX + 99.5 * m.kmPerPxX).toBeCloseTo(toWorld(t, 49.75, 49.75, 100, 100).x, 12);
    expect(m.originY - 99.5 * m.kmPerPxY).toBeCloseTo(toWorld(t, 49.75, 49.75, 100, 100).y, 12);
  });
});
