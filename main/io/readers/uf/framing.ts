/**
 * Record framing of Universal Format (UF) files. A true UF file is a sequence of big-endian records,
 * one ray each, starting with 'UF' and the record length in 16-bit words. Files written through
 * FORTRAN unformatted I/O wrap each record in 4-byte length markers (before and after); some writers
 * use 2-byte markers. The framing is detected from where the first 'UF' sits (offset 0, 2 or 4), and
 * the record length always comes from the UF header itself, which is checked against the marker (a
 * marker may declare a little more, when the writer padded its records).
 */

/** Bytes of marker before (and after) each record: 0 for bare UF. */
export type UfPadding = 0 | 2 | 4;

/** The mandatory header is 45 words; no valid record is shorter. */
export const MANDATORY_HEADER_WORDS = 45;
/** Bytes a writer may pad a marked record with beyond its UF length (fixed-size tape blocks). */
const MAX_RECORD_PAD = 65_536;

export interface UfRecord {
  /** byte offset of the record's 'UF' in the content */
  offset: number;
  /** bytes in the record (2 × its length word) */
  length: number;
}

const isUf = (b: Uint8Array, at: number): boolean => b[at] === 0x55 && b[at + 1] === 0x46;

/**
 * Bytes the marker before a record declares, read in either byte order (FORTRAN writes the writer's
 * native order): the UF record length itself, or more when the writer padded the record; null when
 * neither reading fits.
 */
function markedLength(b: Uint8Array, at: number, padding: UfPadding, recordBytes: number): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const readings =
    padding === 4
      ? [view.getUint32(at, false), view.getUint32(at, true)]
      : [view.getUint16(at, false), view.getUint16(at, true)];
  if (readings.includes(recordBytes)) return recordBytes;
  const padded = readings.find((n) => n > recordBytes && n <= recordBytes + MAX_RECORD_PAD);
  return padded ?? null;
}

/** Record length in bytes from the UF header at `at`, or 0 when it is implausible. */
function recordBytesAt(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) return 0;
  const words = (b[at + 2]! << 8) | b[at + 3]!;
  return words >= MANDATORY_HEADER_WORDS && words <= 0x7fff ? words * 2 : 0;
}

/** The framing of a UF file from its first bytes, or null when it is not UF. */
export function detectFraming(head: Uint8Array): UfPadding | null {
  if (isUf(head, 0) && recordBytesAt(head, 0) > 0) return 0;
  for (const padding of [4, 2] as const) {
    if (!isUf(head, padding)) continue;
    const bytes = recordBytesAt(head, padding);
    if (bytes > 0 && markedLength(head, 0, padding, bytes) !== null) return padding;
  }
  return null;
}

/**
 * Split the content into records. Stops at the first place that does not hold a complete UF record
 * and says why in `stopReason` (null when the content ends cleanly after a record).
 */
export function splitRecords(
  bytes: Uint8Array,
  padding: UfPadding,
): { records: UfRecord[]; stopReason: string | null } {
  const records: UfRecord[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const at = pos + padding;
    if (at + 4 > bytes.length) return { records, stopReason: `${bytes.length - pos} bytes too short for a record` };
    if (!isUf(bytes, at)) return { records, stopReason: `no 'UF' record start at byte ${at}` };
    const length = recordBytesAt(bytes, at);
    if (length === 0) return { records, stopReason: `implausible record length at byte ${at}` };
    const marked = padding > 0 ? markedLength(bytes, pos, padding, length) : length;
    if (marked === null) {
      return { records, stopReason: `the record marker at byte ${pos} disagrees with the UF record length` };
    }
    if (at + marked > bytes.length) return { records, stopReason: `the record at byte ${at} is cut short` };
    records.push({ offset: at, length });
    pos = at + marked + padding;
  }
  return { records, stopReason: null };
}
