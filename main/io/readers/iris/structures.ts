/**
 * Sigmet/Vaisala IRIS RAW product file: the header structures the reader needs, decoded from their
 * little-endian byte layout (IRIS Programmer's Manual, chapter 4: product_hdr, ingest_header,
 * raw_prod_bhdr, ingest_data_header). Only fields Unfold uses are read; offsets are in bytes from the
 * start of each structure. Used by the sweep indexer and the IRIS reader.
 */

/** IRIS RAW files are blocked into records of this many bytes (3072 16-bit words). */
export const RECORD_BYTES = 6144;
export const RECORD_WORDS = RECORD_BYTES / 2;
/** raw_prod_bhdr occupies the first 12 bytes (6 words) of every data record. */
export const BHDR_WORDS = 6;
/** Each ingest_data_header is 76 bytes; they follow the raw_prod_bhdr in a sweep's first record. */
export const INGEST_DATA_HEADER_BYTES = 76;

/** structure_header identifiers (IRIS manual, structure_header). */
export const STRUCT_PRODUCT_HDR = 27;
export const STRUCT_INGEST_HEADER = 23;
export const STRUCT_INGEST_DATA_HEADER = 24;

/** Byte offsets of the sub-structures. */
const PRODUCT_END = 12 + 320; // product_hdr: structure_header(12) + product_configuration(320)
const INGEST_CONFIG = 12; // ingest_header: structure_header(12)
const TASK_CONFIG = 12 + 480; // ingest_header: + ingest_configuration(480)
const TASK_DSP = TASK_CONFIG + 12 + 120; // task_configuration: structure_header + task_sched_info
const TASK_RANGE = TASK_DSP + 320 + 320; // + task_dsp_info + task_calib_info
const TASK_SCAN = TASK_RANGE + 160;
const TASK_MISC = TASK_SCAN + 320;

/** A BIN2 angle: 16-bit binary fraction of a full circle, in degrees [0, 360). */
export const bin2ToDegrees = (raw: number): number => (raw * 360) / 65536;
/** A BIN4 angle: 32-bit binary fraction of a full circle, in degrees [0, 360). */
export const bin4ToDegrees = (raw: number): number => (raw * 360) / 4294967296;
/** Fold an angle in [0, 360) into (-180, 180], for latitudes, longitudes and elevations. */
export const signedDegrees = (deg: number): number => (deg > 180 ? deg - 360 : deg);

/** ymds_time: a date plus seconds since midnight; the lowest 10 bits of `milliseconds` hold ms. */
export interface YmdsTime {
  /** seconds since 1970-01-01T00:00:00Z, including milliseconds */
  epochSeconds: number;
  /** the same without the milliseconds part */
  epochSecondsWhole: number;
  valid: boolean;
}

export function readYmds(view: DataView, offset: number): YmdsTime {
  const seconds = view.getInt32(offset, true);
  const ms = view.getUint16(offset + 4, true) & 0x3ff;
  const year = view.getInt16(offset + 6, true);
  const month = view.getInt16(offset + 8, true);
  const day = view.getInt16(offset + 10, true);
  const valid =
    year >= 1970 &&
    year <= 2200 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    seconds >= 0 &&
    seconds <= 86400;
  const midnight = valid ? Date.UTC(year, month - 1, day) / 1000 : 0;
  const whole = midnight + (valid ? seconds : 0);
  return { epochSeconds: whole + (valid ? ms / 1000 : 0), epochSecondsWhole: whole, valid };
}

/** Fixed-width ASCII text, cut at the first NUL and trimmed. */
export function readText(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const c = bytes[offset + i]!;
    if (c === 0) break;
    text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return text.trim();
}

/** What the reader needs from product_hdr (record 1) and ingest_header (record 2). */
export interface IrisHeaders {
  productStructId: number;
  ingestStructId: number;
  siteName: string;
  irisVersion: string;
  taskName: string;
  /** degrees north / east */
  latitude: number;
  longitude: number;
  /** metres above sea level of the ground at the site, and of the antenna above that ground */
  groundHeight: number;
  radarHeight: number;
  /** Hz, from product_end (falls back to task_dsp_info) */
  prf: number;
  /** metres (the file stores 1/100 cm) */
  wavelength: number;
  /** task_dsp_info multi-PRF flag: 0 single, 1 = 2:3, 2 = 3:4, 3 = 4:5 */
  multiPrfFlag: number;
  /** product_end number_bins: the length of every decoded ray */
  binCount: number;
  /** metres: range of the first bin, and between bins */
  firstBinRange: number;
  binSpacing: number;
  /** the data-type bits set in task_dsp_info's current_data_type_mask, ascending */
  dataTypes: number[];
  /** task_scan_info antenna_scan_mode: 1 PPI sector, 2 RHI, 3 manual, 4 PPI full circle, 5 file */
  scanMode: number;
  /** task_scan_info number_sweeps */
  sweepCount: number;
  /** ingest_configuration number_rays_sweep */
  raysPerSweep: number;
  /** degrees */
  beamWidthH: number;
  beamWidthV: number;
  volumeStart: YmdsTime;
}

/** Bits of the 5 × 32-bit data-type mask words, ascending (bit n = data type n; word 1 is not a mask). */
function dataTypesFromMask(view: DataView, offset: number): number[] {
  const types: number[] = [];
  const wordOffsets = [0, 8, 12, 16, 20]; // mask_word_0, (extended_header_type at 4), mask_word_1..4
  wordOffsets.forEach((wordOffset, w) => {
    const word = view.getUint32(offset + wordOffset, true);
    for (let bit = 0; bit < 32; bit++) if ((word >>> bit) & 1) types.push(w * 32 + bit);
  });
  return types;
}

/** Decode the two header records. `bytes` holds at least 2 × RECORD_BYTES. */
export function readIrisHeaders(bytes: Uint8Array): IrisHeaders {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 2 * RECORD_BYTES);
  const ingest = RECORD_BYTES;
  const pe = PRODUCT_END;
  const dspPrf = view.getInt32(ingest + TASK_DSP + 136, true);
  const productPrf = view.getInt32(pe + 120, true);
  const productWavelength = view.getInt32(pe + 148, true);
  const miscWavelength = view.getInt32(ingest + TASK_MISC, true);
  const rangeFirst = view.getInt32(ingest + TASK_RANGE, true);
  const rangeLast = view.getInt32(ingest + TASK_RANGE + 4, true);
  const stepOutput = view.getInt32(ingest + TASK_RANGE + 16, true);
  const binCount = view.getInt32(pe + 164, true);
  // Step between output bins (cm); if absent, the spacing that fills first..last bin, as Py-ART does.
  const binSpacingCm = stepOutput > 0 ? stepOutput : binCount > 0 ? Math.round((rangeLast - rangeFirst) / binCount) : 0;
  return {
    productStructId: view.getInt16(0, true),
    ingestStructId: view.getInt16(ingest, true),
    siteName: readText(bytes, ingest + INGEST_CONFIG + 150, 16) || readText(bytes, pe, 16),
    irisVersion: readText(bytes, pe + 16, 8),
    taskName: readText(bytes, 12 + 74, 12),
    latitude: signedDegrees(bin4ToDegrees(view.getUint32(ingest + INGEST_CONFIG + 168, true))),
    longitude: signedDegrees(bin4ToDegrees(view.getUint32(ingest + INGEST_CONFIG + 172, true))),
    groundHeight: view.getInt16(ingest + INGEST_CONFIG + 176, true),
    radarHeight: view.getInt16(ingest + INGEST_CONFIG + 178, true),
    prf: productPrf > 0 ? productPrf : dspPrf,
    wavelength: (productWavelength > 0 ? productWavelength : miscWavelength) / 10000,
    multiPrfFlag: view.getUint16(ingest + TASK_DSP + 144, true),
    binCount,
    firstBinRange: rangeFirst / 100,
    binSpacing: binSpacingCm / 100,
    dataTypes: dataTypesFromMask(view, ingest + TASK_DSP + 4),
    scanMode: view.getUint16(ingest + TASK_SCAN, true),
    sweepCount: view.getInt16(ingest + TASK_SCAN + 6, true),
    raysPerSweep: view.getUint16(ingest + INGEST_CONFIG + 184, true),
    beamWidthH: bin4ToDegrees(view.getUint32(ingest + TASK_MISC + 64, true)),
    beamWidthV: bin4ToDegrees(view.getUint32(ingest + TASK_MISC + 68, true)),
    volumeStart: readYmds(view, ingest + INGEST_CONFIG + 88),
  };
}

/** One ingest_data_header: a sweep's description for one data type. */
export interface IngestDataHeader {
  structId: number;
  sweepStart: YmdsTime;
  /** 1-based sweep number */
  sweepNumber: number;
  raysExpected: number;
  raysWritten: number;
  /** degrees: elevation for PPI, azimuth for RHI */
  fixedAngle: number;
  bitsPerBin: number;
  dataType: number;
}

/** Read the `index`-th ingest_data_header of a sweep's first record (view over that record). */
export function readIngestDataHeader(view: DataView, recordOffset: number, index: number): IngestDataHeader {
  const o = recordOffset + 12 + INGEST_DATA_HEADER_BYTES * index;
  return {
    structId: view.getInt16(o, true),
    sweepStart: readYmds(view, o + 12),
    sweepNumber: view.getInt16(o + 24, true),
    raysExpected: view.getInt16(o + 30, true),
    raysWritten: view.getInt16(o + 32, true),
    fixedAngle: bin2ToDegrees(view.getUint16(o + 34, true)),
    bitsPerBin: view.getInt16(o + 36, true),
    dataType: view.getUint16(o + 38, true),
  };
}
