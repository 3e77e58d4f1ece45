// Shared by the IRIS and UF reader tests: compares a reader's sweeps with a Py-ART reference run
// (reference.json geometry and Nyquist, velocity.npy.gz values), sweep by sweep.
import { expect } from 'vitest';
import type { OpenedVolume } from '../../../common/volume';
import { referenceRuns, type ReferenceRun } from '../../support/reference';

export const referenceRun = (name: string): ReferenceRun => {
  const found = referenceRuns().find((r) => r.name === name);
  if (!found) throw new Error(`no reference run ${name}`);
  return found;
};

interface SweepComparison {
  /** gates where exactly one of reader and reference is NaN */
  nanMismatch: number;
  /** m/s, over gates where both have a value */
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
  sweep: number,
): SweepComparison {
  const { ngates } = ref.meta;
  const first = ref.meta.sweep_start_ray_index[sweep]!;
  const rays = ref.meta.sweep_end_ray_index[sweep]! - first + 1;
  const out: SweepComparison = { nanMismatch: 0, maxDiff: 0, valid: 0, refBeyond: 0 };
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
 * Sweep count, rays per sweep, fixed angles, Nyquist per sweep and every velocity gate against
 * Py-ART. `tolerance` is the largest accepted |Δv| (m/s); 0 demands identical float32 values.
 */
export async function expectVelocityParity(volume: OpenedVolume, ref: ReferenceRun, tolerance = 0): Promise<void> {
  const { meta } = ref;
  const velocity = ref.velocity();
  expect(volume.header.sweeps.length).toBe(meta.nsweeps);
  for (let s = 0; s < meta.nsweeps; s++) {
    const sweep = volume.header.sweeps[s]!;
    const rays = meta.sweep_end_ray_index[s]! - meta.sweep_start_ray_index[s]! + 1;
    expect(sweep.rayCount, `sweep ${s} rays`).toBe(rays);
    expect(sweep.fixedAngle, `sweep ${s} fixed angle`).toBeCloseTo(meta.fixed_angles[s]!, 4);
    expect(sweep.nyquist, `sweep ${s} Nyquist`).toBeCloseTo(meta.nyquist_per_sweep[s]!, 5);
    const field = await volume.readField(s, 'VRADH');
    expect(field.rays).toBe(rays);
    const cmp = compareSweep(field.data, field.gates, ref, velocity, s);
    expect(cmp, `sweep ${s}`).toMatchObject({ nanMismatch: 0, refBeyond: 0 });
    expect(cmp.maxDiff, `sweep ${s} max |Δv| m/s`).toBeLessThanOrEqual(tolerance);
    expect(cmp.valid, `sweep ${s} valid gates`).toBe(meta.per_sweep[s]!.valid_gates);
  }
}
