/**
 * Shared by the CfRadial writer tests: a dealias result made from Py-ART's own fold numbers (the
 * reference runs under test/fixtures/reference) applied to the velocity our reader decodes, so the
 * exported corrected_velocity and its valid_min / valid_max can be checked against Py-ART's output
 * metadata without depending on Unfold's engine. Also temporary folders that clean up after themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenedVolume } from '../../../common/volume';
import type { CorrectedVelocityExport } from '../../../main/io/writers/cfradial-writer';
import { type ReferenceRun, referenceRuns } from '../../support/reference';

export const NO_FOLD = -128;

export function referenceRun(name: string): ReferenceRun {
  const run = referenceRuns().find((r) => r.name === name);
  if (!run) throw new Error(`no reference run ${name}`);
  return run;
}

/**
 * corrected = velocity + 2·Vn·fold with Py-ART's folds, per sweep of `volume` that has `moment`.
 * Throws if our velocity does not line up with Py-ART's (same rays, same gates) so a reader change
 * cannot silently turn this into a comparison of unrelated arrays.
 */
export async function correctedFromReference(
  volume: OpenedVolume,
  run: ReferenceRun,
  moment = 'VRADH',
  options: { setLimits?: boolean; includeFolds?: boolean } = {},
): Promise<CorrectedVelocityExport> {
  const { meta } = run;
  const folds = run.folds();
  const velocity = run.velocity();
  const sweeps = new Map<number, { corrected: Float32Array; folds: Int8Array }>();
  const nyquist = new Map<number, number>();
  if (meta.nsweeps !== volume.header.sweeps.length) {
    throw new Error(`${run.name}: reference has ${meta.nsweeps} sweeps, the volume ${volume.header.sweeps.length}`);
  }
  for (const sweep of volume.header.sweeps) {
    if (!sweep.moments.includes(moment)) continue;
    const vn = meta.nyquist_per_sweep[sweep.index]!;
    const first = meta.sweep_start_ray_index[sweep.index]!;
    const field = await volume.readField(sweep.index, moment);
    if (field.rays !== meta.sweep_end_ray_index[sweep.index]! - first + 1)
      throw new Error(`${run.name}: ray counts differ`);
    if (field.gates > meta.ngates) throw new Error(`${run.name}: more gates than the reference`);
    const corrected = new Float32Array(field.data.length).fill(NaN);
    const sweepFolds = new Int8Array(field.data.length).fill(NO_FOLD);
    let compared = 0;
    let mismatched = 0;
    for (let r = 0; r < field.rays; r++) {
      for (let g = 0; g < field.gates; g++) {
        const at = (first + r) * meta.ngates + g;
        const v = field.data[r * field.gates + g]!;
        const reference = velocity[at]!;
        if (!Number.isNaN(v) && !Number.isNaN(reference)) {
          compared++;
          if (Math.abs(v - reference) > 0.01 * Math.max(1, Math.abs(reference))) mismatched++;
        }
        const fold = folds[at]!;
        if (fold === NO_FOLD || Number.isNaN(v)) continue;
        corrected[r * field.gates + g] = v + 2 * vn * fold;
        sweepFolds[r * field.gates + g] = fold;
      }
    }
    if (compared === 0 || mismatched > 0.001 * compared) {
      throw new Error(
        `${run.name} sweep ${sweep.index}: our ${moment} does not match Py-ART's (${mismatched}/${compared})`,
      );
    }
    sweeps.set(sweep.index, { corrected, folds: sweepFolds });
    nyquist.set(sweep.index, vn);
  }
  return {
    sourceMoment: moment,
    sweeps,
    nyquist,
    setLimits: options.setLimits ?? true,
    includeFolds: options.includeFolds ?? true,
    historyLine: `2026-01-01T00:00:00Z Unfold test: Py-ART reference folds of ${run.name} applied to ${moment}`,
  };
}

/** A fresh temporary folder; call the returned function to remove it. */
export function scratchFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `unfold-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
