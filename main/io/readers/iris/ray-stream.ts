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

// Local copies of the record geometry: module-runner transforms (tsx, vitest) turn imported
// constants into property getters, which cost a quarter of the decode time in the word loop.
const WORDS_PER_RECORD = RECORD_WORDS;
const FIRST_DATA_WORD = BHDR_WORDS;

/** Words of the ray header that precedes the bins of every recorded ray. */
export const RAY_HEADER_WORDS = 6;

/** A position in the stream: the word index in the file, record * RECORD_WORDS + word. */
export type StreamPosition = number;

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The file's complete records as little-endian 16-bit words (a view when alignment allows, else a copy). */
export function recordWords(bytes: Uint8Array): Uint16Array {
  const count = Math.floor(bytes.byteLength / RECORD_BYTES) * RECORD_WORDS;
  if (HOST_IS_LITTLE_ENDIAN && bytes.byteOffset % 2 === 0)
    return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  const words = new Uint16Array(count);
  for (let i = 0; i < count; i++) words[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
  return words;
}

/** Sequential reader of the data words of consecutive records. */
export class RecordCursor {
  private record: number;
  private word: number;
  private readonly recordCount: number;

  constructor(
    private readonly words: Uint16Array,
    private readonly path: string,
    start: StreamPosition,
  ) {
    this.recordCount = words.length / WORDS_PER_RECORD;
    this.record = Math.floor(start / WORDS_PER_RECORD);
    this.word = start % WORDS_PER_RECORD;
  }

  /** Where the next word will be read from (normalised past a used-up record). */
  get position(): StreamPosition {
    return this.word >= WORDS_PER_RECORD
      ? (this.record + 1) * WORDS_PER_RECORD + FIRST_DATA_WORD
      : this.record * WORDS_PER_RECORD + this.word;
  }

  /** Index of the record holding the most recently read word (the next sweep starts after it). */
  get lastRecord(): number {
    return this.record;
  }

  /** Words left in the current record, after moving into the next record if this one is used up. */
  private available(): number {
    if (this.word >= WORDS_PER_RECORD) {
      this.record += 1;
      this.word = FIRST_DATA_WORD;
    }
    if (this.record >= this.recordCount) {
      throw new ReaderError('truncated', this.path, `the IRIS ray stream runs past the end of the file`);
    }
    return WORDS_PER_RECORD - this.word;
  }

  /** Next stream word, unsigned. */
  next(): number {
    this.available();
    return this.words[this.record * WORDS_PER_RECORD + this.word++]!;
  }

  /** Copy the next `count` words into `out` at `at`, or skip them when `out` is null. */
  take(count: number, out: Uint16Array | null, at: number): void {
    let left = count;
    while (left > 0) {
      const chunk = Math.min(left, this.available());
      const from = this.record * WORDS_PER_RECORD + this.word;
      // A plain loop: runs are short, and a subarray per run costs more than the copy.
      if (out) for (let i = 0, to = at + count - left; i < chunk; i++) out[to + i] = this.words[from + i]!;
      this.word += chunk;
      left -= chunk;
    }
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
    // 0x8000 + n: n literal words; otherwise a run of `code` zero words (0 is an empty run: harmless,
    // and it still consumes its control word, so the loop always advances).
    const count = code & 0x7fff;
    if (length + count > maxWords) throw overflow(path, length + count, maxWords);
    if (code & 0x8000) cursor.take(count, out, length);
    else if (out) out.fill(0, length, length + count);
    length += count;
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
