/**
 * Message 1 ("digital radar data", the legacy format before Build 10; ARCHIVE2 and AR2V0001 files).
 * Data header after the 16-byte message header (byte offsets):
 *   0 collection time (ms, u32), 4 modified Julian date, 6 unambiguous range (0.1 km), 8 azimuth
 *   (coded: x 180/32768 deg), 10 azimuth number, 12 radial status, 14 elevation (coded), 16 elevation
 *   number, 18 / 20 surveillance / Doppler range to the first gate (m, signed), 22 / 24 surveillance /
 *   Doppler gate interval (m), 26 / 28 surveillance / Doppler gate count, 30 cut sector, 32 calibration
 *   constant (f32), 36 / 38 / 40 pointers to REF / VEL / SW (bytes from the data header start),
 *   42 velocity resolution (2 = 0.5 m/s, 4 = 1.0 m/s), 44 VCP, 60 Nyquist velocity (0.01 m/s).
 * Gates are 8-bit: REF = (raw - 66) / 2 dBZ, VEL = (raw - 129) x resolution, SW = (raw - 129) / 2 m/s.
 */
import { MESSAGE_HEADER_BYTES } from './messages';
import { MessageFormatError } from './msg31';
import { nexradTime, type MomentRef, type Radial } from './radial';

const DATA_HEADER_BYTES = 100;
const CODED_ANGLE = 180 / 32768;
/** Coded angles run 0..360 deg; an elevation above 180 deg is a small negative one. */
const signedAngle = (deg: number): number => (deg > 180 ? deg - 360 : deg);

export interface Msg1Parse {
  radial: Radial;
  vcp: number;
  /** the velocity resolution code when it is neither 2 nor 4 (0.5 m/s was assumed), else null */
  oddResolution: number | null;
}

function moment(
  name: string,
  h: number,
  end: number,
  pointer: number,
  gates: number,
  geometry: { first: number; spacing: number },
  packing: { scale: number; addOffset: number },
): MomentRef | null {
  if (gates === 0 || pointer === 0) return null;
  if (pointer < DATA_HEADER_BYTES || h + pointer + gates > end) {
    throw new MessageFormatError(`${name} (${gates} gates at byte ${pointer}) runs past the end of its radial`);
  }
  return {
    name,
    dataOffset: h + pointer,
    gates,
    firstGate: geometry.first,
    gateSpacing: geometry.spacing,
    wordSize: 8,
    ...packing,
  };
}

export function parseMsg1(view: DataView, offset: number, length: number, chunk: number): Msg1Parse {
  const h = offset + MESSAGE_HEADER_BYTES;
  const end = offset + length;
  if (h + DATA_HEADER_BYTES > end) throw new MessageFormatError('a message-1 radial is shorter than its header');
  const resolutionCode = view.getUint16(h + 42);
  const surveillance = { first: view.getInt16(h + 18), spacing: view.getUint16(h + 22) };
  const doppler = { first: view.getInt16(h + 20), spacing: view.getUint16(h + 24) };
  const surGates = view.getUint16(h + 26);
  const dopGates = view.getUint16(h + 28);
  // physical = (raw - addOffset) / scale; 0.5 m/s velocity steps are scale 2, 1.0 m/s steps scale 1
  const velScale = resolutionCode === 4 ? 1 : 2;
  const moments = [
    moment('REF', h, end, view.getUint16(h + 36), surGates, surveillance, { scale: 2, addOffset: 66 }),
    moment('VEL', h, end, view.getUint16(h + 38), dopGates, doppler, { scale: velScale, addOffset: 129 }),
    moment('SW', h, end, view.getUint16(h + 40), dopGates, doppler, { scale: 2, addOffset: 129 }),
  ].filter((m): m is MomentRef => m !== null);
  const nyquist = view.getInt16(h + 60) * 0.01;
  const unambiguous = view.getInt16(h + 6) * 100;
  const radial: Radial = {
    chunk,
    azimuth: view.getUint16(h + 8) * CODED_ANGLE,
    elevation: signedAngle(view.getUint16(h + 14) * CODED_ANGLE),
    time: nexradTime(view.getUint16(h + 4), view.getUint32(h)),
    elevationNumber: view.getUint16(h + 16),
    status: view.getUint16(h + 12),
    nyquist: nyquist > 0 ? nyquist : NaN,
    unambiguousRange: unambiguous > 0 ? unambiguous : NaN,
    moments,
  };
  const velocity = dopGates > 0 && view.getUint16(h + 38) !== 0;
  const oddResolution = velocity && resolutionCode !== 2 && resolutionCode !== 4 ? resolutionCode : null;
  return { radial, vcp: view.getUint16(h + 44), oddResolution };
}
