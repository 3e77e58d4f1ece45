/**
 * Turns the NEXRAD index into the shared VolumeHeader: site (message 31 VOL block, else the user's
 * override, else the WSR-88D site table by ICAO id, else 0 N 0 E flagged as assumed), sweeps with their
 * fixed angle, ray count, Nyquist and moments, and the volume times.
 */
import { momentFromSourceName, sortMoments } from '../../../../common/moments';
import type { Site, SweepHeader, VolumeHeader } from '../../../../common/volume';
import type { ReaderOptions } from '../../reader';
import { sweepMomentNames } from './fields';
import { wsr88dSite } from './sites';
import type { SweepRays } from './sweeps';
import type { VolumeHeaderRecord } from './volume-header';
import type { VolumeIndex } from './volume-index';

export interface HeaderInputs {
  path: string;
  volumeHeader: VolumeHeaderRecord;
  index: VolumeIndex;
  sweeps: SweepRays[];
  options: ReaderOptions;
  warnings: string[];
}

function resolveSite(inputs: HeaderInputs): Site {
  const { volumeHeader, index, options, warnings } = inputs;
  const icao =
    volumeHeader.icao ?? (index.radialIcao && /^[A-Z0-9]{4}$/.test(index.radialIcao) ? index.radialIcao : null);
  const name = options.siteOverride?.name ?? icao ?? 'unknown';
  if (index.site) {
    // the VOL block gives the ground height and the feedhorn's height above it: the antenna altitude is the sum
    const { latitude, longitude, height, feedhornHeight } = index.site;
    return { name, latitude, longitude, altitude: height + feedhornHeight };
  }
  const override = options.siteOverride;
  if (override && override.latitude !== undefined && override.longitude !== undefined) {
    return {
      name,
      latitude: override.latitude,
      longitude: override.longitude,
      altitude: override.altitude ?? 0,
      locationAssumed: true,
    };
  }
  const known = icao ? wsr88dSite(icao) : null;
  if (known) return { name, ...known };
  // Legacy ARCHIVE2 files may name no site. 0 N 0 E (not NaN) keeps geometry code working; the flag and
  // the warning make sure nobody mistakes it for a real location.
  warnings.push(
    icao
      ? `site ${icao} is not in the WSR-88D site table and the file has no coordinates; assumed 0 N 0 E at 0 m`
      : 'the file names no radar site and has no coordinates; assumed 0 N 0 E at 0 m (pass a site override)',
  );
  return { name, latitude: 0, longitude: 0, altitude: 0, locationAssumed: true };
}

/**
 * Fixed angle of a sweep. Message 31: the VCP's target elevation for the cut (as Py-ART). Message 1:
 * the first radial's elevation rounded to 0.1 deg (Py-ART's rule for legacy files, kept for parity).
 */
function fixedAngle(index: VolumeIndex, sweep: SweepRays): number {
  const cut = index.vcp?.cutElevations[sweep.number - 1];
  if (index.messageType === 31 && cut !== undefined) return cut;
  return Math.round(sweep.rays[0]!.elevation * 10) / 10;
}

function sweepHeader(index: VolumeIndex, sweep: SweepRays, i: number): SweepHeader {
  const first = sweep.rays[0]!;
  const nyquist = first.nyquist;
  const unambiguous = first.unambiguousRange;
  return {
    index: i,
    number: sweep.number,
    mode: 'azimuth_surveillance',
    fixedAngle: fixedAngle(index, sweep),
    rayCount: sweep.rays.length,
    startTime: first.time,
    // the first radial's value, as Py-ART reports it; every radial's value is in the sweep geometry
    nyquist: Number.isFinite(nyquist) ? nyquist : null,
    ...(Number.isFinite(nyquist) ? { nyquistSource: 'file' } : {}),
    // the PRF is not derived from it: the range is stored in whole km here, too coarse for an exact PRF
    ...(Number.isFinite(unambiguous) ? { unambiguousRange: unambiguous } : {}),
    moments: sortMoments(sweepMomentNames(sweep).map((n) => momentFromSourceName('nexrad', n))),
  };
}

export function buildVolumeHeader(inputs: HeaderInputs): VolumeHeader {
  const { path, volumeHeader, index, sweeps, warnings } = inputs;
  const site = resolveSite(inputs);
  const sweepHeaders = sweeps.map((s, i) => sweepHeader(index, s, i));
  const times = sweeps.flatMap((s) => [s.rays[0]!.time, s.rays[s.rays.length - 1]!.time]);
  const format = index.messageType === 31 ? 'nexrad-level2-msg31' : 'nexrad-level2-msg1';
  const attributes: Record<string, string | number> = {
    source: 'NEXRAD Level II archive',
    volume_header: `${volumeHeader.tape}.${volumeHeader.extension}`,
  };
  if (index.vcpNumber !== null) attributes['vcp'] = index.vcpNumber;
  return {
    path,
    format,
    formatDetail: `${volumeHeader.tape} (message ${index.messageType})`,
    site,
    instrument: { name: site.name },
    scanType: 'ppi',
    startTime: Math.min(...times),
    endTime: Math.max(...times),
    sweeps: sweepHeaders,
    moments: sortMoments(sweepHeaders.flatMap((s) => s.moments)),
    attributes,
    warnings,
  };
}
