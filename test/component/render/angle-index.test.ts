/**
 * Angle tables and gate lookups: each angle maps to its nearest ray within 0.75 × the ray spacing, gaps
 * stay empty, the table wraps through north, and gates are found on uniform and non-uniform grids.
 */
import { describe, expect, it } from 'vitest';
import { buildWedges, gateAt, gateSpacing, medianSpacing, rayAt } from '../../../renderer/src/render/angle-index';

describe('ray wedges', () => {
  it('maps each angle to the nearest ray of a full circle', () => {
    const azimuth = Float32Array.from({ length: 720 }, (_, i) => i * 0.5 + 0.25);
    const wedges = buildWedges(azimuth);
    expect(rayAt(wedges, 10.3)).toBe(20);
    expect(rayAt(wedges, 10.49)).toBe(20);
    expect(rayAt(wedges, 10.51)).toBe(21);
    expect(rayAt(wedges, 359.99)).toBe(719);
    expect(rayAt(wedges, 0.01)).toBe(0);
    expect(rayAt(wedges, -0.2)).toBe(719);
    // the wedges tile the circle without gaps or overlaps
    expect(wedges.count).toBe(720);
    let covered = 0;
    for (let i = 0; i < wedges.count; i++) {
      covered += wedges.hi[i]! - wedges.lo[i]!;
      if (i > 0) expect(wedges.lo[i]).toBeCloseTo(wedges.hi[i - 1]!, 9);
    }
    expect(covered).toBeCloseTo(360, 9);
  });

  it('leaves gaps outside a sector empty', () => {
    const azimuth = Float32Array.from({ length: 90 }, (_, i) => 45 + i);
    const wedges = buildWedges(azimuth);
    expect(rayAt(wedges, 60.2)).toBe(15);
    expect(rayAt(wedges, 44.3)).toBe(0);
    expect(rayAt(wedges, 44.2)).toBe(-1); // 0.75 × 1° beyond the first ray
    expect(rayAt(wedges, 134.7)).toBe(89);
    expect(rayAt(wedges, 134.8)).toBe(-1);
    expect(rayAt(wedges, 180)).toBe(-1);
  });

  it('handles unsorted rays crossing north and ignores NaN', () => {
    const azimuth = Float32Array.from([358, 359, NaN, 0, 1, 2]);
    const wedges = buildWedges(azimuth);
    expect(rayAt(wedges, 359.6)).toBe(3);
    expect(rayAt(wedges, 0.4)).toBe(3);
    expect(rayAt(wedges, 358.2)).toBe(0);
    expect(Array.from(wedges.ray).includes(2)).toBe(false);
    // the wedge of the ray at 0° is split across north
    expect(Array.from(wedges.ray).filter((r) => r === 3)).toHaveLength(2);
  });

  it('computes the median spacing', () => {
    expect(medianSpacing([0, 1, 2, 3.5], false)).toBe(1);
    expect(medianSpacing([10], true)).toBe(1); // one ray: spacing unknown
  });
});

describe('gate lookup', () => {
  it('finds gates on a uniform grid', () => {
    const s = gateSpacing(Float32Array.from({ length: 1832 }, (_, i) => 2125 + 250 * i));
    expect(s.uniform).toBe(true);
    expect(s.firstEdge).toBe(2000);
    expect(gateAt(s, 1999)).toBe(-1);
    expect(gateAt(s, 2000)).toBe(0);
    expect(gateAt(s, 2249.9)).toBe(0);
    expect(gateAt(s, 2250)).toBe(1);
    expect(gateAt(s, 2125 + 250 * 1831 + 124)).toBe(1831);
    expect(gateAt(s, 2125 + 250 * 1831 + 126)).toBe(-1);
  });

  it('finds gates on a non-uniform grid by their edges', () => {
    const s = gateSpacing(Float32Array.from([100, 200, 400, 800]));
    expect(s.uniform).toBe(false);
    expect(gateAt(s, 149)).toBe(0);
    expect(gateAt(s, 151)).toBe(1);
    expect(gateAt(s, 299)).toBe(1);
    expect(gateAt(s, 301)).toBe(2);
    expect(gateAt(s, 700)).toBe(3);
    expect(gateAt(s, 999)).toBe(3);
    expect(gateAt(s, 1001)).toBe(-1);
  });
});
