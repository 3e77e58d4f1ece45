/**
 * The compressed ray stream of an IRIS RAW file (IRIS Programmer's Manual, "RAW product format" and
 * "run-length compression of rays"). Rays flow through the data words of consecutive 6144-byte
 * records, skipping each record's 6-word raw_prod_bhdr. Each ray is a sequence of 16-bit control words:
 *   0x8000 + n  → n literal data words follow;
 *   n ≥ 2       → n zero words;
 *   1           → end of ray (as the first word: the ray was not recorded).
 * A decoded ray is a 6-word ray header (azimuth/elevation at start and end as BIN2, bin count, time
 * offset in seconds) followed by the bin data.
 *
 * Every read is bounds-checked against the file and every write against the ray buffer, so a corrupt
 * stream ends in a ReaderError, never in an out-of-range access or an endless loop (each step consumes
 * at least one word of a finite file).
 */
import { ReaderError } from '../../reader-error';
import { BHDR_WORDS, RECORD_BYTES, RECORD_WORDS } from './structures';

/** Words of the ray header that precedes the bins of every recorded ray. */
export const RAY_HEADER_WORDS = 6;

/** A position in the stream: the word index in the file, record * RECORD_WORDS + word. */
export type StreamPosition = number;

/** Sequential reader of the data words of consecutive records. */
export class RecordCursor {
  private record: number;
  private word: number;

  constructor(
    private readonly view: DataView,
    private readonly recordCount: number,
    private readonly path: string,
    start: StreamPosition,
  ) {
    this.record = Math.floor(start / RECORD_WORDS);
    this.word = start % RECORD_WORDS;
  }

  /** Where the next word will be read from (normalised past a used-up record). */
  get position(): StreamPosition {
    return this.word >= RECORD_WORDS
      ? (this.record + 1) * RECORD_WORDS + BHDR_WORDS
      : this.record * RECORD_WORDS + this.word;
  }

  /** Index of the record holding the most recently read word (the next sweep starts after it). */
  get lastRecord(): number {
    return this.record;
  }

  /** Next stream word as a signed 16-bit value, moving into the next record when this one is used up. */
  next(): number {
    if (this.word >= RECORD_WORDS) {
      this.record += 1;
      this.word = BHDR_WORDS;
    }
    if (this.record >= this.recordCount) {
      throw new ReaderError('truncated', this.path, `the IRIS ray stream runs past the end of the file`);
    }
    const value = this.view.getInt16(this.record * RECORD_BYTES + this.word * 2, true);
    this.word += 1;
    return value;
  }
}

/**
 * Decode one ray at the cursor into `out` (when given; otherwise only walk over it).
 * Returns the number of words the ray decodes to, or -1 when the ray was not recorded.
 * Words of `out` beyond the returned count are left as they were (callers zero them).
 */
export function readRay(cursor: RecordCursor, maxWords: number, out: Uint16Array | null, path: string): number {
  let code = cursor.next();
  if (code === 1) return -1;
  let length = 0;
  while (code !== 1) {
    if (code < 0) {
      const count = code & 0x7fff;
      if (length + count > maxWords) throw overflow(path, length + count, maxWords);
      if (out) for (let i = 0; i < count; i++) out[length + i] = cursor.next() & 0xffff;
      else for (let i = 0; i < count; i++) cursor.next();
      length += count;
    } else {
      // A run of `code` zero words (0 is an empty run: harmless, and it still consumes its word).
      if (length + code > maxWords) throw overflow(path, length + code, maxWords);
      if (out) out.fill(0, length, length + code);
      length += code;
    }
    code = cursor.next();
  }
  return length;
}

function overflow(path: string, words: number, maxWords: number): ReaderError {
  return new ReaderError(
    'corrupt',
    path,
    `an IRIS ray decodes to more than ${maxWords} words (${words}): the run-length stream is corrupt`,
  );
}
