/**
 * GAMIC moment decoding and Nyquist derivation (facts checked on BoXPol's 2014-08-10--182000.ppi.mvol).
 *
 * Moments: `format` UV8 / UV16 stores unsigned integers where raw 0 means "no data" and raw 1 .. 2^bits−1
 * span [dyn_range_min, dyn_range_max] linearly:
 *   value = dyn_range_min + (raw − 1) · (dyn_range_max − dyn_range_min) / (2^bits − 2).
 * In the BoXPol file, VH/VV (±30.5235 m/s, UV8) put 0 m/s at raw 128 exactly, as this formula says.
 * Float formats (`F`, `F32`...) are stored as physical values.
 *
 * Nyquist: GAMIC does not store it. `how/PRF` is the (high) PRF, `how/radar_wave_length` the wavelength
 * in metres, `how/unfolding` the dual-PRF mode: 0 = none, 1 = 2:3, 2 = 3:4, 3 = 4:5 (low:high PRF, so
 * N:(N+1) with N = unfolding + 1). Single PRF: Vn = λ·PRF/4. Dual PRF extends the interval to
 * λ / (4 (1/PRF_low − 1/PRF_high)) with PRF_low = PRF·N/(N+1), which is N·λ·PRF/4. BoXPol: λ·PRF/4 =
 * 0.03213 · 950 / 4 = 7.631 m/s, unfolding 3 → N = 4 → 30.5235 m/s, exactly the velocity moments'
 * dyn_range_max: the data are coded over the extended interval, so that is the Nyquist velocity that
 * bounds them (and that a dealiaser must unfold), with 7.63 m/s the single-PRF interval underneath.
 */
import type { H5Numeric } from '../../hdf5/hdf5-file';

export interface GamicCodec {
  /** physical = raw * scale + offset, raw 0 = missing; null for float formats (stored as is) */
  scale: number;
  offset: number;
  integer: boolean;
}

/** The codec for one moment from its attributes; `bits` from the dataset's element size. */
export function gamicCodec(format: string, min: number, max: number, bits: number): GamicCodec {
  if (!/^UV/i.test(format.trim())) return { scale: 1, offset: 0, integer: false };
  const scale = (max - min) / (2 ** bits - 2);
  return { scale, offset: min - scale, integer: true };
}

export function decodeGamic(raw: H5Numeric, codec: GamicCodec): Float32Array {
  const out = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = Number(raw[i]!);
    if (codec.integer) out[i] = v === 0 ? NaN : v * codec.scale + codec.offset;
    else out[i] = v;
  }
  return out;
}

export interface GamicNyquist {
  /** m/s */
  value: number;
  source: 'prf+wavelength' | 'dual-prf';
  /** m/s, the single-PRF interval λ·PRF/4 */
  singlePrf: number;
}

export function gamicNyquist(
  prf: number | undefined,
  wavelength: number | undefined,
  unfolding: number | undefined,
): GamicNyquist | null {
  if (!prf || !wavelength || prf <= 0 || wavelength <= 0) return null;
  const single = (wavelength * prf) / 4;
  const n = unfolding !== undefined && unfolding >= 1 && unfolding <= 3 ? unfolding + 1 : 1;
  return n > 1
    ? { value: n * single, source: 'dual-prf', singlePrf: single }
    : { value: single, source: 'prf+wavelength', singlePrf: single };
}
