/**
 * The sweeps of the Py-ART reference runs as engine inputs: velocity slice, shape, Nyquist and the
 * dealias parameters Py-ART used (its defaults plus the run's `dealias_kwargs`, rays_wrap_around from
 * the scan type). Shared by the native parity tests, the benchmark and the scoring script.
 */
import { DEFAULT_DEALIAS_PARAMS, type DealiasParams } from '../../../native/index';
import { referenceRuns, type ReferenceRun } from '../../support/reference';

export interface ReferenceSweep {
  run: string;
  sweep: number;
  /** first ray of the sweep in the run's stacked arrays */
  firstRay: number;
  rays: number;
  gates: number;
  /** m/s as Py-ART used it (0 where the file gives none: sweeps without velocity) */
  nyquist: number;
  /** copy of the sweep's input velocity, m/s, NaN = masked */
  velocity: Float32Array;
  /** Py-ART's folds for the sweep, -128 = no value */
  folds: Int8Array;
  params: DealiasParams;
}

/** Py-ART's defaults with the run's keyword arguments applied. */
export function referenceParams(run: ReferenceRun): DealiasParams {
  const kw = run.meta.dealias_kwargs;
  const wrap = kw['rays_wrap_around'];
  const limits = kw['interval_limits'];
  const num = (key: string, fallback: number): number => (typeof kw[key] === 'number' ? (kw[key] as number) : fallback);
  const bool = (key: string, fallback: boolean): boolean =>
    typeof kw[key] === 'boolean' ? (kw[key] as boolean) : fallback;
  return {
    ...DEFAULT_DEALIAS_PARAMS,
    intervalSplits: num('interval_splits', DEFAULT_DEALIAS_PARAMS.intervalSplits),
    intervalLimits: Array.isArray(limits) ? (limits as number[]) : null,
    skipBetweenRays: num('skip_between_rays', DEFAULT_DEALIAS_PARAMS.skipBetweenRays),
    skipAlongRay: num('skip_along_ray', DEFAULT_DEALIAS_PARAMS.skipAlongRay),
    centered: bool('centered', DEFAULT_DEALIAS_PARAMS.centered),
    keepOriginal: bool('keep_original', DEFAULT_DEALIAS_PARAMS.keepOriginal),
    raysWrapAround: typeof wrap === 'boolean' ? wrap : run.meta.scan_type === 'ppi',
  };
}

/** Every sweep of one reference run. */
export function sweepsOf(run: ReferenceRun): ReferenceSweep[] {
  const velocity = run.velocity();
  const folds = run.folds();
  const { ngates, sweep_start_ray_index: starts, sweep_end_ray_index: ends, nyquist_per_sweep: nyq } = run.meta;
  const params = referenceParams(run);
  return starts.map((first, sweep) => {
    const rays = ends[sweep]! - first + 1;
    const from = first * ngates;
    const to = from + rays * ngates;
    return {
      run: run.name,
      sweep,
      firstRay: first,
      rays,
      gates: ngates,
      nyquist: nyq[sweep]!,
      velocity: velocity.slice(from, to),
      folds: folds.slice(from, to),
      params,
    };
  });
}

export function allReferenceRuns(): ReferenceRun[] {
  return referenceRuns();
}
