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
 * ('ppi' or 'sector') wrap only when the antenna travels the circle exactly once (total travel within
 * 1.5 ray spacings of 360°) and the step from the last ray back to the first is no larger than 2.5
 * typical ray spacings. A sector, and a slow multi-revolution scan such as the 62-ray KaSACR sweep (736°
 * of travel at 11.9° per ray), do not wrap: there the first and last ray are not index-neighbours of one
 * circular sequence.
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
  const travel = covered + closing;
  return typical > 0 && Math.abs(travel - 360) <= Math.max(1.5 * typical, 1) && closing <= 2.5 * typical;
}
