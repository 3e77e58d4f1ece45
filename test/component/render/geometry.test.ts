/**
 * Beam geometry against closed forms: the 4/3-earth beam height (r² / 2Re at 0°), the ground-range
 * inverse, the RHI inverse, great-circle destinations.
 */
import { describe, expect, it } from 'vitest';
import {
  angleDifference,
  azimuthOf,
  beamHeight,
  destination,
  EFFECTIVE_RADIUS_M,
  groundRange,
  ppiPolar,
  rhiPolar,
  slantRangeFromGround,
} from '../../../renderer/src/render/geometry';

describe('beam geometry', () => {
  it('beam height at 0° elevation is about r² / (2 Re)', () => {
    const r = 100_000;
    expect(beamHeight(r, 0)).toBeCloseTo((r * r) / (2 * EFFECTIVE_RADIUS_M), 0);
    expect(beamHeight(0, 10)).toBe(0);
    // 10° at 30 km: mostly r sin θ plus the curvature term
    expect(beamHeight(30_000, 10)).toBeGreaterThan(30_000 * Math.sin(Math.PI / 18));
  });

  it('slantRangeFromGround inverts groundRange', () => {
    for (const elevation of [0.5, 2.4, 6.4, 19.5]) {
      for (const r of [1_000, 50_000, 230_000, 460_000]) {
        expect(slantRangeFromGround(groundRange(r, elevation), elevation)).toBeCloseTo(r, 3);
      }
    }
  });

  it('rhiPolar inverts (ground range, beam height)', () => {
    for (const elevation of [-0.7, 3, 45, 70]) {
      const r = 35_000;
      const p = rhiPolar(groundRange(r, elevation), beamHeight(r, elevation));
      expect(p.range).toBeCloseTo(r, 3);
      expect(angleDifference(p.angle, elevation)).toBeCloseTo(0, 6);
    }
  });

  it('ppiPolar gives azimuth clockwise from north', () => {
    expect(azimuthOf(0, 1)).toBe(0);
    expect(azimuthOf(1, 0)).toBe(90);
    expect(azimuthOf(0, -1)).toBe(180);
    expect(azimuthOf(-1, 0)).toBe(270);
    expect(ppiPolar(3000, 4000, 0).range).toBeGreaterThan(5000);
    expect(ppiPolar(3000, 4000, 0).range).toBeLessThan(5000.01);
  });

  it('destination: one degree of latitude is 111.19 km north', () => {
    const p = destination(27.78, -97.51, 0, 111_195);
    expect(p.lat).toBeCloseTo(28.78, 3);
    expect(p.lon).toBeCloseTo(-97.51, 6);
    const east = destination(0, 179.9, 90, 22_239);
    expect(east.lon).toBeCloseTo(-179.9, 3);
  });

  it('angleDifference folds into (−180, 180]', () => {
    expect(angleDifference(359, 1)).toBe(-2);
    expect(angleDifference(1, 359)).toBe(2);
    expect(angleDifference(180, 0)).toBe(180);
  });
});
