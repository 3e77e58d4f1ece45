/**
 * GAMIC HDF5 (MURAN / ENIGMA) volumes onto Unfold's volume model: `scan0..N` groups, each with `how`
 * attributes (elevation, PRF, radar_wave_length, unfolding, range_step, range_samples, bin_count,
 * ray_count), a compound `ray_header` (azimuth/elevation start and stop, timestamp in µs since epoch),
 * and `moment_i` datasets named by their `moment` attribute. Decoding and Nyquist: `gamic-decode.ts`.
 *
 * Gate spacing is range_step × range_samples (BoXPol: 50 m × 2 = 100 m; 1000 bins = how/range
 * 100 km), with the first gate centred half a gate out from range_start.
 */
import { momentFromSourceName, momentInfo, type MomentName, sortMoments } from '../../../../common/moments';
import type { OpenedVolume, SweepField, SweepGeometry, SweepHeader, VolumeHeader } from '../../../../common/volume';
import type { Hdf5File } from '../../hdf5/hdf5-file';
import { type H5Attributes, numberAttr, stringAttr } from '../../hdf5/h5-attributes';
import { ReaderError } from '../../reader-error';
import { meanAngle } from '../odim/odim-geometry';
import { decodeGamic, gamicCodec, gamicNyquist } from './gamic-decode';

interface GamicMoment {
  moment: MomentName;
  sourceName: string;
  path: string;
  format: string;
  min: number;
  max: number;
}

interface GamicScan {
  group: string;
  number: number;
  how: H5Attributes;
  isRhi: boolean;
  rays: number;
  bins: number;
  moments: GamicMoment[];
}

function readScan(file: Hdf5File, name: string, number: number): GamicScan {
  const group = `/${name}`;
  const how = file.attributes(`${group}/how`);
  const what = file.attributes(`${group}/what`);
  const moments: GamicMoment[] = [];
  // Two GAMIC moments can share a registry name (WH and WV are both spectrum width): the first keeps
  // it, the other keeps its GAMIC name, so no moment is hidden.
  const used = new Set<MomentName>();
  const keys = file.keys(group).filter((k) => /^moment_\d+$/.test(k));
  keys.sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  for (const key of keys) {
    const path = `${group}/${key}`;
    const a = file.attributes(path);
    const sourceName = stringAttr(a, 'moment')?.trim();
    if (!sourceName || file.typeOf(path) !== 'dataset') continue;
    const mapped = momentFromSourceName('gamic', sourceName);
    const moment = used.has(mapped) ? sourceName : mapped;
    used.add(moment);
    moments.push({
      moment,
      sourceName,
      path,
      format: stringAttr(a, 'format') ?? '',
      min: numberAttr(a, 'dyn_range_min') ?? 0,
      max: numberAttr(a, 'dyn_range_max') ?? 0,
    });
  }
  const rays = numberAttr(how, 'ray_count');
  const bins = numberAttr(how, 'bin_count');
  if (!rays || !bins) throw new ReaderError('corrupt', file.path, `GAMIC ${name}/how lacks ray_count or bin_count`);
  const isRhi = /rhi/i.test(stringAttr(what, 'scan_type') ?? '');
  return { group, number, how, isRhi, rays, bins, moments };
}

function rayGeometry(file: Hdf5File, scan: GamicScan): SweepGeometry {
  const header = file.readCompound(`${scan.group}/ray_header`);
  const azStart = header.get('azimuth_start');
  const azStop = header.get('azimuth_stop');
  const elStart = header.get('elevation_start');
  const elStop = header.get('elevation_stop');
  const stamp = header.get('timestamp');
  if (!azStart || !azStop || !elStart || !elStop || azStart.length !== scan.rays) {
    throw new ReaderError('corrupt', file.path, `GAMIC ${scan.group}/ray_header lacks angles for ${scan.rays} rays`);
  }
  return {
    azimuth: Float32Array.from(azStart, (a, i) => meanAngle(a, azStop[i]!)),
    elevation: Float32Array.from(elStart, (e, i) => (e + elStop[i]!) / 2),
    // microseconds since epoch → seconds
    time: stamp ? Float64Array.from(stamp, (t) => t / 1e6) : new Float64Array(scan.rays).fill(NaN),
  };
}

const isoSeconds = (s: string | undefined): number => (s ? Date.parse(s) / 1000 : NaN);

function sweepHeader(scan: GamicScan, i: number, warnings: string[]): SweepHeader {
  const how = scan.how;
  const nyquist = gamicNyquist(
    numberAttr(how, 'PRF'),
    numberAttr(how, 'radar_wave_length'),
    numberAttr(how, 'unfolding'),
  );
  const velocity = scan.moments.find((m) => m.moment === 'VRADH');
  if (nyquist && velocity && Math.abs(velocity.max - nyquist.value) > 0.01 * nyquist.value) {
    warnings.push(
      `sweep ${i}: derived Nyquist ${nyquist.value.toFixed(2)} m/s differs from the ${velocity.sourceName} coding range ±${velocity.max.toFixed(2)} m/s`,
    );
  }
  return {
    index: i,
    number: scan.number,
    mode: scan.isRhi ? 'rhi' : 'azimuth_surveillance',
    fixedAngle: numberAttr(how, scan.isRhi ? 'azimuth' : 'elevation') ?? NaN,
    rayCount: scan.rays,
    startTime: isoSeconds(stringAttr(how, 'timestamp')),
    nyquist: nyquist?.value ?? null,
    ...(nyquist ? { nyquistSource: nyquist.source } : {}),
    ...(numberAttr(how, 'PRF') ? { prf: numberAttr(how, 'PRF')! } : {}),
    moments: sortMoments(scan.moments.map((m) => m.moment)),
  };
}

function buildHeader(file: Hdf5File, scans: GamicScan[]): VolumeHeader {
  const warnings: string[] = [];
  const where = file.attributes('/where');
  const rootHow = file.attributes('/how');
  const rootWhat = file.attributes('/what');
  const lat = numberAttr(where, 'lat');
  const lon = numberAttr(where, 'lon');
  if (lat === undefined || lon === undefined) warnings.push('the file has no /where lat/lon: location set to 0, 0');
  const name = stringAttr(rootHow, 'site_name') ?? stringAttr(rootHow, 'host_name') ?? '';
  const sweeps = scans.map((s, i) => sweepHeader(s, i, warnings));
  const times = sweeps.map((s) => s.startTime).filter(Number.isFinite);
  const wavelength = numberAttr(scans[0]!.how, 'radar_wave_length');
  const scalar = (a: H5Attributes): Record<string, string | number> =>
    Object.fromEntries(Object.entries(a).filter((e): e is [string, string | number] => !Array.isArray(e[1])));
  return {
    path: file.path,
    format: 'gamic-h5',
    formatDetail: `GAMIC HDF5${stringAttr(rootHow, 'software') ? ` (${stringAttr(rootHow, 'software')})` : ''}`,
    site: {
      name,
      latitude: lat ?? 0,
      longitude: lon ?? 0,
      altitude: numberAttr(where, 'height') ?? 0,
      ...(lat === undefined || lon === undefined ? { locationAssumed: true } : {}),
    },
    instrument: {
      name: stringAttr(rootHow, 'sdp_name') ?? name,
      ...(wavelength ? { wavelength } : {}),
      ...(numberAttr(rootHow, 'azimuth_beam') ? { beamWidthH: numberAttr(rootHow, 'azimuth_beam')! } : {}),
      ...(numberAttr(rootHow, 'elevation_beam') ? { beamWidthV: numberAttr(rootHow, 'elevation_beam')! } : {}),
    },
    scanType: scans.every((s) => s.isRhi) ? 'rhi' : 'ppi',
    startTime: times.length ? Math.min(...times) : isoSeconds(stringAttr(rootWhat, 'date')),
    endTime: isoSeconds(stringAttr(rootWhat, 'date')),
    sweeps,
    moments: sortMoments(sweeps.flatMap((s) => s.moments)),
    attributes: { ...scalar(rootHow), ...scalar(rootWhat) },
    warnings,
  };
}

async function readField(file: Hdf5File, scan: GamicScan, i: number, moment: MomentName): Promise<SweepField> {
  const m = scan.moments.find((x) => x.moment === moment);
  if (!m) throw new ReaderError('missing-moment', file.path, `sweep ${i} has no ${moment}`);
  const info = file.datasetInfo(m.path);
  if (info.shape[0] !== scan.rays || info.shape[1] !== scan.bins) {
    throw new ReaderError(
      'corrupt',
      file.path,
      `${m.path} is ${info.shape.join('×')}, how says ${scan.rays}×${scan.bins}`,
    );
  }
  const codec = gamicCodec(m.format, m.min, m.max, info.size * 8);
  const step = (numberAttr(scan.how, 'range_step') ?? 0) * (numberAttr(scan.how, 'range_samples') ?? 1);
  const start = numberAttr(scan.how, 'range_start') ?? 0;
  const range = Float32Array.from({ length: scan.bins }, (_, g) => start + (g + 0.5) * step);
  const packType = info.kind === 'int' ? (info.size === 1 ? 'u8' : 'u16') : 'f32';
  return {
    moment,
    sourceName: m.sourceName,
    rays: scan.rays,
    gates: scan.bins,
    range,
    data: decodeGamic(file.readNumeric(m.path), codec),
    ...(codec.integer ? { packing: { type: packType, scale: codec.scale, offset: codec.offset, fill: 0 } } : {}),
    units: momentInfo(moment).units,
  };
}

/** Open a GAMIC file (already open as HDF5); the volume owns `file` and closes it. */
export async function openGamic(file: Hdf5File): Promise<OpenedVolume> {
  const scans = file
    .keys('/')
    .map((k) => /^scan(\d+)$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null && file.typeOf(`/${m[0]}`) === 'group')
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => readScan(file, m[0], Number(m[1])));
  if (scans.length === 0) throw new ReaderError('corrupt', file.path, 'GAMIC file without scan groups');
  const header = buildHeader(file, scans);
  const scanAt = (i: number): GamicScan => {
    const s = scans[i];
    if (!s) throw new ReaderError('corrupt', file.path, `no sweep ${i} (the volume has ${scans.length})`);
    return s;
  };
  return {
    header,
    readGeometry: async (i) => rayGeometry(file, scanAt(i)),
    readField: (i, moment) => readField(file, scanAt(i), i, moment),
    close: () => file.close(),
  };
}
