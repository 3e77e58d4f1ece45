/**
 * Unfold's opt-in improvements over Py-ART, each scored on truth: synthetic fields built to show one
 * Py-ART defect each (bench/dealias-cases.ts) must go from wrong folds in parity mode to the true folds
 * with the option, plain fields must stay perfect in every mode, and on real sweeps the options must
 * fix exactly the gates the reference runs document (KLIX's one-sided outliers, SIGMET gates at +Vn) and
 * nothing else. shouldWrapRays: Py-ART's rule and the geometric rule, including the real KaSACR scan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import { loadNativeEngine, shouldWrapRays, type NativeEngine } from '../../../native/index';
import { SCORE_MODES, scoreCase, syntheticCases, type ScoreCase } from '../../../bench/dealias-cases';
import { radarFile } from '../../support/radar-data';
import { compareFolds, runSweep } from './parity-util';
import { allReferenceRuns, sweepsOf, type ReferenceSweep } from './reference-sweeps';

let engine: NativeEngine;
let cases: ScoreCase[];
let sweepsByRun: Map<string, ReferenceSweep[]>;
beforeAll(() => {
  engine = loadNativeEngine();
  cases = syntheticCases();
  sweepsByRun = new Map(allReferenceRuns().map((r) => [r.name, sweepsOf(r)]));
});

const sweep = (run: string, index: number): ReferenceSweep => sweepsByRun.get(run)!.find((s) => s.sweep === index)!;

describe('options scored on synthetic truth', () => {
  for (const target of [
    'fixOutOfRangeWidening',
    'includeUpperBound',
    'unfoldExcludedGates',
    'wrapFromGeometry',
  ] as const) {
    it(`${target} turns Py-ART's wrong folds into the true folds on the field built for it`, () => {
      const c = cases.find((k) => k.targets === target)!;
      const parity = scoreCase(engine, c, 'parity');
      const fixed = scoreCase(engine, c, target);
      const all = scoreCase(engine, c, 'all options');
      console.log(`${c.name}: parity ${parity.percent.toFixed(3)} %, ${target} ${fixed.percent.toFixed(3)} %`);
      expect(parity.percent).toBeLessThan(100);
      expect(fixed.percent).toBe(100);
      expect(all.percent).toBe(100);
    });
  }

  it('plain fields (uniform wind, Rankine vortex) stay perfect in every mode', () => {
    for (const c of cases.filter((k) => k.targets === 'none')) {
      for (const mode of SCORE_MODES) expect(scoreCase(engine, c, mode).percent, `${c.name} ${mode}`).toBe(100);
    }
  });

  it('unfoldExcludedGates gives every excluded-but-finite gate a value consistent with its fold', () => {
    const c = cases.find((k) => k.targets === 'unfoldExcludedGates')!;
    const excluded = c.field.excluded!.reduce((n, e) => n + e, 0);
    const { stats } = scoreCase(engine, c, 'unfoldExcludedGates');
    expect(stats.filledGates).toBe(excluded);
    expect(scoreCase(engine, c, 'parity').stats.filledGates).toBe(0);
  });
});

describe('options on real sweeps', () => {
  it('fixOutOfRangeWidening labels the two KLIX sweep 9 gates at -27.5 m/s that Py-ART leaves in no region', () => {
    const s = sweep('KLIX20050828_180149', 9);
    const parity = runSweep(engine, s, 'fused');
    const fixed = runSweep(engine, s, 'fused', { fixOutOfRangeWidening: true });
    expect(parity.stats.unlabelledValidGates).toBe(2);
    expect(fixed.stats.unlabelledValidGates).toBe(0);
    // Widened below -Vn (where the outliers are) instead of above +Vn.
    expect(fixed.stats.intervalLimits[0]!).toBeLessThan(-s.nyquist);
    expect(fixed.stats.intervalLimits.at(-1)!).toBeCloseTo(s.nyquist, 4);
  });

  it('includeUpperBound gives the SIGMET gates exactly at +Vn a region (cor-main)', () => {
    for (const s of sweepsByRun.get('cor-main131125105503.RAW2049')!) {
      const parity = runSweep(engine, s, 'fused');
      const atTop = parity.stats.warnings.find((w) => w.code === 'upper-bound-gates')?.gates ?? 0;
      expect(atTop).toBe(parity.stats.unlabelledValidGates);
      const fixed = runSweep(engine, s, 'fused', { includeUpperBound: true });
      expect(fixed.stats.unlabelledValidGates).toBe(0);
    }
  });

  it('each option leaves a sweep without its defect exactly as Py-ART has it (KLBB sweep 3)', () => {
    const s = sweep('KLBB20160601_150025_V06', 3);
    for (const option of ['fixOutOfRangeWidening', 'includeUpperBound', 'unfoldExcludedGates'] as const) {
      const cmp = compareFolds(s, runSweep(engine, s, 'fused', { [option]: true }), option);
      expect(cmp.mismatches + cmp.valueMismatches, cmp.firstMismatch ?? '').toBe(0);
    }
  });
});

describe('shouldWrapRays', () => {
  const ring = (n: number, start: number, step: number) =>
    Float32Array.from({ length: n }, (_, i) => (((start + i * step) % 360) + 360) % 360);

  it("Py-ART's rule: PPI wraps, everything else does not", () => {
    expect(shouldWrapRays(ring(10, 0, 5), 'ppi', true)).toBe(true);
    for (const t of ['rhi', 'sector', 'vpt', 'other'] as const)
      expect(shouldWrapRays(ring(720, 0, 0.5), t, true)).toBe(false);
  });

  it('the geometric rule wraps one full revolution only', () => {
    expect(shouldWrapRays(ring(720, 0.25, 0.5), 'ppi', false)).toBe(true);
    expect(shouldWrapRays(ring(360, 359.5, -1), 'ppi', false)).toBe(true); // counter-clockwise
    expect(shouldWrapRays(ring(90, 30, 1), 'sector', false)).toBe(false);
    expect(shouldWrapRays(ring(300, 30, 1), 'ppi', false)).toBe(false); // 300° sector labelled PPI
    expect(shouldWrapRays(ring(124, 100, 11.9), 'ppi', false)).toBe(false); // four revolutions
    expect(shouldWrapRays(ring(720, 0, 0.5), 'rhi', false)).toBe(false);
  });

  it("the KaSACR scan (two revolutions at 11.9° per ray) does not wrap, giving Py-ART's rays_wrap_around=False folds", async () => {
    const volume = await openVolume(await radarFile('houkasacrcfrM1.a1.20210922.150006.classic.nc'));
    const azimuth = (await volume.readGeometry(0)).azimuth;
    volume.close();
    expect(shouldWrapRays(azimuth, 'ppi', true)).toBe(true);
    const wrap = shouldWrapRays(azimuth, 'ppi', false);
    expect(wrap).toBe(false);
    const noWrap = sweepsByRun.get('houkasacrcfrM1.a1.20210922.150006.nowrap')![0]!;
    const cmp = compareFolds(noWrap, runSweep(engine, noWrap, 'fused', { raysWrapAround: wrap }), 'fused');
    expect(cmp.mismatches + cmp.valueMismatches).toBe(0);
    // and it is a real change: the wrapped (Py-ART default) run differs from it
    const wrapped = sweepsByRun.get('houkasacrcfrM1.a1.20210922.150006')![0]!;
    expect(
      compareFolds(wrapped, runSweep(engine, wrapped, 'fused', { raysWrapAround: wrap }), 'fused').mismatches,
    ).toBeGreaterThan(0);
  });
});
