/**
 * Overlay planning: range rings at nice km steps with labels, spokes every 30°, RHI grid lines.
 */
import { describe, expect, it } from 'vitest';
import { ppiOverlay, rhiOverlay } from '../../../renderer/src/render/overlay';
import { fitPpi, fitRhi, zoomAt } from '../../../renderer/src/render/view-transform';

describe('overlay', () => {
  it('draws rings every 50 km on a 230 km PPI, with km labels and 12 spokes', () => {
    const t = fitPpi(230, 800, 800);
    const plan = ppiOverlay(t, 800, 800, 230);
    expect(plan.circles.map((c) => Math.round(c.r / t.scale))).toEqual([50, 100, 150, 200]);
    expect(plan.labels.filter((l) => l.text.endsWith(' km')).map((l) => l.text)).toEqual([
      '50 km',
      '100 km',
      '150 km',
      '200 km',
    ]);
    expect(plan.lines).toHaveLength(12);
    expect(plan.labels.some((l) => l.text === '90°')).toBe(true);
  });

  it('uses finer rings when zoomed in and drops rings outside the view', () => {
    const t = zoomAt(fitPpi(230, 800, 800), 20, 700, 400, 800, 800);
    const plan = ppiOverlay(t, 800, 800, 230);
    const radii = plan.circles.map((c) => c.r / t.scale);
    expect(radii.length).toBeGreaterThan(0);
    expect(radii.every((r) => r > 150 && r < 230)).toBe(true);
  });

  it('draws a ground-range and height grid for an RHI', () => {
    const t = fitRhi(40, 12, 800, 400);
    const plan = rhiOverlay(t, 800, 400);
    expect(plan.labels.some((l) => l.text === '10 km')).toBe(true);
    expect(plan.labels.some((l) => l.text === '0 km')).toBe(true);
    expect(plan.circles).toHaveLength(0);
  });
});
