/**
 * The Nyquist velocity of an ODIM_H5 sweep, and where it came from:
 * 1. `how/NI` (dataset level, else top level: the merged `how` gives that order) → 'file';
 * 2. dual PRF (`how/highprf` and `how/lowprf` differ): extended Nyquist λ / (4 (1/lowprf − 1/highprf))
 *    → 'dual-prf';
 * 3. one PRF (`highprf`, else `lowprf`, else `prf`): λ · PRF / 4 → 'prf+wavelength'.
 * ODIM gives the wavelength (`how/wavelength`) in centimetres.
 */
import { type H5Attributes, numberAttr } from '../../hdf5/h5-attributes';

export interface NyquistEstimate {
  /** m/s */
  value: number;
  source: 'file' | 'dual-prf' | 'prf+wavelength';
  /** Hz, the PRF used or the high PRF of a dual-PRF pair */
  prf?: number;
}

const positive = (v: number | undefined): number | undefined => (v !== undefined && v > 0 ? v : undefined);

export function odimNyquist(how: H5Attributes): NyquistEstimate | null {
  const ni = positive(numberAttr(how, 'NI'));
  const high = positive(numberAttr(how, 'highprf'));
  const low = positive(numberAttr(how, 'lowprf'));
  const single = high ?? low ?? positive(numberAttr(how, 'prf'));
  if (ni !== undefined) return { value: ni, source: 'file', ...(single ? { prf: single } : {}) };
  const wavelengthCm = positive(numberAttr(how, 'wavelength'));
  if (wavelengthCm === undefined) return null;
  const wavelength = wavelengthCm / 100; // m
  if (high !== undefined && low !== undefined && low !== high) {
    const [lo, hi] = low < high ? [low, high] : [high, low];
    return { value: wavelength / (4 * (1 / lo - 1 / hi)), source: 'dual-prf', prf: hi };
  }
  if (single !== undefined) return { value: (wavelength * single) / 4, source: 'prf+wavelength', prf: single };
  return null;
}
