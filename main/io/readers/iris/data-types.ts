/**
 * IRIS data types (IRIS Programmer's Manual, data type table and section 4.3 "data formats"): the
 * code, name, bin width and conversion from a stored bin value N to a physical value. Conversions are
 * built as lookup tables (256 or 65536 entries) so decoding a sweep is one table read per gate.
 *
 * Where the manual and Py-ART differ, Py-ART's reading is followed, because Unfold's reader must match
 * Py-ART's velocity bit for bit; each such place says so.
 */
import type { Packing } from '../../../../common/volume';

/** What a conversion may depend on besides N. */
export interface ConversionContext {
  /** m/s: λ·PRF/4 times the multi-PRF factor; null when PRF or wavelength is unknown */
  nyquist: number | null;
  /** m/s: λ·PRF/4 without the multi-PRF factor (Py-ART scales 1-byte WIDTH by this one) */
  singlePrfNyquist: number | null;
  /** metres */
  wavelength: number;
}

export interface IrisDataType {
  code: number;
  /** the IRIS name without the DB_ prefix, e.g. 'DBZ2' */
  name: string;
  /** bytes per bin in the ray */
  bytes: 1 | 2;
  units: string;
  /** true when the conversion needs the Nyquist velocity */
  needsNyquist?: boolean;
  /** physical value for a stored value, NaN for "no data" */
  convert(n: number, ctx: ConversionContext): number;
  /** linear packing, for export; undefined for non-linear formats */
  packing?(ctx: ConversionContext): Packing | undefined;
}

const f32 = Math.fround;

/** 1-byte reflectivity-like: dB = (N − 64)/2; 0 = no data. */
const dbt8 = (code: number, name: string): IrisDataType => ({
  code,
  name,
  bytes: 1,
  units: name.startsWith('SNR') ? 'dB' : 'dBZ',
  convert: (n) => (n === 0 ? NaN : (n - 64) / 2),
  packing: () => ({ type: 'u8', scale: 0.5, offset: -32, fill: 0 }),
});

/** 2-byte reflectivity-like (also VEL2, ZDR2, KDP2, ...): (N − 32768)/100; 0 = no data, 65535 = not scanned. */
const dbt16 = (code: number, name: string, units: string): IrisDataType => ({
  code,
  name,
  bytes: 2,
  units,
  convert: (n) => (n === 0 || n === 65535 ? NaN : (n - 32768) / 100),
  packing: () => ({ type: 'u16', scale: 0.01, offset: -327.68, fill: 0 }),
});

/** 2-byte correlation-like: (N − 1)/65533; 0 = no data, 65535 = not scanned. */
const rho16 = (code: number, name: string): IrisDataType => ({
  code,
  name,
  bytes: 2,
  units: '1',
  convert: (n) => (n === 0 || n === 65535 ? NaN : (n - 1) / 65533),
  packing: () => ({ type: 'u16', scale: 1 / 65533, offset: -1 / 65533, fill: 0 }),
});

/** 1-byte correlation-like: sqrt((N − 1)/253); 0 and 255 = no data. */
const rho8 = (code: number, name: string): IrisDataType => ({
  code,
  name,
  bytes: 1,
  units: '1',
  convert: (n) => (n === 0 || n === 255 ? NaN : Math.sqrt((n - 1) / 253)),
});

/** 1-byte KDP: a logarithmic code in deg·cm/km, divided by the wavelength in cm (manual 4.3.12). */
function kdp8(n: number, ctx: ConversionContext): number {
  if (n === 0 || n === 255) return NaN;
  const wavelengthCm = ctx.wavelength * 100;
  if (!(wavelengthCm > 0)) return NaN;
  if (n === 128) return 0;
  const value = n > 128 ? 0.25 * Math.pow(600, (n - 129) / 126) : -0.25 * Math.pow(600, (127 - n) / 126);
  return value / wavelengthCm;
}

const TYPES: IrisDataType[] = [
  dbt8(1, 'DBT'),
  dbt8(2, 'DBZ'),
  {
    // 1-byte velocity is a fraction of the Nyquist: (N − 128)/127 · Vn (manual 4.3.29). Py-ART rounds the
    // fraction to float32, multiplies it by the float64 Nyquist and rounds again; doing the same gives
    // identical bits.
    code: 3,
    name: 'VEL',
    bytes: 1,
    units: 'meters_per_second',
    needsNyquist: true,
    convert: (n, ctx) => (n === 0 || ctx.nyquist === null ? NaN : f32(f32((n - 128) / 127) * ctx.nyquist)),
    packing: (ctx) =>
      ctx.nyquist === null
        ? undefined
        : { type: 'u8', scale: ctx.nyquist / 127, offset: (-128 * ctx.nyquist) / 127, fill: 0 },
  },
  {
    // The manual scales 1-byte width by the unambiguous velocity; Py-ART (like RSL and Radx) scales it by
    // the single-PRF Nyquist. Py-ART's reading is followed.
    code: 4,
    name: 'WIDTH',
    bytes: 1,
    units: 'meters_per_second',
    needsNyquist: true,
    convert: (n, ctx) => (n === 0 || ctx.singlePrfNyquist === null ? NaN : (n / 256) * ctx.singlePrfNyquist),
  },
  {
    code: 5,
    name: 'ZDR',
    bytes: 1,
    units: 'dB',
    convert: (n) => (n === 0 ? NaN : (n - 128) / 16),
    packing: () => ({ type: 'u8', scale: 1 / 16, offset: -8, fill: 0 }),
  },
  dbt8(7, 'DBZC'),
  dbt16(8, 'DBT2', 'dBZ'),
  dbt16(9, 'DBZ2', 'dBZ'),
  dbt16(10, 'VEL2', 'meters_per_second'),
  {
    code: 11,
    name: 'WIDTH2',
    bytes: 2,
    units: 'meters_per_second',
    convert: (n) => (n === 0 || n === 65535 ? NaN : n / 100),
    packing: () => ({ type: 'u16', scale: 0.01, offset: 0, fill: 0 }),
  },
  dbt16(12, 'ZDR2', 'dB'),
  { code: 14, name: 'KDP', bytes: 1, units: 'degrees/km', convert: kdp8 },
  dbt16(15, 'KDP2', 'degrees/km'),
  {
    code: 16,
    name: 'PHIDP',
    bytes: 1,
    units: 'degrees',
    convert: (n) => (n === 0 || n === 255 ? NaN : (180 * (n - 1)) / 254),
    packing: () => ({ type: 'u8', scale: 180 / 254, offset: -180 / 254, fill: 0 }),
  },
  rho8(18, 'SQI'),
  rho8(19, 'RHOHV'),
  rho16(20, 'RHOHV2'),
  dbt16(21, 'DBZC2', 'dBZ'),
  dbt16(22, 'VELC2', 'meters_per_second'),
  rho16(23, 'SQI2'),
  {
    code: 24,
    name: 'PHIDP2',
    bytes: 2,
    units: 'degrees',
    convert: (n) => (n === 0 || n === 65535 ? NaN : (360 * (n - 1)) / 65534),
    packing: () => ({ type: 'u16', scale: 360 / 65534, offset: -360 / 65534, fill: 0 }),
  },
  dbt16(26, 'LDRH2', 'dB'),
  dbt16(28, 'LDRV2', 'dB'),
  rho16(47, 'RHOH2'),
  rho16(49, 'RHOV2'),
  // Hydrometeor class: the class number itself; 0 = no data.
  { code: 55, name: 'HCLASS', bytes: 1, units: '1', convert: (n) => (n === 0 ? NaN : n) },
  { code: 56, name: 'HCLASS2', bytes: 2, units: '1', convert: (n) => (n === 0 || n === 65535 ? NaN : n) },
  dbt16(58, 'ZDRC2', 'dB'),
  dbt8(61, 'DBTV8'),
  dbt16(62, 'DBTV16', 'dBZ'),
  dbt8(63, 'DBZV8'),
  dbt16(64, 'DBZV16', 'dBZ'),
  dbt8(65, 'SNR8'),
  dbt16(66, 'SNR16', 'dB'),
  dbt8(71, 'DBTE8'),
  dbt16(72, 'DBTE16', 'dBZ'),
  dbt8(73, 'DBZE8'),
  dbt16(74, 'DBZE16', 'dBZ'),
];

const BY_CODE: ReadonlyMap<number, IrisDataType> = new Map(TYPES.map((t) => [t.code, t]));

/** Data type 0 is the extended ray header, not a moment. */
export const DATA_TYPE_XHDR = 0;

/** The decodable data type with this code, or undefined. */
export const irisDataType = (code: number): IrisDataType | undefined => BY_CODE.get(code);

/** Lookup table from stored value to float32 physical value, one entry per possible N. */
export function conversionTable(type: IrisDataType, ctx: ConversionContext): Float32Array {
  const table = new Float32Array(type.bytes === 1 ? 256 : 65536);
  for (let n = 0; n < table.length; n++) table[n] = type.convert(n, ctx);
  return table;
}
