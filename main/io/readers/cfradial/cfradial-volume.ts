/**
 * CfRadial 1.x onto Unfold's volume model, over any `NcDataset` (NetCDF-4/HDF5 or NetCDF-3 classic).
 * Opening reads global attributes, the sweep index and per-ray metadata; `readField` reads only the
 * rows of the requested sweep. Used by the HDF5 dispatcher and the NetCDF-3 reader.
 */
import { type MomentName, sortMoments } from '../../../../common/moments';
import type {
  FileFormat,
  OpenedVolume,
  ScanType,
  SweepGeometry,
  SweepHeader,
  VolumeHeader,
} from '../../../../common/volume';
import { ReaderError } from '../../reader-error';
import { listFields, readSweepField } from './cfradial-fields';
import { type CfRadialIndex, readCfRadialIndex } from './cfradial-index';
import { nyquistFromPrt, readInstrument, readSite } from './cfradial-site';
import type { NcAttribute, NcDataset } from './nc-dataset';
import { azimuthSpan, pyartScanType, unfoldScanType } from './scan-geometry';

const attributeText = (v: NcAttribute): string | number => (Array.isArray(v) ? v.join(', ') : v);

/** Nyquist of a sweep: its first ray's, else the first valid one in the sweep (m/s). */
function sweepNyquist(perRay: Float32Array | null, start: number, end: number): number | null {
  if (!perRay) return null;
  for (let i = start; i <= end; i++) if (Number.isFinite(perRay[i]) && perRay[i]! > 0) return perRay[i]!;
  return null;
}

function describeSpans(index: CfRadialIndex, warnings: string[]): void {
  for (const [i, s] of index.sweeps.entries()) {
    if (s.mode !== 'azimuth_surveillance' && s.mode !== 'manual_ppi') continue;
    const span = azimuthSpan(index.azimuth, s.start, s.end);
    const rays = s.end - s.start + 1;
    if (span > 400) {
      warnings.push(
        `sweep ${i} turns through ${span.toFixed(0)}° of azimuth in ${rays} rays ` +
          `(${(span / 360).toFixed(1)} revolutions, ${(span / rays).toFixed(1)}° per ray)`,
      );
    }
  }
}

/** Nyquist per ray: nyquist_velocity, else derived from a fixed PRT; with where it came from. */
async function perRayNyquist(
  ds: NcDataset,
  index: CfRadialIndex,
  wavelength: number | undefined,
  warnings: string[],
): Promise<{ nyquist: Float32Array | null; source: string }> {
  if (index.nyquist) return { nyquist: index.nyquist, source: 'file' };
  const derived = await nyquistFromPrt(ds, wavelength);
  if (!derived) warnings.push('the file gives no Nyquist velocity (nyquist_velocity) and no fixed PRT to derive it');
  return { nyquist: derived, source: 'prf+wavelength' };
}

function sweepHeaders(
  index: CfRadialIndex,
  nyquist: Float32Array | null,
  source: string,
  moments: MomentName[],
): SweepHeader[] {
  return index.sweeps.map((s, i) => {
    const vn = sweepNyquist(nyquist, s.start, s.end);
    return {
      index: i,
      number: s.number,
      mode: s.mode,
      fixedAngle: s.fixedAngle,
      rayCount: s.end - s.start + 1,
      startTime: index.time[s.start]!,
      nyquist: vn,
      ...(vn !== null ? { nyquistSource: source } : {}),
      moments,
    };
  });
}

/** Global attributes for export, plus the scan type Py-ART would use (dealias defaults mimic it). */
function volumeAttributes(
  ds: NcDataset,
  index: CfRadialIndex,
): { attributes: Record<string, string | number>; pyart: ScanType } {
  const g = ds.globalAttributes;
  const attributes: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(g)) attributes[k] = attributeText(v);
  const scanName = typeof g['scan_name'] === 'string' ? g['scan_name'] : undefined;
  const pyart = pyartScanType(scanName, index.sweeps[0]?.modeText ?? '');
  attributes['scan_type'] ??= pyart;
  return { attributes, pyart };
}

async function buildHeader(
  ds: NcDataset,
  format: FileFormat,
  index: CfRadialIndex,
  moments: MomentName[],
): Promise<{ header: VolumeHeader; nyquist: Float32Array | null }> {
  const warnings: string[] = [];
  const site = await readSite(ds, warnings);
  const instrument = await readInstrument(ds, site.name);
  const { nyquist, source } = await perRayNyquist(ds, index, instrument.wavelength, warnings);
  describeSpans(index, warnings);
  const times = index.sweeps.flatMap((s) => [index.time[s.start]!, index.time[s.end]!]).filter(Number.isFinite);
  const { attributes, pyart } = volumeAttributes(ds, index);
  const g = ds.globalAttributes;
  const version =
    typeof g['version'] === 'string' ? g['version'] : typeof g['Conventions'] === 'string' ? g['Conventions'] : '';
  const header: VolumeHeader = {
    path: ds.path,
    format,
    formatDetail: `CfRadial${version ? ` (${version})` : ''} in ${ds.formatDetail}`,
    site,
    instrument,
    scanType: unfoldScanType(index.sweeps, index.azimuth, pyart),
    startTime: Math.min(...times),
    endTime: Math.max(...times),
    sweeps: sweepHeaders(index, nyquist, source, moments),
    moments,
    attributes,
    warnings,
  };
  return { header, nyquist };
}

/** Open a CfRadial dataset as a volume; the volume owns `ds` and closes it. */
export async function openCfRadial(ds: NcDataset, format: FileFormat): Promise<OpenedVolume> {
  const indexWarnings: string[] = [];
  const index = await readCfRadialIndex(ds, indexWarnings);
  const fields = listFields(ds, index.ragged !== null);
  const moments: MomentName[] = sortMoments(fields.map((f) => f.moment));
  const { header, nyquist } = await buildHeader(ds, format, index, moments);
  header.warnings.unshift(...indexWarnings);

  const sweepAt = (i: number): CfRadialIndex['sweeps'][number] => {
    const s = index.sweeps[i];
    if (!s) throw new ReaderError('corrupt', ds.path, `no sweep ${i} (the volume has ${index.sweeps.length})`);
    return s;
  };

  return {
    header,
    readGeometry: async (i: number): Promise<SweepGeometry> => {
      const s = sweepAt(i);
      const geometry: SweepGeometry = {
        azimuth: index.azimuth.slice(s.start, s.end + 1),
        elevation: index.elevation.slice(s.start, s.end + 1),
        time: index.time.slice(s.start, s.end + 1),
      };
      if (nyquist) geometry.nyquistPerRay = nyquist.slice(s.start, s.end + 1);
      return geometry;
    },
    readField: async (i: number, moment: MomentName) => {
      const s = sweepAt(i);
      const field = fields.find((f) => f.moment === moment);
      if (!field) {
        throw new ReaderError(
          'missing-moment',
          ds.path,
          `no ${moment} field (the file has ${moments.join(', ') || 'none'})`,
        );
      }
      return readSweepField(ds, index, s, field);
    },
    close: () => ds.close(),
  };
}
