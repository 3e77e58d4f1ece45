/**
 * The radar volume model shared by readers, services, the dealias engine, the exporter and the renderer.
 *
 * Vocabulary follows LROSE Radx / CfRadial: a volume holds sweeps; a sweep holds rays; each moment of a
 * sweep is one contiguous row-major Float32Array [ray][gate] with NaN for missing gates. Headers are
 * cheap to read (opening a file); sweep fields are decoded on demand.
 *
 * Units: angles in degrees, ranges and altitudes in metres, velocities in m/s, times in seconds since
 * 1970-01-01T00:00:00Z (UTC), wavelength in metres, PRF in Hz.
 */
import type { MomentName } from './moments';

/** File formats Unfold can read, by container and convention. */
export type FileFormat =
  | 'nexrad-level2-msg31'
  | 'nexrad-level2-msg1'
  | 'cfradial-netcdf4'
  | 'cfradial-netcdf3'
  | 'odim-h5'
  | 'gamic-h5'
  | 'sigmet-iris'
  | 'universal-format';

/** What a volume scanned. `sector` is a PPI that does not cover 360°; `vpt` is vertically pointing. */
export type ScanType = 'ppi' | 'rhi' | 'sector' | 'vpt' | 'other';

/** CfRadial sweep_mode values that Unfold distinguishes. */
export type SweepMode =
  'azimuth_surveillance' | 'sector' | 'rhi' | 'vertical_pointing' | 'manual_ppi' | 'manual_rhi' | 'other';

export interface Site {
  name: string;
  /** degrees north */
  latitude: number;
  /** degrees east */
  longitude: number;
  /** metres above mean sea level */
  altitude: number;
  /** true when the file carried no location and the reader used a default or a user-supplied one */
  locationAssumed?: boolean;
}

export interface Instrument {
  name: string;
  /** metres; undefined when the file does not say */
  wavelength?: number;
  /** degrees */
  beamWidthH?: number;
  beamWidthV?: number;
}

/** Header of one sweep: everything but the gate data. */
export interface SweepHeader {
  /** 0-based position in the volume */
  index: number;
  /** sweep number as the file numbers it (CfRadial sweep_number, NEXRAD elevation number, ...) */
  number: number;
  mode: SweepMode;
  /** degrees: elevation for PPI, azimuth for RHI */
  fixedAngle: number;
  rayCount: number;
  /** seconds since epoch, UTC */
  startTime: number;
  /** m/s; null when neither the file nor derivable metadata gives one */
  nyquist: number | null;
  /** how the Nyquist was obtained, for the user: 'file', 'prf+wavelength', 'dual-prf', 'user', ... */
  nyquistSource?: string;
  /** moments that have data in this sweep */
  moments: MomentName[];
  /** Hz, where known */
  prf?: number;
  /** metres, where the file gives it (NEXRAD msg31 RAD block, msg1 header; first ray of the sweep) */
  unambiguousRange?: number;
}

/** Per-ray geometry of one sweep. */
export interface SweepGeometry {
  /** degrees clockwise from north, one per ray */
  azimuth: Float32Array;
  /** degrees above horizon, one per ray */
  elevation: Float32Array;
  /** seconds since epoch, one per ray */
  time: Float64Array;
  /** m/s per ray where the file carries it (NEXRAD msg31 RAD block, CfRadial nyquist_velocity) */
  nyquistPerRay?: Float32Array;
  /** metres per ray where the file carries it (NEXRAD, CfRadial unambiguous_range) */
  unambiguousRangePerRay?: Float32Array;
}

/** Original storage of a field, kept so the exporter can write it back the way it came. */
export interface Packing {
  /** storage type in the file */
  type: 'u8' | 'i8' | 'u16' | 'i16' | 'i32' | 'f32' | 'f64';
  /** physical = raw * scale + offset */
  scale: number;
  offset: number;
  /** raw value meaning "no data", if any */
  fill?: number;
  /** raw value meaning "range folded" (NEXRAD: 1), decoded as NaN like `fill`; absent when the format has none */
  rangeFolded?: number;
}

/** One moment of one sweep, decoded. */
export interface SweepField {
  moment: MomentName;
  /** the name the file used (e.g. 'VEL', 'mean_doppler_velocity', 'VRADH') */
  sourceName: string;
  rays: number;
  gates: number;
  /** metres from the radar to the centre of each gate, length `gates` */
  range: Float32Array;
  /** row-major [ray][gate], length rays*gates, NaN for missing/below threshold */
  data: Float32Array;
  packing?: Packing;
  /** units as the file states them */
  units: string;
}

/** Everything known about a volume without decoding its gate data. */
export interface VolumeHeader {
  /** absolute path of the file that was opened */
  path: string;
  format: FileFormat;
  /** human-readable detail, e.g. 'AR2V0006 (message 31)' or 'ODIM_H5/V2_2 PVOL' */
  formatDetail: string;
  site: Site;
  instrument: Instrument;
  scanType: ScanType;
  /** seconds since epoch, UTC */
  startTime: number;
  endTime: number;
  sweeps: SweepHeader[];
  /** union of the moments of all sweeps, in registry order */
  moments: MomentName[];
  /** global metadata to carry into exports (title, institution, source, history, ...) */
  attributes: Record<string, string | number>;
  /** things the reader noticed and worked around (assumed location, skipped truncated sweep, ...) */
  warnings: string[];
}

/** A volume that has been opened; fields are decoded on demand and may be cached by the reader. */
export interface OpenedVolume {
  header: VolumeHeader;
  readGeometry(sweep: number): Promise<SweepGeometry>;
  /** Rejects with a ReaderError if the moment is not in that sweep. */
  readField(sweep: number, moment: MomentName): Promise<SweepField>;
  /** Release file handles and caches. */
  close(): void;
}
