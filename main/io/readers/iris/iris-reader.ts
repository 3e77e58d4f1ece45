/**
 * Sigmet/Vaisala IRIS RAW reader. Opening reads the product_hdr and ingest_header (the first two
 * 6144-byte records) and walks the ray stream once to index sweeps and ray geometry; a moment's gate
 * data is decoded only when `readField` asks for it.
 *
 * Nyquist velocity is not stored: it is λ·PRF/4 from product_end, times the multi-PRF factor
 * (task_dsp_info multi-PRF flag 0/1/2/3 → ×1/×2/×3/×4), as Py-ART derives it. 1-byte VEL is coded as a
 * fraction of that Nyquist, so without PRF and wavelength it cannot be decoded and is left out.
 */
import type {
  FileFormat,
  OpenedVolume,
  ScanType,
  SweepField,
  SweepGeometry,
  SweepHeader,
  SweepMode,
  VolumeHeader,
} from '../../../../common/volume';
import { sortMoments } from '../../../../common/moments';
import { ReaderError } from '../../reader-error';
import type { RadarReader, ReaderSource } from '../../reader';
import { conversionTable, type ConversionContext } from './data-types';
import { assignMoments, type IrisMoment } from './moment-names';
import { recordWords } from './ray-stream';
import { decodeSweepField } from './sweep-decoder';
import { indexSweeps, type IrisSweepIndex } from './sweep-index';
import {
  RECORD_BYTES,
  STRUCT_INGEST_HEADER,
  STRUCT_PRODUCT_HDR,
  readIrisHeaders,
  type IrisHeaders,
} from './structures';

const FORMAT: FileFormat = 'sigmet-iris';
/** More bins per ray than this is a corrupt header, not a radar (IRIS signal processors give ≤ 4096). */
const MAX_BINS = 16_384;
/** IRIS volumes hold at most 40 sweeps per task; allow generous room before calling a count absurd. */
const MAX_SWEEPS = 1000;
/** product_end.prf is in Hz; Doppler radars stay well below this. */
const MAX_PRF_HZ = 100_000;

/** product_hdr (structure 27) at offset 0, whose product_configuration (structure 26, 320 bytes) follows. */
function sniff(source: ReaderSource): boolean {
  const head = source.head;
  if (head.length < 24) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return (
    view.getInt16(0, true) === STRUCT_PRODUCT_HDR && view.getInt16(12, true) === 26 && view.getInt32(16, true) === 320
  );
}

function validateHeaders(h: IrisHeaders, path: string): void {
  const fail = (problem: string): never => {
    throw new ReaderError('corrupt', path, problem);
  };
  if (h.ingestStructId !== STRUCT_INGEST_HEADER) fail('the second record is not an IRIS ingest_header');
  if (!(h.binCount >= 1 && h.binCount <= MAX_BINS)) fail(`implausible bin count ${h.binCount} in product_end`);
  const moments = h.dataTypes.filter((t) => t !== 0);
  if (moments.length === 0) fail('the data-type mask lists no moments');
  if (12 + 76 * h.dataTypes.length > RECORD_BYTES) fail(`implausible number of data types (${h.dataTypes.length})`);
  if (!(h.sweepCount >= 1 && h.sweepCount <= MAX_SWEEPS)) fail(`implausible sweep count ${h.sweepCount}`);
}

/** Nyquist velocities (m/s) from PRF and wavelength; nulls when either is missing or absurd. */
function nyquistContext(h: IrisHeaders, warnings: string[]): ConversionContext & { factor: number } {
  let factor = 1;
  if (h.multiPrfFlag >= 0 && h.multiPrfFlag <= 3) factor = h.multiPrfFlag + 1;
  else warnings.push(`unknown multi-PRF flag ${h.multiPrfFlag}; the Nyquist velocity assumes a single PRF`);
  const usable = h.prf > 0 && h.prf <= MAX_PRF_HZ && h.wavelength > 0 && h.wavelength < 1;
  // λ·PRF/4, evaluated as Py-ART does (λ in 1/100 cm over 10000·4·PRT) so the float64 result is the same.
  const wavelengthRaw = Math.round(h.wavelength * 10000);
  const single = usable ? wavelengthRaw / (10000 * 4 * (1 / h.prf)) : null;
  return {
    nyquist: single === null ? null : single * factor,
    singlePrfNyquist: single,
    wavelength: h.wavelength,
    factor,
  };
}

function scanModes(scanMode: number): { scanType: ScanType; mode: SweepMode } {
  if (scanMode === 2 || scanMode === 7) return { scanType: 'rhi', mode: 'rhi' };
  if (scanMode === 1) return { scanType: 'sector', mode: 'sector' };
  if (scanMode === 3) return { scanType: 'ppi', mode: 'manual_ppi' };
  return { scanType: 'ppi', mode: 'azimuth_surveillance' };
}

function buildHeader(
  path: string,
  h: IrisHeaders,
  sweeps: IrisSweepIndex[],
  moments: IrisMoment[],
  nyq: ReturnType<typeof nyquistContext>,
  warnings: string[],
): VolumeHeader {
  const { scanType, mode } = scanModes(h.scanMode);
  sweeps.forEach((s, i) => {
    if (!s.headers.every((d) => d.sweepStart.valid)) warnings.push(`sweep ${i + 1} has an invalid start time`);
  });
  const momentNames = sortMoments(moments.map((m) => m.moment));
  const momentSlot = h.dataTypes.findIndex((t) => t !== 0);
  const sweepHeaders: SweepHeader[] = sweeps.map((s, index) => ({
    index,
    number: s.headers[momentSlot]!.sweepNumber,
    mode,
    fixedAngle: s.headers[momentSlot]!.fixedAngle,
    rayCount: s.kept.length,
    startTime: s.headers[momentSlot]!.sweepStart.epochSeconds,
    nyquist: nyq.nyquist,
    nyquistSource: nyq.factor > 1 ? `prf+wavelength (multi-PRF ×${nyq.factor})` : 'prf+wavelength',
    moments: momentNames,
    prf: h.prf,
  }));
  let startTime = sweepHeaders[0]!.startTime;
  let endTime = startTime;
  for (const s of sweeps) {
    for (const t of s.time) {
      if (t < startTime) startTime = t;
      if (t > endTime) endTime = t;
    }
  }
  return {
    path,
    format: FORMAT,
    formatDetail: `Sigmet/IRIS RAW${h.irisVersion ? ` (IRIS ${h.irisVersion})` : ''}`,
    // Antenna altitude: ground height at the site plus the radar's height above that ground (metres).
    site: { name: h.siteName, latitude: h.latitude, longitude: h.longitude, altitude: h.groundHeight + h.radarHeight },
    instrument: {
      name: h.siteName,
      wavelength: h.wavelength || undefined,
      beamWidthH: h.beamWidthH,
      beamWidthV: h.beamWidthV,
    },
    scanType,
    startTime,
    endTime,
    sweeps: sweepHeaders,
    moments: momentNames,
    attributes: { original_container: 'sigmet', instrument_name: h.siteName, sigmet_task_name: h.taskName },
    warnings,
  };
}

class IrisVolume implements OpenedVolume {
  constructor(
    readonly header: VolumeHeader,
    private words: Uint16Array | null,
    private readonly file: IrisHeaders,
    private readonly sweeps: IrisSweepIndex[],
    private readonly moments: IrisMoment[],
    private readonly nyq: ConversionContext,
  ) {}

  private sweep(index: number): IrisSweepIndex {
    const sweep = this.sweeps[index];
    if (!sweep) throw new ReaderError('missing-moment', this.header.path, `there is no sweep ${index} (0-based)`);
    return sweep;
  }

  async readGeometry(index: number): Promise<SweepGeometry> {
    const s = this.sweep(index);
    return { azimuth: s.azimuth.slice(), elevation: s.elevation.slice(), time: s.time.slice() };
  }

  async readField(index: number, moment: string): Promise<SweepField> {
    const sweep = this.sweep(index);
    const found = this.moments.find((m) => m.moment === moment);
    if (!found) throw new ReaderError('missing-moment', this.header.path, `sweep ${index} has no moment ${moment}`);
    if (!this.words) throw new ReaderError('io', this.header.path, 'the volume was closed');
    const gates = this.file.binCount;
    const data = decodeSweepField({
      words: this.words,
      path: this.header.path,
      sweep,
      slot: found.slot,
      bytesPerBin: found.type.bytes,
      table: conversionTable(found.type, this.nyq),
      gates,
    });
    const range = new Float32Array(gates);
    for (let g = 0; g < gates; g++) range[g] = this.file.firstBinRange + g * this.file.binSpacing;
    const packing = found.type.packing?.(this.nyq);
    return {
      moment,
      sourceName: found.type.name,
      rays: sweep.kept.length,
      gates,
      range,
      data,
      ...(packing ? { packing } : {}),
      units: found.type.units,
    };
  }

  close(): void {
    this.words = null;
  }
}

async function open(source: ReaderSource): Promise<OpenedVolume> {
  const { path } = source;
  const bytes = await source.bytes();
  if (bytes.byteLength < 2 * RECORD_BYTES) {
    throw new ReaderError(
      'truncated',
      path,
      `an IRIS RAW file holds at least two 6144-byte header records (${bytes.byteLength} bytes)`,
    );
  }
  const headers = readIrisHeaders(bytes);
  validateHeaders(headers, path);
  const warnings: string[] = [];
  const nyq = nyquistContext(headers, warnings);
  const moments = assignMoments(headers.dataTypes, nyq, warnings);
  if (moments.length === 0)
    throw new ReaderError('unsupported', path, 'none of the data types in this file can be decoded');
  const words = recordWords(bytes);
  const sweeps = indexSweeps(bytes, words, headers, path, warnings);
  const header = buildHeader(path, headers, sweeps, moments, nyq, warnings);
  return new IrisVolume(header, words, headers, sweeps, moments, nyq);
}

export const irisReader: RadarReader = { name: 'Sigmet/IRIS RAW', sniff, open };
