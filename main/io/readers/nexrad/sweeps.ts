/**
 * Groups radials into sweeps the way Py-ART's NEXRAD reader does: one sweep per elevation (cut) number,
 * so the surveillance and Doppler cuts of a split cut at the same angle are separate sweeps. A sweep
 * whose last radial does not mark the end of an elevation is incomplete: at the end of the volume
 * (a truncated file) it is dropped; elsewhere it is kept and flagged. A volume whose last radial does
 * not mark the end of the volume is flagged too (a file cut exactly between two sweeps).
 */
import { RADIAL_STATUS_END_OF_ELEVATION, RADIAL_STATUS_END_OF_VOLUME, type Radial } from './radial';

export interface SweepRays {
  /** elevation (cut) number, 1-based */
  number: number;
  rays: Radial[];
}

export interface SweepGrouping {
  sweeps: SweepRays[];
  warnings: string[];
}

/** The radial closes its elevation (or the volume). */
export const isEndOfElevation = (r: Radial): boolean =>
  r.status === RADIAL_STATUS_END_OF_ELEVATION || r.status === RADIAL_STATUS_END_OF_VOLUME;

export function groupSweeps(radials: Radial[]): SweepGrouping {
  const byNumber = new Map<number, Radial[]>();
  for (const r of radials) {
    const rays = byNumber.get(r.elevationNumber);
    if (rays) rays.push(r);
    else byNumber.set(r.elevationNumber, [r]);
  }
  const sweeps = [...byNumber.entries()].sort((a, b) => a[0] - b[0]).map(([number, rays]) => ({ number, rays }));
  const warnings: string[] = [];
  const last = sweeps[sweeps.length - 1];
  if (last && !isEndOfElevation(last.rays[last.rays.length - 1]!)) {
    sweeps.pop();
    warnings.push(
      `sweep with elevation number ${last.number} is incomplete (${last.rays.length} radials, no end-of-elevation ` +
        'radial; the file is probably truncated) and was left out',
    );
  }
  const final = sweeps[sweeps.length - 1];
  if (final && warnings.length === 0 && final.rays[final.rays.length - 1]!.status !== RADIAL_STATUS_END_OF_VOLUME) {
    // every sweep is whole, but the volume never says it ended: a file cut between two sweeps
    warnings.push(
      `the volume ends after elevation ${final.number} without an end-of-volume radial; later sweeps may be ` +
        'missing (truncated file?)',
    );
  }
  for (const s of sweeps) {
    if (!isEndOfElevation(s.rays[s.rays.length - 1]!)) {
      warnings.push(`sweep with elevation number ${s.number} has no end-of-elevation radial and may be incomplete`);
    }
  }
  return { sweeps, warnings };
}
