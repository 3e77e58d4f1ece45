/**
 * ODIM_H5 polar volumes (PVOL) and scans (SCAN) onto Unfold's volume model. Opening reads only
 * attributes; `readField` reads one sweep's data array and decodes raw · gain + offset (float64, then
 * float32, as Py-ART does), with `nodata` and `undetect` both → NaN. Quantities map through the
 * registry's ODIM aliases, so BoM's own dealiased velocity VRADDH stays its own moment.
 */
import { momentFromSourceName, momentInfo, type MomentName, sortMoments } from '../../../../common/moments';
import type { OpenedVolume, Packing, SweepField, SweepHeader, VolumeHeader } from '../../../../common/volume';
import type { Hdf5File, H5Numeric } from '../../hdf5/hdf5-file';
import { type H5Attributes, numberAttr, stringAttr } from '../../hdf5/h5-attributes';
import { ReaderError } from '../../reader-error';
import { odimGeometry } from './odim-geometry';
import { odimNyquist } from './odim-nyquist';
import {
  odimDateTime,
  type OdimCoding,
  type OdimStructure,
  type OdimSweep,
  RAY_HOW,
  readCoding,
  readOdimStructure,
} from './odim-structure';

const PACKING: Record<string, Packing['type']> = {
  Uint8Array: 'u8',
  Int8Array: 'i8',
  Uint16Array: 'u16',
  Int16Array: 'i16',
  Int32Array: 'i32',
  Float32Array: 'f32',
  Float64Array: 'f64',
};

/** Station name from what/source ("WMO:02092,NOD:selul,RAD:SE41,PLC:Luleå"): NOD, RAD, PLC, then WMO. */
export function odimStationName(source: string | undefined): string {
  const parts = new Map(
    (source ?? '').split(',').map((p) => {
      const [k, ...v] = p.split(':');
      return [k!.trim(), v.join(':').trim()] as const;
    }),
  );
  return parts.get('NOD') || parts.get('RAD') || parts.get('PLC') || parts.get('WMO') || (source ?? '');
}

function decode(raw: H5Numeric, coding: OdimCoding): Float32Array {
  const out = new Float32Array(raw.length);
  const { gain, offset, nodata, undetect } = coding;
  for (let i = 0; i < raw.length; i++) {
    const v = Number(raw[i]!);
    out[i] = v === nodata || v === undetect || v !== v ? NaN : v * gain + offset;
  }
  return out;
}

const scalars = (attrs: H5Attributes): Record<string, string | number> =>
  Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string | number] => !Array.isArray(e[1])));

function sweepHeader(s: OdimSweep, i: number, warnings: string[]): SweepHeader {
  const nyquist = odimNyquist(s.how);
  const moments = sortMoments(s.quantities.map((q) => momentFromSourceName('odim', q.quantity)));
  if (!nyquist && moments.some((m) => m === 'VRADH' || m === 'VRADV')) {
    warnings.push(`sweep ${i}: no how/NI and no PRF + wavelength to derive the Nyquist velocity`);
  }
  return {
    index: i,
    number: s.number,
    mode: 'azimuth_surveillance',
    fixedAngle: s.elangle,
    rayCount: s.nrays,
    startTime: s.startTime ?? NaN,
    nyquist: nyquist?.value ?? null,
    ...(nyquist ? { nyquistSource: nyquist.source } : {}),
    ...(nyquist?.prf ? { prf: nyquist.prf } : {}),
    moments,
  };
}

function buildHeader(file: Hdf5File, odim: OdimStructure): VolumeHeader {
  const warnings: string[] = [];
  const where = odim.rootWhere;
  const lat = numberAttr(where, 'lat');
  const lon = numberAttr(where, 'lon');
  if (lat === undefined || lon === undefined) warnings.push('the file has no /where lat/lon: location set to 0, 0');
  const name = odimStationName(stringAttr(odim.rootWhat, 'source'));
  const wavelengthCm = numberAttr(odim.rootHow, 'wavelength') ?? numberAttr(odim.sweeps[0]!.how, 'wavelength');
  const beamH = numberAttr(odim.rootHow, 'beamwH') ?? numberAttr(odim.rootHow, 'beamwidth');
  const beamV = numberAttr(odim.rootHow, 'beamwV') ?? numberAttr(odim.rootHow, 'beamwidth');
  const sweeps = odim.sweeps.map((s, i) => sweepHeader(s, i, warnings));
  const nominal = odimDateTime(stringAttr(odim.rootWhat, 'date'), stringAttr(odim.rootWhat, 'time')) ?? NaN;
  const starts = odim.sweeps.map((s) => s.startTime).filter((t): t is number => t !== null);
  const ends = odim.sweeps.map((s) => s.endTime ?? s.startTime).filter((t): t is number => t !== null);
  return {
    path: file.path,
    format: 'odim-h5',
    formatDetail: `${odim.conventions} ${odim.object || 'PVOL'}${odim.version ? ` (${odim.version})` : ''}`,
    site: {
      name,
      latitude: lat ?? 0,
      longitude: lon ?? 0,
      altitude: numberAttr(where, 'height') ?? 0,
      ...(lat === undefined || lon === undefined ? { locationAssumed: true } : {}),
    },
    instrument: {
      name,
      ...(wavelengthCm ? { wavelength: wavelengthCm / 100 } : {}),
      ...(beamH !== undefined ? { beamWidthH: beamH } : {}),
      ...(beamV !== undefined ? { beamWidthV: beamV } : {}),
    },
    scanType: 'ppi',
    startTime: starts.length > 0 ? Math.min(...starts) : nominal,
    endTime: ends.length > 0 ? Math.max(...ends) : nominal,
    sweeps,
    moments: sortMoments(sweeps.flatMap((s) => s.moments)),
    attributes: { ...scalars(odim.rootHow), ...scalars(odim.rootWhat), Conventions: odim.conventions },
    warnings,
  };
}

/** Open an ODIM_H5 file (already open as HDF5); the volume owns `file` and closes it. */
export async function openOdim(file: Hdf5File): Promise<OpenedVolume> {
  const odim = readOdimStructure(file);
  const header = buildHeader(file, odim);
  const sweepAt = (i: number): OdimSweep => {
    const s = odim.sweeps[i];
    if (!s) throw new ReaderError('corrupt', file.path, `no sweep ${i} (the volume has ${odim.sweeps.length})`);
    return s;
  };
  return {
    header,
    readGeometry: async (i) => {
      const s = sweepAt(i);
      return odimGeometry(s, file.attributesNamed(`${s.group}/how`, RAY_HOW));
    },
    readField: async (i: number, moment: MomentName): Promise<SweepField> => {
      const s = sweepAt(i);
      const q = s.quantities.find((x) => momentFromSourceName('odim', x.quantity) === moment);
      if (!q) {
        const have = header.sweeps[i]!.moments.join(', ') || 'none';
        throw new ReaderError('missing-moment', file.path, `sweep ${i} has no ${moment} (it has ${have})`);
      }
      const info = file.datasetInfo(q.path);
      if (info.shape[0] !== s.nrays || info.shape[1] !== s.nbins) {
        throw new ReaderError(
          'corrupt',
          file.path,
          `${q.path} is ${info.shape.join('×')}, where says ${s.nrays}×${s.nbins}`,
        );
      }
      const raw = file.readNumeric(q.path);
      const coding = readCoding(file, q);
      const type = PACKING[raw.constructor.name];
      const range = new Float32Array(s.nbins);
      for (let g = 0; g < s.nbins; g++) range[g] = s.rstart + (g + 0.5) * s.rscale;
      return {
        moment,
        sourceName: q.quantity,
        rays: s.nrays,
        gates: s.nbins,
        range,
        data: decode(raw, coding),
        ...(type
          ? {
              packing: {
                type,
                scale: coding.gain,
                offset: coding.offset,
                ...(coding.nodata !== undefined ? { fill: coding.nodata } : {}),
              },
            }
          : {}),
        // ODIM does not store units: each quantity's units are fixed by the specification.
        units: momentInfo(moment).units,
      };
    },
    close: () => file.close(),
  };
}
