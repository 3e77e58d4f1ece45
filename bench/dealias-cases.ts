/**
 * The scoring cases of the dealias engine's opt-in options, shared by `npm run score:dealias`
 * (bench/dealias-score.ts) and the options tests: synthetic fields with a known truth, each built to
 * show one of Py-ART's defects, plus real reference sweeps re-folded at half their Nyquist (truth = the
 * Py-ART result at the original Nyquist). `scoreCase` runs the fused engine in a mode and returns the
 * % of gates with the true fold.
 */
import {
  DEFAULT_DEALIAS_PARAMS,
  shouldWrapRays,
  type DealiasParams,
  type NativeEngine,
  type SweepStats,
} from '../native/index';
import {
  PPI_360,
  foldField,
  foldVelocity,
  rankineVortex,
  scoreFolds,
  uniformWind,
  withGateFilter,
  type FoldScore,
  type FoldedField,
} from '../native/test-fields';
import type { ReferenceSweep } from '../test/unit/native/reference-sweeps';

export type ScoreMode =
  'parity' | 'fixOutOfRangeWidening' | 'includeUpperBound' | 'unfoldExcludedGates' | 'wrapFromGeometry' | 'all options';

export const SCORE_MODES: readonly ScoreMode[] = [
  'parity',
  'fixOutOfRangeWidening',
  'includeUpperBound',
  'unfoldExcludedGates',
  'wrapFromGeometry',
  'all options',
];

export interface ScoreCase {
  name: string;
  /** the option this case was built to exercise ('none' for plain fields) */
  targets: ScoreMode | 'none';
  field: FoldedField;
  scanType: 'ppi' | 'sector';
}

const VORTEX = {
  centreRangeM: 50_000,
  centreAzimuthDeg: 60,
  radiusM: 8_000,
  vmax: 40,
  backgroundSpeed: 12,
  backgroundTowardsDeg: 30,
};

/** Synthetic fields, one per defect (plus two plain ones). */
export function syntheticCases(): ScoreCase[] {
  const sector = { ...PPI_360, rays: 64, azimuthStartDeg: 30 };
  return [
    {
      name: 'uniform wind 28 m/s, Vn 10',
      targets: 'none',
      scanType: 'ppi',
      field: foldField(uniformWind(PPI_360, 28, 200), 10),
    },
    {
      name: 'Rankine vortex 40 m/s in a 12 m/s wind, Vn 12',
      targets: 'none',
      scanType: 'ppi',
      field: foldField(rankineVortex(PPI_360, VORTEX), 12),
    },
    {
      name: 'one-sided overshoot above +Vn (biased noise), wind 32 m/s, Vn 10',
      targets: 'fixOutOfRangeWidening',
      scanType: 'ppi',
      field: foldField(uniformWind(PPI_360, 32, 120), 10, { noise: 0.8, positiveNoiseOnly: true, seed: 3 }),
    },
    {
      name: '8-bit quantised vortex (levels include +Vn), Vn 8',
      targets: 'includeUpperBound',
      scanType: 'ppi',
      field: foldField(rankineVortex(PPI_360, { ...VORTEX, vmax: 30 }), 8, { quantise8bit: true }),
    },
    {
      name: 'vortex with 15 % of gates + a clutter patch filtered, Vn 12',
      targets: 'unfoldExcludedGates',
      scanType: 'ppi',
      field: withGateFilter(foldField(rankineVortex(PPI_360, VORTEX), 12), 0.15),
    },
    {
      // labelled 'ppi' as real sector scans are (the KaSACR file): Py-ART then links the first and last rays
      name: 'sector PPI labelled ppi, 64 rays over 64°, wind 40 m/s across the sector, Vn 10',
      targets: 'wrapFromGeometry',
      scanType: 'ppi',
      field: foldField(uniformWind(sector, 40, 150), 10),
    },
  ];
}

/** A real sweep as truth (Py-ART's dealiased velocity at its own Nyquist), re-folded at half the Nyquist. */
export function refoldedCase(s: ReferenceSweep, azimuthDeg?: Float32Array): ScoreCase {
  const nyquist = s.nyquist / 2;
  const cells = s.rays * s.gates;
  const truth = new Float32Array(cells);
  const observed = new Float32Array(cells);
  const trueFolds = new Int8Array(cells);
  for (let i = 0; i < cells; i++) {
    const ok = s.folds[i] !== -128 && Number.isFinite(s.velocity[i]!);
    truth[i] = ok ? s.velocity[i]! + 2 * s.nyquist * s.folds[i]! : Number.NaN;
    observed[i] = ok ? foldVelocity(truth[i]!, nyquist) : Number.NaN;
    trueFolds[i] = ok ? Math.round((truth[i]! - observed[i]!) / (2 * nyquist)) : 0;
  }
  const azimuths = azimuthDeg ?? Float32Array.from({ length: s.rays }, (_, i) => (i * 360) / s.rays);
  return {
    name: `${s.run} sweep ${s.sweep} re-folded at Vn ${nyquist.toFixed(2)}`,
    targets: 'none',
    scanType: 'ppi',
    field: {
      rays: s.rays,
      gates: s.gates,
      azimuthStartDeg: 0,
      azimuthStepDeg: 360 / s.rays,
      firstGateM: 0,
      gateSpacingM: 250,
      truth,
      azimuthDeg: azimuths,
      nyquist,
      observed,
      trueFolds,
    },
  };
}

export function modeParams(c: ScoreCase, mode: ScoreMode): DealiasParams {
  const all = mode === 'all options';
  return {
    ...DEFAULT_DEALIAS_PARAMS,
    raysWrapAround: shouldWrapRays(c.field.azimuthDeg, c.scanType, !(all || mode === 'wrapFromGeometry')),
    fixOutOfRangeWidening: all || mode === 'fixOutOfRangeWidening',
    includeUpperBound: all || mode === 'includeUpperBound',
    unfoldExcludedGates: all || mode === 'unfoldExcludedGates',
  };
}

export function scoreCase(engine: NativeEngine, c: ScoreCase, mode: ScoreMode): FoldScore & { stats: SweepStats } {
  const cells = c.field.rays * c.field.gates;
  const out = { corrected: new Float32Array(cells), folds: new Int8Array(cells), regions: new Int32Array(cells) };
  const stats = engine.dealiasSweep(
    {
      velocity: c.field.observed,
      rays: c.field.rays,
      gates: c.field.gates,
      nyquist: c.field.nyquist,
      ...(c.field.excluded ? { excluded: c.field.excluded } : {}),
    },
    modeParams(c, mode),
    'fused',
    out,
  );
  return { ...scoreFolds(c.field, out.corrected, out.folds), stats };
}
