/**
 * Universal Format (UF) reader. Opening walks every record once (one ray each) and parses its headers;
 * sweeps are runs of rays with the same sweep number. A moment's gates are decoded on demand, each
 * sweep padded with NaN to its widest ray, as Py-ART pads UF rays of varying length.
 *
 * A record whose headers are corrupt is skipped with a warning; where the record framing breaks, the
 * volume ends with a warning (a truncated file keeps its complete rays). No readable ray is an error.
 */
import type {
  OpenedVolume,
  ScanType,
  SweepField,
  SweepGeometry,
  SweepHeader,
  SweepMode,
  VolumeHeader,
} from '../../../../common/volume';
import { momentInfo, sortMoments } from '../../../../common/moments';
import { ReaderError } from '../../reader-error';
import type { RadarReader, ReaderSource } from '../../reader';
import { detectFraming, splitRecords, type UfPadding } from './framing';
import { parseRay, UfRecordError, type UfRay } from './ray-header';
import { groupSweeps, type UfSweep } from './sweep-index';

const SWEEP_MODES: Record<number, { mode: SweepMode; scan: ScanType }> = {
  1: { mode: 'azimuth_surveillance', scan: 'ppi' },
  3: { mode: 'rhi', scan: 'rhi' },
  4: { mode: 'vertical_pointing', scan: 'vpt' },
};
const modeOf = (ray: UfRay): { mode: SweepMode; scan: ScanType } =>
  SWEEP_MODES[ray.sweepMode] ?? { mode: 'other', scan: 'other' };

function sniff(source: ReaderSource): boolean {
  return detectFraming(source.head) !== null;
}

/**
 * Parse every record's headers. A record whose headers are corrupt is skipped (records delimit
 * themselves, so the next one is still found) and counted in a warning; the split stops where the
 * framing itself breaks, and that is a warning too.
 */
function readRays(bytes: Uint8Array, padding: UfPadding, path: string, warnings: string[]): UfRay[] {
  const { records, stopReason } = splitRecords(bytes, padding);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rays: UfRay[] = [];
  const skipped: string[] = [];
  records.forEach((record, i) => {
    try {
      rays.push(parseRay(view, record.offset, record.length));
    } catch (err) {
      if (!(err instanceof UfRecordError)) throw err;
      skipped.push(`record ${i + 1} at byte ${record.offset}: ${err.message}`);
    }
  });
  if (rays.length === 0) {
    const why = skipped[0] ?? stopReason ?? 'the file holds no records';
    throw new ReaderError('corrupt', path, `no readable UF ray (${why})`);
  }
  if (skipped.length > 0) {
    warnings.push(`skipped ${skipped.length} corrupt record${skipped.length > 1 ? 's' : ''} (first: ${skipped[0]})`);
  }
  if (stopReason !== null) warnings.push(`read ${records.length} records, then stopped: ${stopReason}`);
  return rays;
}

function buildHeader(
  path: string,
  padding: UfPadding,
  rays: UfRay[],
  sweeps: UfSweep[],
  warnings: string[],
): VolumeHeader {
  const first = rays[0]!;
  const firstField = rays.find((r) => r.fields.length > 0)?.fields[0];
  if (Math.abs(first.latitude) > 90 || Math.abs(first.longitude) > 360) {
    warnings.push(`implausible site location ${first.latitude}, ${first.longitude}`);
  }
  const sweepHeaders: SweepHeader[] = sweeps.map((s, index) => ({
    index,
    number: s.rays[0]!.sweepNumber,
    mode: modeOf(s.rays[0]!).mode,
    fixedAngle: s.rays[0]!.fixedAngle,
    rayCount: s.rays.length,
    startTime: s.rays[0]!.time,
    nyquist: s.nyquist,
    ...(s.nyquistSource ? { nyquistSource: s.nyquistSource } : {}),
    moments: sortMoments(s.fields.map((f) => f.moment)),
    ...(firstField && firstField.prt > 0 ? { prf: 1e6 / firstField.prt } : {}),
  }));
  let startTime = first.time;
  let endTime = first.time;
  for (const ray of rays) {
    startTime = Math.min(startTime, ray.time);
    endTime = Math.max(endTime, ray.time);
  }
  return {
    path,
    format: 'universal-format',
    formatDetail: `Universal Format (UF)${padding ? `, ${padding}-byte record markers` : ''}`,
    site: {
      name: first.siteName || first.radarName,
      latitude: first.latitude,
      longitude: first.longitude,
      altitude: first.altitude,
    },
    instrument: {
      name: first.radarName || first.siteName,
      ...(firstField?.wavelength ? { wavelength: firstField.wavelength } : {}),
      ...(firstField ? { beamWidthH: firstField.beamWidthH, beamWidthV: firstField.beamWidthV } : {}),
    },
    scanType: modeOf(first).scan,
    startTime,
    endTime,
    sweeps: sweepHeaders,
    moments: sortMoments(sweepHeaders.flatMap((s) => s.moments)),
    attributes: { original_container: 'UF', radar_name: first.radarName, site_name: first.siteName },
    warnings,
  };
}

class UfVolume implements OpenedVolume {
  constructor(
    readonly header: VolumeHeader,
    private view: DataView | null,
    private readonly sweeps: UfSweep[],
  ) {}

  private sweep(index: number): UfSweep {
    const sweep = this.sweeps[index];
    if (!sweep) throw new ReaderError('missing-moment', this.header.path, `there is no sweep ${index} (0-based)`);
    return sweep;
  }

  async readGeometry(index: number): Promise<SweepGeometry> {
    const { rays, nyquistPerRay } = this.sweep(index);
    return {
      azimuth: Float32Array.from(rays, (r) => ((r.azimuth % 360) + 360) % 360),
      elevation: Float32Array.from(rays, (r) => r.elevation),
      time: Float64Array.from(rays, (r) => r.time),
      ...(nyquistPerRay ? { nyquistPerRay: nyquistPerRay.slice() } : {}),
    };
  }

  async readField(index: number, moment: string): Promise<SweepField> {
    const sweep = this.sweep(index);
    const field = sweep.fields.find((f) => f.moment === moment);
    if (!field) throw new ReaderError('missing-moment', this.header.path, `sweep ${index} has no moment ${moment}`);
    const view = this.view;
    if (!view) throw new ReaderError('io', this.header.path, 'the volume was closed');
    const { gates } = field;
    const data = new Float32Array(sweep.rays.length * gates).fill(NaN);
    sweep.rays.forEach((ray, i) => {
      const f = ray.fields.find((candidate) => candidate.name === field.name);
      if (!f) return;
      // f.gates ≤ gates and the data lie inside the record: both checked when the headers were parsed.
      const base = ray.offset + f.dataWord * 2;
      for (let g = 0; g < f.gates; g++) {
        const raw = view.getInt16(base + g * 2, false);
        data[i * gates + g] = raw === ray.missingValue ? NaN : raw / f.scale;
      }
    });
    const range = Float32Array.from({ length: gates }, (_, g) => field.firstGate + g * field.spacing);
    return {
      moment,
      sourceName: field.name,
      rays: sweep.rays.length,
      gates,
      range,
      data,
      packing: { type: 'i16', scale: 1 / field.scale, offset: 0, fill: sweep.rays[0]!.missingValue },
      units: momentInfo(moment).units,
    };
  }

  close(): void {
    this.view = null;
  }
}

async function open(source: ReaderSource): Promise<OpenedVolume> {
  const { path } = source;
  const bytes = await source.bytes();
  const padding = detectFraming(bytes.subarray(0, 16));
  if (padding === null) throw new ReaderError('unrecognised-format', path, 'no UF record at the start of the file');
  const warnings: string[] = [];
  const rays = readRays(bytes, padding, path, warnings);
  const sweeps = groupSweeps(rays, warnings);
  const header = buildHeader(path, padding, rays, sweeps, warnings);
  return new UfVolume(header, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), sweeps);
}

export const ufReader: RadarReader = { name: 'Universal Format (UF)', sniff, open };
