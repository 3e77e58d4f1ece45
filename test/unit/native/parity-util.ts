/**
 * Helpers of the parity tests: run one variant on one reference sweep and compare its folds with
 * Py-ART's, reporting the first differing gate.
 */
import type { EngineVariant, NativeEngine, SweepStats } from '../../../native/index';
import type { ReferenceSweep } from './reference-sweeps';

export interface SweepRun {
  corrected: Float32Array;
  folds: Int8Array;
  regions: Int32Array;
  stats: SweepStats;
}

export function runSweep(
  engine: NativeEngine,
  s: ReferenceSweep,
  variant: EngineVariant,
  overrides: Partial<ReferenceSweep['params']> = {},
): SweepRun {
  const cells = s.rays * s.gates;
  const out = { corrected: new Float32Array(cells), folds: new Int8Array(cells), regions: new Int32Array(cells) };
  const stats = engine.dealiasSweep(
    { velocity: s.velocity, rays: s.rays, gates: s.gates, nyquist: s.nyquist },
    { ...s.params, ...overrides },
    variant,
    out,
  );
  return { ...out, stats };
}

export interface FoldComparison {
  compared: number;
  mismatches: number;
  /** gate indices (within the sweep) whose fold differs from Py-ART's */
  mismatchGates: number[];
  /** gates where "has a value" differs: reference -128 vs finite output or the reverse */
  valueMismatches: number;
  firstMismatch: string | null;
}

export function compareFolds(s: ReferenceSweep, run: SweepRun, variant: string): FoldComparison {
  const result: FoldComparison = {
    compared: 0,
    mismatches: 0,
    mismatchGates: [],
    valueMismatches: 0,
    firstMismatch: null,
  };
  for (let i = 0; i < s.folds.length; i++) {
    const ref = s.folds[i]!;
    const hasValue = Number.isFinite(run.corrected[i]!);
    if ((ref !== -128) !== hasValue) {
      result.valueMismatches++;
      result.firstMismatch ??= `${s.run} sweep ${s.sweep} ${variant}: gate (ray ${Math.floor(i / s.gates)}, gate ${
        i % s.gates
      }) reference ${ref === -128 ? 'has no value' : 'has a value'}, engine ${hasValue ? 'has a value' : 'has none'}`;
      continue;
    }
    if (ref === -128) continue;
    result.compared++;
    if (run.folds[i] !== ref) {
      result.mismatches++;
      result.mismatchGates.push(i);
      result.firstMismatch ??= `${s.run} sweep ${s.sweep} ${variant}: first differing gate (ray ${Math.floor(
        i / s.gates,
      )}, gate ${i % s.gates}): Py-ART fold ${ref}, engine fold ${run.folds[i]} (velocity ${s.velocity[i]} m/s)`;
    }
  }
  return result;
}
