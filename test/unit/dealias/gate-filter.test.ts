/**
 * Gate filters match other moments to the velocity gates by range, as NEXRAD needs: message 31 REF has
 * 1832 gates and VEL 1192 at the same 250 m spacing from 2125 m; legacy message 1 REF has 1 km gates and
 * VEL 250 m gates from -375 m (data README).
 */
import { describe, expect, it } from 'vitest';
import type { SweepField } from '../../../common/volume';
import { buildGateFilter, matchGatesByRange } from '../../../main/dealias/gate-filter';

const ranges = (first: number, spacing: number, count: number): Float32Array =>
  Float32Array.from({ length: count }, (_, i) => first + i * spacing);

function field(
  moment: string,
  range: Float32Array,
  rays: number,
  value: (ray: number, gate: number) => number,
): SweepField {
  const data = new Float32Array(rays * range.length);
  for (let r = 0; r < rays; r++) for (let g = 0; g < range.length; g++) data[r * range.length + g] = value(r, g);
  return { moment, sourceName: moment, rays, gates: range.length, range, data, units: '' };
}

describe('matchGatesByRange', () => {
  it('maps same-spacing moments gate for gate', () => {
    const match = matchGatesByRange(ranges(2125, 250, 1192), ranges(2125, 250, 1832));
    expect(match[0]).toBe(0);
    expect(match[1191]).toBe(1191);
  });

  it('maps 250 m velocity gates onto the nearest 1 km reflectivity gate, and none beyond its ends', () => {
    const velocity = ranges(-375, 250, 920);
    const reflectivity = ranges(500, 1000, 460);
    const match = matchGatesByRange(velocity, reflectivity);
    expect(match[0]).toBe(-1); // -375 m is before the first reflectivity gate's half-width
    expect(match[velocity.findIndex((r) => r === 1125)]).toBe(1); // nearest centre: 1500 m (375 m away), not 500 m
    expect(match[velocity.findIndex((r) => r === 375)]).toBe(0); // 375 m lies in the first 1 km gate (0–1000 m)
  });
});

describe('buildGateFilter', () => {
  const velocity = field('VRADH', ranges(125, 250, 4), 2, () => 5);
  const ncp = field('NCP', ranges(125, 250, 4), 2, (_r, g) => [0.9, 0.2, NaN, 0.5][g]!);

  it('excludes nothing without thresholds', () => {
    expect(buildGateFilter(undefined, velocity, new Map()).excluded).toBeUndefined();
  });

  it('excludes gates outside the range or missing in the thresholded moment', () => {
    const result = buildGateFilter({ thresholds: [{ moment: 'NCP', min: 0.3 }] }, velocity, new Map([['NCP', ncp]]));
    expect(Array.from(result.excluded!)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
    expect(result.excludedCount).toBe(4);
  });

  it('skips a threshold on a moment the sweep lacks, with a warning', () => {
    const result = buildGateFilter({ thresholds: [{ moment: 'SQIH', min: 0.5 }] }, velocity, new Map());
    expect(result.excludedCount).toBe(0);
    expect(result.warnings[0]).toContain('no SQIH');
  });

  it('excludes noisy gates by velocity texture', () => {
    const noisy = field('VRADH', ranges(125, 250, 6), 1, (_r, g) => [1, 1.2, 0.9, 14, -12, 13][g]!);
    const result = buildGateFilter({ thresholds: [], maxVelocityTexture: 3 }, noisy, new Map());
    expect(Array.from(result.excluded!)).toEqual([0, 0, 1, 1, 1, 1]);
  });
});
