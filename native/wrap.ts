/**
 * Whether the first and last rays of a sweep are neighbours for the edge search (Py-ART's
 * `rays_wrap_around`). Py-ART decides from the scan type alone (PPI -> true), which links the two
 * ends of a sector PPI; the improved rule asks the azimuths whether the sweep closes the circle.
 */

/** Signed smallest difference b - a between two azimuths, degrees in (-180, 180]. */
function azimuthStep(a: number, b: number): number {
  let d = (b - a) % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

/**
 * pyartCompatible: true exactly for scanType 'ppi' (Py-ART's default). Otherwise: PPI-like sweeps
 * ('ppi' or 'sector') wrap only when their azimuths cover the full circle and the step from the last ray
 * back to the first is no larger than 2.5 typical ray spacings (degrees).
 */
export function shouldWrapRays(
  azimuthDeg: Float32Array,
  scanType: 'ppi' | 'rhi' | 'sector' | 'vpt' | 'other',
  pyartCompatible: boolean,
): boolean {
  if (pyartCompatible) return scanType === 'ppi';
  if (scanType !== 'ppi' && scanType !== 'sector') return false;
  const n = azimuthDeg.length;
  if (n < 3 || azimuthDeg.some((a) => !Number.isFinite(a))) return false;
  const steps: number[] = [];
  let covered = 0;
  for (let i = 1; i < n; i++) {
    const step = Math.abs(azimuthStep(azimuthDeg[i - 1]!, azimuthDeg[i]!));
    steps.push(step);
    covered += step;
  }
  steps.sort((a, b) => a - b);
  const typical = steps[Math.floor(steps.length / 2)]!;
  const closing = Math.abs(azimuthStep(azimuthDeg[n - 1]!, azimuthDeg[0]!));
  return typical > 0 && covered + closing >= 359 && closing <= 2.5 * typical;
}
