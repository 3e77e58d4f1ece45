/**
 * Comparing two dealias results of the same sweep: agreement statistics (gates that differ, and by how
 * many folds) and the derived fields of the compare view (fold map of one run, fold difference A − B,
 * velocity difference A − B in m/s). Pure functions over the typed arrays of RunSweepData.
 */
import type { RunSweepData } from '../../../common/api';
import { FOLD_SCALE, velocityScale } from './colour-scale';
import type { RasterField } from './raster-field';

export interface AgreementStats {
  /** gates with a corrected value in both runs */
  bothValid: number;
  onlyA: number;
  onlyB: number;
  /** gates valid in both whose fold numbers differ */
  differ: number;
  /** signed fold difference A − B → gate count, for differing gates, sorted by difference */
  byFoldDifference: { difference: number; gates: number }[];
  /** 1 − differ / bothValid (1 when nothing is valid) */
  agreement: number;
}

export function sameShape(a: RunSweepData, b: RunSweepData): boolean {
  return a.rays === b.rays && a.gates === b.gates && a.corrected.length === b.corrected.length;
}

export function agreementStats(a: RunSweepData, b: RunSweepData): AgreementStats {
  if (!sameShape(a, b))
    throw new Error(`the runs have different shapes (${a.rays}×${a.gates} and ${b.rays}×${b.gates})`);
  let bothValid = 0;
  let onlyA = 0;
  let onlyB = 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < a.corrected.length; i++) {
    const va = a.corrected[i]! === a.corrected[i]!;
    const vb = b.corrected[i]! === b.corrected[i]!;
    if (va && vb) {
      bothValid++;
      const d = a.folds[i]! - b.folds[i]!;
      if (d !== 0) counts.set(d, (counts.get(d) ?? 0) + 1);
    } else if (va) onlyA++;
    else if (vb) onlyB++;
  }
  const byFoldDifference = [...counts.entries()]
    .map(([difference, gates]) => ({ difference, gates }))
    .sort((p, q) => p.difference - q.difference);
  const differ = byFoldDifference.reduce((s, e) => s + e.gates, 0);
  return { bothValid, onlyA, onlyB, differ, byFoldDifference, agreement: bothValid ? 1 - differ / bothValid : 1 };
}

type Geometry = Pick<RasterField, 'geometry' | 'range' | 'azimuth' | 'elevation' | 'nyquist'>;

/** The fold numbers of one run as a field (missing where the run has no corrected value). */
export function foldMapField(run: RunSweepData, base: Geometry, title: string): RasterField {
  const data = new Float32Array(run.folds.length);
  for (let i = 0; i < data.length; i++) data[i] = run.corrected[i]! === run.corrected[i]! ? run.folds[i]! : NaN;
  return {
    ...base,
    key: `folds/${run.runId}/${run.sweep}`,
    title,
    rays: run.rays,
    gates: run.gates,
    data,
    scale: FOLD_SCALE,
    quantity: 'fold',
    folds: run.folds,
    regions: run.regions,
  };
}

/** Fold difference A − B where both are valid; integers drawn with the fold table. */
export function foldDifferenceField(a: RunSweepData, b: RunSweepData, base: Geometry, title: string): RasterField {
  if (!sameShape(a, b)) throw new Error('the runs have different shapes');
  const data = new Float32Array(a.folds.length);
  const diff = new Int8Array(a.folds.length);
  for (let i = 0; i < data.length; i++) {
    const valid = a.corrected[i]! === a.corrected[i]! && b.corrected[i]! === b.corrected[i]!;
    const d = a.folds[i]! - b.folds[i]!;
    diff[i] = d;
    data[i] = valid ? d : NaN;
  }
  return {
    ...base,
    key: `fold-diff/${a.runId}/${b.runId}/${a.sweep}`,
    title,
    rays: a.rays,
    gates: a.gates,
    data,
    scale: FOLD_SCALE,
    quantity: 'fold A − B',
    foldDifference: diff,
  };
}

/** Velocity difference A − B (m/s) where both are valid, on a ±2 × Nyquist diverging scale. */
export function velocityDifferenceField(a: RunSweepData, b: RunSweepData, base: Geometry, title: string): RasterField {
  if (!sameShape(a, b)) throw new Error('the runs have different shapes');
  const data = new Float32Array(a.corrected.length);
  for (let i = 0; i < data.length; i++) data[i] = a.corrected[i]! - b.corrected[i]!;
  return {
    ...base,
    key: `vel-diff/${a.runId}/${b.runId}/${a.sweep}`,
    title,
    rays: a.rays,
    gates: a.gates,
    data,
    scale: velocityScale(2 * (base.nyquist ?? 15)),
    quantity: 'A − B',
  };
}
