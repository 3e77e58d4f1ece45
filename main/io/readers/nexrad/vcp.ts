/**
 * Message 5: the volume coverage pattern (VCP). We need the target elevation of each cut, which is
 * what CfRadial calls the sweep's fixed angle. Layout after the 16-byte message header: message size,
 * pattern type, pattern number, number of cuts (u16 each) ... then from byte 22 one 46-byte record per
 * cut, whose first halfword is the elevation as a 16-bit binary angle (x 360/65536 deg).
 */
import { MESSAGE_HEADER_BYTES } from './messages';

const CUT_BYTES = 46;
const CUTS_START = 22;
/** VCPs have at most 25 cuts; allow slack before calling the message corrupt. */
const MAX_CUTS = 64;

export interface CoveragePattern {
  pattern: number;
  /** target elevation of each cut in degrees, cut k at index k-1 (cut numbers are 1-based) */
  cutElevations: number[];
}

/** Parse message 5 at `offset`; null when its counts do not fit (the reader then derives angles). */
export function parseVcp(view: DataView, offset: number, length: number): CoveragePattern | null {
  const h = offset + MESSAGE_HEADER_BYTES;
  const end = offset + length;
  if (h + CUTS_START > end) return null;
  const pattern = view.getUint16(h + 4);
  const cuts = view.getUint16(h + 6);
  if (cuts === 0 || cuts > MAX_CUTS || h + CUTS_START + cuts * CUT_BYTES > end) return null;
  const cutElevations: number[] = [];
  for (let c = 0; c < cuts; c++) cutElevations.push((view.getUint16(h + CUTS_START + c * CUT_BYTES) * 360) / 65536);
  return { pattern, cutElevations };
}
