/**
 * Comparing two runs: agreement statistics by fold difference, and the derived fields.
 */
import { describe, expect, it } from 'vitest';
import type { RunSweepData } from '../../../common/api';
import {
  agreementStats,
  foldDifferenceField,
  foldMapField,
  velocityDifferenceField,
} from '../../../renderer/src/render/compare';

function run(runId: string, corrected: number[], folds: number[]): RunSweepData {
  return {
    runId,
    sweep: 3,
    rays: 2,
    gates: corrected.length / 2,
    corrected: Float32Array.from(corrected),
    folds: Int8Array.from(folds),
    regions: new Int32Array(corrected.length),
  };
}

const base = {
  geometry: 'ppi' as const,
  range: Float32Array.from([1000, 2000, 3000]),
  azimuth: Float32Array.from([0, 180]),
  elevation: Float32Array.from([0.5, 0.5]),
  nyquist: 10,
};

describe('compare', () => {
  const a = run('a', [1, 21, 41, NaN, 5, 6], [0, 1, 2, 0, 0, 0]);
  const b = run('b', [1, 1, 21, 7, NaN, -14], [0, 0, 1, 0, 0, -1]);

  it('counts agreement, differing gates and gates valid in one run only', () => {
    const s = agreementStats(a, b);
    expect(s.bothValid).toBe(4);
    expect(s.onlyA).toBe(1);
    expect(s.onlyB).toBe(1);
    expect(s.differ).toBe(3);
    expect(s.byFoldDifference).toEqual([{ difference: 1, gates: 3 }]);
    expect(s.agreement).toBeCloseTo(0.25, 12);
  });

  it('refuses runs of different shapes', () => {
    expect(() => agreementStats(a, run('c', [1, 2], [0, 0]))).toThrow(/different shapes/);
  });

  it('builds fold, fold-difference and velocity-difference fields', () => {
    const folds = foldMapField(a, base, 'A folds');
    expect(Array.from(folds.data).map((v) => (Number.isNaN(v) ? null : v))).toEqual([0, 1, 2, null, 0, 0]);
    expect(folds.scale.table).toBe('fold');
    const fd = foldDifferenceField(a, b, base, 'A − B');
    expect(Array.from(fd.data).map((v) => (Number.isNaN(v) ? null : v))).toEqual([0, 1, 1, null, null, 1]);
    const vd = velocityDifferenceField(a, b, base, 'A − B');
    expect(vd.data[1]).toBe(20);
    expect(vd.scale).toMatchObject({ table: 'velocity', min: -20, max: 20 });
  });
});
