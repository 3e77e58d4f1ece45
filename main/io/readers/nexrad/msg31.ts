/**
 * Message 31 ("digital radar data generic format", ICD 2620002, Build 10 and later). After the
 * 16-byte message header comes the data header block:
 *   0 ICAO (4 chars), 4 collection time (ms after midnight, u32), 8 modified Julian date (u16),
 *   10 azimuth number (u16), 12 azimuth (f32, deg), 16 compression, 18 radial length,
 *   20 azimuth resolution (1 = 0.5 deg, 2 = 1 deg), 21 radial status, 22 elevation number,
 *   23 cut sector, 24 elevation (f32, deg), 28 spot blanking, 29 azimuth indexing,
 *   30 data block count (u16), 32 data block pointers (u32 each, bytes from the data header start).
 * Data blocks: 'R' + VOL / ELV / RAD (site, calibration, per-radial Nyquist) or 'D' + a moment name.
 */
import { MESSAGE_HEADER_BYTES } from './messages';
import { nexradTime, type MomentRef, type Radial } from './radial';

/** The ICD allows up to 10 blocks (3 constant + 7 moments); leave room for future moments. */
const MAX_BLOCKS = 16;
/** Longest NEXRAD radial today is 1840 gates; refuse counts far beyond any radar's. */
export const MAX_GATES = 4000;

export interface SiteBlock {
  /** degrees north / east */
  latitude: number;
  longitude: number;
  /** metres above sea level of the site */
  height: number;
  /** metres of the feedhorn above the ground */
  feedhornHeight: number;
  vcp: number;
}

export interface Msg31Parse {
  radial: Radial;
  site: SiteBlock | null;
  icao: string;
}

/** A parse failure: what is wrong, for the reader to wrap in a ReaderError. */
export class MessageFormatError extends Error {}

function momentBlock(view: DataView, at: number, end: number, name: string): MomentRef {
  if (at + 28 > end) throw new MessageFormatError(`the ${name} block runs past the end of its radial`);
  const gates = view.getUint16(at + 8);
  const wordSize = view.getUint8(at + 19);
  if (wordSize !== 8 && wordSize !== 16)
    throw new MessageFormatError(`${name} has a data word size of ${wordSize} bits`);
  if (gates > MAX_GATES) throw new MessageFormatError(`${name} claims ${gates} gates`);
  const dataOffset = at + 28;
  if (dataOffset + (gates * wordSize) / 8 > end) {
    throw new MessageFormatError(`the ${name} gates (${gates}) run past the end of their radial`);
  }
  const scale = view.getFloat32(at + 20);
  const addOffset = view.getFloat32(at + 24);
  if (!(scale !== 0 && Number.isFinite(scale) && Number.isFinite(addOffset))) {
    throw new MessageFormatError(`${name} has an unusable scale ${scale} / offset ${addOffset}`);
  }
  return {
    name,
    dataOffset,
    gates,
    firstGate: view.getInt16(at + 10),
    gateSpacing: view.getUint16(at + 12),
    wordSize,
    scale,
    addOffset,
  };
}

function siteBlock(view: DataView, at: number, end: number): SiteBlock | null {
  if (at + 42 > end) return null;
  return {
    latitude: view.getFloat32(at + 8),
    longitude: view.getFloat32(at + 12),
    height: view.getInt16(at + 16),
    feedhornHeight: view.getUint16(at + 18),
    vcp: view.getUint16(at + 40),
  };
}

/** The names every radial repeats, as constants: a new string per block would feed the garbage collector. */
const KNOWN_BLOCKS: ReadonlyMap<number, string> = new Map(
  ['REF', 'VEL', 'SW ', 'ZDR', 'PHI', 'RHO', 'CFP', 'VOL', 'ELV', 'RAD'].map((n) => [
    (n.charCodeAt(0) << 16) | (n.charCodeAt(1) << 8) | n.charCodeAt(2),
    n.trim(),
  ]),
);

function blockName(view: DataView, at: number): string {
  const code = (view.getUint8(at + 1) << 16) | (view.getUint8(at + 2) << 8) | view.getUint8(at + 3);
  return (
    KNOWN_BLOCKS.get(code) ??
    String.fromCharCode(view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3)).trim()
  );
}

const BLOCK_DATA = 0x44; // 'D': a moment
const BLOCK_CONSTANT = 0x52; // 'R': volume, elevation or radial constants

/**
 * Parse the radial whose message header starts at `offset` (length `length` bytes) in `view`. The site
 * block and the ICAO id are the same in every radial: with `withSite` false (the caller has them
 * already) they are skipped, and come back as null and ''.
 * Throws MessageFormatError when a count or pointer is impossible.
 */
export function parseMsg31(view: DataView, offset: number, length: number, chunk: number, withSite = true): Msg31Parse {
  const h = offset + MESSAGE_HEADER_BYTES;
  const end = offset + length;
  const icao = withSite
    ? String.fromCharCode(view.getUint8(h), view.getUint8(h + 1), view.getUint8(h + 2), view.getUint8(h + 3))
    : '';
  const blockCount = view.getUint16(h + 30);
  if (blockCount > MAX_BLOCKS || h + 32 + 4 * blockCount > end) {
    throw new MessageFormatError(`a radial claims ${blockCount} data blocks`);
  }
  const azimuth = view.getFloat32(h + 12);
  const elevation = view.getFloat32(h + 24);
  // float angles from a damaged uncompressed archive would otherwise pass silently into the geometry
  if (!(azimuth >= 0 && azimuth <= 360) || !(elevation >= -10 && elevation <= 90)) {
    throw new MessageFormatError(`a radial has an impossible azimuth ${azimuth} / elevation ${elevation} deg`);
  }
  const radial: Radial = {
    chunk,
    azimuth,
    elevation,
    time: nexradTime(view.getUint16(h + 8), view.getUint32(h + 4)),
    elevationNumber: view.getUint8(h + 22),
    status: view.getUint8(h + 21),
    nyquist: NaN,
    unambiguousRange: NaN,
    moments: [],
  };
  let site: SiteBlock | null = null;
  for (let b = 0; b < blockCount; b++) {
    const pointer = view.getUint32(h + 32 + 4 * b);
    if (pointer === 0) continue; // unused slot
    const at = h + pointer;
    if (pointer < 32 || at + 4 > end)
      throw new MessageFormatError(`data block pointer ${pointer} is outside its radial`);
    const kind = view.getUint8(at);
    const name = blockName(view, at);
    if (kind === BLOCK_DATA) radial.moments.push(momentBlock(view, at, end, name));
    else if (kind === BLOCK_CONSTANT && name === 'VOL') site = withSite ? siteBlock(view, at, end) : null;
    else if (kind === BLOCK_CONSTANT && name === 'RAD' && at + 18 <= end) {
      radial.unambiguousRange = view.getInt16(at + 6) * 100; // 0.1 km -> m
      const nyquist = view.getInt16(at + 16) * 0.01; // 0.01 m/s -> m/s
      radial.nyquist = nyquist > 0 ? nyquist : NaN;
    }
  }
  return { radial, site, icao };
}
