/**
 * The back half of bzip2 decoding: inverse Burrows-Wheeler transform of one block (T-vector in a
 * Uint32Array: low byte = text byte, high 24 bits = link), undoing the initial run-length coding
 * (4 equal bytes + a repeat count) and the block CRC, written into a growable output buffer with a hard
 * size cap.
 */
import { Bzip2Error } from './bzip2-error';
import type { DecodedBlock } from './bzip2-block';

/**
 * CRC-32 as bzip2 uses it: polynomial 0x04c11db7, MSB first (not the reflected zlib variant). Four
 * tables for slicing-by-4: table k gives the effect of a byte followed by k zero bytes.
 */
function makeCrcTables(): Int32Array[] {
  const t0 = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t0[i] = c;
  }
  const tables = [t0];
  for (let k = 1; k < 4; k++) {
    const prev = tables[k - 1]!;
    const t = new Int32Array(256);
    for (let i = 0; i < 256; i++) t[i] = (prev[i]! << 8) ^ t0[(prev[i]! >>> 24) & 0xff]!;
    tables.push(t);
  }
  return tables;
}
/** Immutable after construction, so sharing it across calls is safe (each worker thread has its own). */
const CRC_TABLES: Int32Array[] = makeCrcTables();

/** bzip2 CRC of data[start..end), four bytes per step. */
export function bzip2Crc(data: Uint8Array, start: number, end: number): number {
  const [t0, t1, t2, t3] = CRC_TABLES as [Int32Array, Int32Array, Int32Array, Int32Array];
  let crc = -1;
  let i = start;
  // the odd bytes first, so the 4-byte loop below runs to the end (no first-time tail loop after it)
  for (const head = start + ((end - start) & 3); i < head; i++)
    crc = (crc << 8) ^ t0[((crc >>> 24) ^ data[i]!) & 0xff]!;
  for (; i < end; i += 4) {
    crc ^= (data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!;
    crc = t3[crc >>> 24]! ^ t2[(crc >>> 16) & 0xff]! ^ t1[(crc >>> 8) & 0xff]! ^ t0[crc & 0xff]!;
  }
  return ~crc >>> 0;
}

/** Room the block walk keeps free: one literal plus one run of up to 255 repeats. */
export const WALK_MARGIN = 256;

/**
 * Growable output with a hard cap: a corrupt or hostile stream must not exhaust memory. The array may
 * exceed the cap by WALK_MARGIN bytes of working room; the content may not (`checkLimit`).
 */
export class OutputBuffer {
  data: Uint8Array;
  length = 0;

  constructor(
    initialBytes: number,
    readonly maxBytes: number,
  ) {
    this.data = new Uint8Array(Math.max(WALK_MARGIN, Math.min(initialBytes, maxBytes + WALK_MARGIN)));
  }

  /** Make room for `extra` more bytes. */
  grow(extra: number): void {
    const need = this.length + extra;
    this.checkLimit(need - WALK_MARGIN);
    if (need <= this.data.length) return;
    const size = Math.min(this.maxBytes + WALK_MARGIN, Math.max(need, this.data.length * 2));
    const bigger = new Uint8Array(size);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  /** Throw when `length` bytes would exceed the cap. */
  checkLimit(length = this.length): void {
    if (length > this.maxBytes) {
      throw new Bzip2Error('too-large', `bzip2 output exceeds the limit of ${this.maxBytes} bytes`);
    }
  }

  /** The output; copied to a right-sized array when the slack is large, so it holds no extra memory. */
  result(): Uint8Array {
    if (this.length * 1.25 >= this.data.length) return this.data.subarray(0, this.length);
    return this.data.slice(0, this.length);
  }
}

/** Link each BWT text position to the next (tt[i] keeps its byte in the low 8 bits, gains a link above). */
function buildTVector(tt: Uint32Array, nblock: number, byteCounts: Int32Array): void {
  // cumulative counts: where each byte value's rows start in the sorted first column
  const next = new Int32Array(256);
  for (let b = 0, sum = 0; b < 256; b++) {
    next[b] = sum;
    sum += byteCounts[b]!;
  }
  for (let i = 0; i < nblock; i++) {
    const b = tt[i]! & 0xff;
    tt[next[b]!++]! |= i << 8;
  }
}

/** Where an interrupted walk resumes: [steps done, T-vector position, last byte, run length]. */
type WalkState = Int32Array;

/**
 * Follow the T-vector from `state`, undoing the initial run-length coding into data[o..]. Stops when
 * the block is done or when fewer than 256 bytes of room remain (the caller grows the buffer and calls
 * again). Kept free of rarely taken branches and object accesses: V8 optimises the loop while it runs,
 * and a first-time branch inside it would throw that optimised code away for every block.
 */
function walk(tt: Uint32Array, nblock: number, data: Uint8Array, o: number, state: WalkState): number {
  const safe = data.length - WALK_MARGIN;
  let k = state[0]!;
  let tPos = state[1]!;
  let last = state[2]!;
  let run = state[3]!;
  for (; k < nblock && o <= safe; k++) {
    const e = tt[tPos]!;
    const ch = e & 0xff;
    tPos = e >>> 8;
    if (run === 4) {
      // the byte after 4 equal bytes is a count of further repeats
      for (const end = o + ch; o < end;) data[o++] = last;
      run = 0;
      last = -1;
    } else {
      if (ch === last) run++;
      else {
        last = ch;
        run = 1;
      }
      data[o++] = ch;
    }
  }
  state[0] = k;
  state[1] = tPos;
  state[2] = last;
  state[3] = run;
  return o;
}

/** Invert the BWT of a decoded block into `out`; returns the block CRC of the bytes written. */
export function emitBlock(tt: Uint32Array, block: DecodedBlock, out: OutputBuffer): number {
  const { nblock, origPtr, byteCounts } = block;
  buildTVector(tt, nblock, byteCounts);
  const start = out.length;
  const state: WalkState = Int32Array.of(0, tt[origPtr]! >>> 8, -1, 0);
  for (;;) {
    out.length = walk(tt, nblock, out.data, out.length, state);
    out.checkLimit();
    if (state[0] === nblock) break;
    out.grow(WALK_MARGIN);
  }
  // CRC in a separate pass: four bytes per step beats one table step per byte inside the walk
  return bzip2Crc(out.data, start, out.length);
}
