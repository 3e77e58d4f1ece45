/**
 * Scan-type decisions for CfRadial volumes.
 *
 * `pyartScanType` reproduces Py-ART's `read_cfradial` (ARM `scan_name` global attribute first, else the
 * first sweep_mode, with its fallbacks) so that dealias defaults can mimic Py-ART, which wraps rays
 * around for 'ppi'. `unfoldScanType` describes the geometry for Unfold itself: a PPI whose sweeps all
 * cover clearly less than a circle is a 'sector'. `azimuthSpan` measures that coverage.
 */
import type { ScanType } from '../../../../common/volume';
import type { CfSweep } from './cfradial-index';

/** A PPI sweep covering less than this (degrees) is a sector scan. */
const SECTOR_MAX_SPAN = 300;

/** Py-ART's scan type for a CfRadial file (cfradial.py, read_cfradial). */
export function pyartScanType(scanName: string | undefined, firstSweepMode: string): ScanType {
  const mode = (scanName ?? firstSweepMode).trim();
  const exact: Record<string, ScanType> = {
    rhi: 'rhi',
    vertical_pointing: 'vpt',
    azimuth_surveillance: 'ppi',
    elevation_surveillance: 'rhi',
    manual_ppi: 'ppi',
    manual_rhi: 'rhi',
  };
  if (exact[mode]) return exact[mode];
  if (mode.includes('sur')) return 'ppi';
  if (mode.includes('sec')) return 'sector';
  if (mode.includes('rhi')) return 'rhi';
  if (mode.includes('ppi')) return 'ppi';
  return 'other';
}

/**
 * Degrees of azimuth a sweep sweeps through: the sum of ray-to-ray steps (each wrapped to ±180°)
 * plus one typical step for the width of the last ray. About 360 for a full PPI, more for a sweep
 * that goes round more than once, less for a sector.
 */
export function azimuthSpan(azimuth: Float32Array, start: number, end: number): number {
  let total = 0;
  const steps: number[] = [];
  for (let i = start + 1; i <= end; i++) {
    let d = azimuth[i]! - azimuth[i - 1]!;
    d -= 360 * Math.round(d / 360);
    if (Number.isFinite(d)) {
      total += Math.abs(d);
      steps.push(Math.abs(d));
    }
  }
  steps.sort((a, b) => a - b);
  const typical = steps.length > 0 ? steps[Math.floor(steps.length / 2)]! : 0;
  return total + typical;
}

const PPI_MODES = new Set(['azimuth_surveillance', 'sector', 'manual_ppi']);

/** Unfold's scan type: from the sweep modes, with PPI volumes whose sweeps are all partial as 'sector'. */
export function unfoldScanType(sweeps: readonly CfSweep[], azimuth: Float32Array, pyart: ScanType): ScanType {
  const modes = new Set(sweeps.map((s) => s.mode));
  if (modes.has('rhi') || modes.has('manual_rhi')) return 'rhi';
  if (modes.has('vertical_pointing')) return 'vpt';
  const ppi = sweeps.filter((s) => PPI_MODES.has(s.mode));
  if (ppi.length === 0) return pyart;
  const allPartial = ppi.every((s) => azimuthSpan(azimuth, s.start, s.end) < SECTOR_MAX_SPAN);
  return allPartial || modes.has('sector') ? 'sector' : 'ppi';
}
