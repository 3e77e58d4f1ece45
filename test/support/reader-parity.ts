// Shared by the reader tests (CfRadial, NetCDF-3, ODIM, IRIS, UF): compares the sweeps of an opened
// volume with a Py-ART reference run (reference.json geometry and Nyquist, velocity.npy.gz values).
import { expect } from 'vitest';
import type { OpenedVolume } from '../../common/volume';
import { referenceRuns, type ReferenceRun } from './reference';

export const referenceRun = (name: string): ReferenceRun => {
  const found = referenceRuns().find((r) => r.name === name);
  if (!found) throw new Error(`no reference run ${name}`);
  return found;
};

export interface ParityOptions {
  /** the volume's sweep index of the reference's sweep 0 (a reference may cover part of a volume) */
  firstSweep?: number;
  /** the moment to compare */
  moment?: string;
  /** largest accepted |Δv| in m/s; 0 = identical float32 values */
  tolerance?: number;
  /** largest accepted |ΔNyquist| in m/s */
  nyquistTolerance?: number;
  /** the reference covers the whole volume: the sweep counts must be equal */
  wholeVolume?: boolean;
}

export interface SweepParity {
  /** gates where exactly one of reader and reference has no value */
  nanMismatch: number;
  /** largest |Δv| over gates where both have a value, m/s */
  maxDiff: number;
  /** gates where both have a value */
  valid: number;
  /** reference values beyond the reader's gate count (the reference is padded to the widest sweep) */
  refBeyond: number;
}

function compareSweep(
  data: Float32Array,
  gates: number,
  ref: ReferenceRun,
  velocity: Float32Array,
  s: number,
): SweepParity {
  const { ngates } = ref.meta;
  const first = ref.meta.sweep_start_ray_index[s]!;
  const rays = ref.meta.sweep_end_ray_index[s]! - first + 1;
  const out: SweepParity = { nanMismatch: 0, maxDiff: 0, valid: 0, refBeyond: 0 };
  for (let r = 0; r < rays; r++) {
    for (let g = 0; g < ngates; g++) {
      const expected = velocity[(first + r) * ngates + g]!;
      if (g >= gates) {
        if (!Number.isNaN(expected)) out.refBeyond++;
        continue;
      }
      const actual = data[r * gates + g]!;
      if (Number.isNaN(expected) !== Number.isNaN(actual)) out.nanMismatch++;
      else if (!Number.isNaN(actual)) {
        out.valid++;
        out.maxDiff = Math.max(out.maxDiff, Math.abs(actual - expected));
      }
    }
  }
  return out;
}

/**
 * Rays per sweep, fixed angles, Nyquist per sweep and every velocity gate against Py-ART.
 * Returns the per-sweep comparison so a test can report the largest difference.
 */
export async function expectParity(
  volume: OpenedVolume,
  ref: ReferenceRun,
  options: ParityOptions = {},
): Promise<SweepParity[]> {
  const { firstSweep = 0, moment = 'VRADH', tolerance = 0, nyquistTolerance = 1e-5, wholeVolume = false } = options;
  const { meta } = ref;
  const velocity = ref.velocity();
  const results: SweepParity[] = [];
  if (wholeVolume) expect(volume.header.sweeps.length).toBe(meta.nsweeps);
  else expect(volume.header.sweeps.length).toBeGreaterThanOrEqual(firstSweep + meta.nsweeps);
  for (let s = 0; s < meta.nsweeps; s++) {
    const sweep = volume.header.sweeps[firstSweep + s]!;
    const rays = meta.sweep_end_ray_index[s]! - meta.sweep_start_ray_index[s]! + 1;
    expect(sweep.rayCount, `sweep ${s} rays`).toBe(rays);
    expect(sweep.fixedAngle, `sweep ${s} fixed angle`).toBeCloseTo(meta.fixed_angles[s]!, 4);
    expect(Math.abs(sweep.nyquist! - meta.nyquist_per_sweep[s]!), `sweep ${s} Nyquist`).toBeLessThanOrEqual(
      nyquistTolerance,
    );
    const field = await volume.readField(firstSweep + s, moment);
    expect(field.rays).toBe(rays);
    const cmp = compareSweep(field.data, field.gates, ref, velocity, s);
    expect(cmp, `sweep ${s}`).toMatchObject({ nanMismatch: 0, refBeyond: 0 });
    expect(cmp.maxDiff, `sweep ${s} max |Δv| m/s`).toBeLessThanOrEqual(tolerance);
    expect(cmp.valid, `sweep ${s} valid gates`).toBe(meta.per_sweep[s]!.valid_gates);
    results.push(cmp);
  }
  return results;
}
