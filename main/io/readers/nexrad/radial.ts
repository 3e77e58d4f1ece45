/**
 * What the NEXRAD reader keeps per radial after opening: geometry, time, Nyquist and where each
 * moment's gates sit in the decompressed message stream. Gate data stays packed until a field is read.
 */

/** Where one moment's packed gates are, and how to unpack them: physical = (raw - addOffset) / scale. */
export interface MomentRef {
  /** the name in the file ('REF', 'VEL', 'SW', 'ZDR', 'PHI', 'RHO', 'CFP') */
  name: string;
  /** byte offset of the first gate in the chunk */
  dataOffset: number;
  gates: number;
  /** metres to the centre of the first gate */
  firstGate: number;
  /** metres between gate centres */
  gateSpacing: number;
  /** bits per gate: 8 or 16 */
  wordSize: 8 | 16;
  /** ICD convention: physical = (raw - addOffset) / scale; raw 0 = below threshold, 1 = range folded */
  scale: number;
  addOffset: number;
}

export interface Radial {
  /** index of the chunk (decompressed record) holding this radial */
  chunk: number;
  /** degrees clockwise from north */
  azimuth: number;
  /** degrees above the horizon */
  elevation: number;
  /** seconds since epoch, UTC */
  time: number;
  /** elevation (cut) number in the volume coverage pattern, 1-based */
  elevationNumber: number;
  /** 0 start of elevation, 1 intermediate, 2 end of elevation, 3 start of volume, 4 end of volume, 5 start of last elevation */
  status: number;
  /** m/s; NaN when the radial carries none (legacy surveillance radials store 0) */
  nyquist: number;
  /** metres; NaN when unknown */
  unambiguousRange: number;
  moments: MomentRef[];
}

export const RADIAL_STATUS_END_OF_ELEVATION = 2;
export const RADIAL_STATUS_END_OF_VOLUME = 4;

/** NEXRAD angles, times: modified Julian date (day 1 = 1970-01-01) + ms after midnight -> s since epoch. */
export const nexradTime = (julianDate: number, msOfDay: number): number => (julianDate - 1) * 86_400 + msOfDay / 1000;
