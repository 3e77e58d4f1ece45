/**
 * Decodes one bzip2 block up to the Burrows-Wheeler-transformed text: the block header (symbol map,
 * coding groups, selectors, code lengths), then the Huffman-coded MTF/RLE2 symbols into `tt`
 * (low 8 bits of each entry = one byte of the BWT text). `bzip2-output.ts` inverts the BWT.
 *
 * Every count read from the stream is range-checked, so corrupt input fails fast with a Bzip2Error
 * instead of running long or writing out of bounds.
 */
import type { BitReader } from './bzip2-bits';
import { Bzip2Error } from './bzip2-error';
import { buildHuffmanTable, decodeLongCode, LUT_BITS, MAX_CODE_LEN, type HuffmanTable } from './bzip2-huffman';

// Move-to-front list laid out as 16 rows of 16 entries inside a larger array, so that moving entry n to
// the front costs about n/16 + n%16 moves instead of n. (NEXRAD records average MTF positions around 35,
// where a flat shift dominated the whole decode.) Rows slide towards the start of the array as entries
// move to the front; when row 0 reaches the start, all rows are re-packed at the end. Kept in this
// module so the hot loop's calls stay module-local (cheap to inline under any bundler or loader).
const ROW = 16;
const ROWS = 16;
const SPACE = 4096;

interface MtfList {
  /** entries of row r live at items[base[r]] .. items[base[r] + 15] */
  items: Uint8Array;
  base: Int32Array;
}

/** A list holding values[0..n) in order (n <= 256); positions past n hold zeros and are never used. */
function createMtfList(values: Uint8Array): MtfList {
  const items = new Uint8Array(SPACE);
  const base = new Int32Array(ROWS);
  for (let r = 0; r < ROWS; r++) {
    base[r] = SPACE - (ROWS - r) * ROW;
    for (let j = 0; j < ROW; j++) items[base[r]! + j] = values[r * ROW + j] ?? 0;
  }
  return { items, base };
}

function repack(list: MtfList): void {
  const { items, base } = list;
  let k = SPACE - 1;
  for (let r = ROWS - 1; r >= 0; r--) {
    for (let j = ROW - 1; j >= 0; j--) items[k--] = items[base[r]! + j]!;
    base[r] = k + 1;
  }
}

/** Remove the entry at position n, put it at the front and return it. */
function mtfTake(list: MtfList, n: number): number {
  const { items, base } = list;
  if (n < ROW) {
    const p = base[0]!;
    const v = items[p + n]!;
    for (let k = p + n; k > p; k--) items[k] = items[k - 1]!;
    items[p] = v;
    return v;
  }
  let row = n >>> 4;
  let p = base[row]! + (n & 15);
  const v = items[p]!;
  // close the gap inside its row, then carry each earlier row's last entry into the next row's front
  for (const start = base[row]!; p > start; p--) items[p] = items[p - 1]!;
  base[row]!++;
  for (; row > 0; row--) {
    base[row]!--;
    items[base[row]!] = items[base[row - 1]! + ROW - 1]!;
  }
  base[0]!--;
  items[base[0]!] = v;
  if (base[0] === 0) repack(list);
  return v;
}

/** The front entry. */
function mtfFront(list: MtfList): number {
  return list.items[list.base[0]!]!;
}

/** libbz2 accepts at most this many selectors and ignores any beyond (bzip2 1.0.8 behaviour). */
const MAX_SELECTORS = 18002;
/** symbols per selector group */
const GROUP_SIZE = 50;

export interface DecodedBlock {
  /** bytes of BWT text in tt[0..nblock) */
  nblock: number;
  origPtr: number;
  /** byte frequencies of the BWT text, for the inverse transform */
  byteCounts: Int32Array;
}

const corrupt = (what: string): Bzip2Error => new Bzip2Error('corrupt', `bzip2 data is corrupt (${what})`);

/** Symbol map: which byte values occur in the block, in increasing order. */
function readSymbolMap(r: BitReader): Uint8Array {
  const used16 = r.bits(16);
  const seq: number[] = [];
  for (let i = 0; i < 16; i++) {
    if ((used16 & (0x8000 >>> i)) === 0) continue;
    const bits16 = r.bits(16);
    for (let j = 0; j < 16; j++) if ((bits16 & (0x8000 >>> j)) !== 0) seq.push(i * 16 + j);
  }
  if (seq.length === 0) throw corrupt('empty symbol map');
  return Uint8Array.from(seq);
}

/** Selectors (which coding group codes each run of 50 symbols), MTF-coded in unary. */
function readSelectors(r: BitReader, nGroups: number): Uint8Array {
  const nSelectors = r.bits(15);
  if (nSelectors < 1) throw corrupt('no selectors');
  const kept = Math.min(nSelectors, MAX_SELECTORS);
  const selectors = new Uint8Array(kept);
  const mtf = [0, 1, 2, 3, 4, 5].slice(0, nGroups);
  for (let i = 0; i < nSelectors; i++) {
    let j = 0;
    while (r.bit() === 1) if (++j >= nGroups) throw corrupt('selector out of range');
    const v = mtf[j]!;
    mtf.splice(j, 1);
    mtf.unshift(v);
    if (i < kept) selectors[i] = v;
  }
  return selectors;
}

/** Delta-coded code lengths of each coding group. */
function readTables(r: BitReader, nGroups: number, alphaSize: number): HuffmanTable[] {
  const tables: HuffmanTable[] = [];
  const lengths = new Uint8Array(alphaSize);
  for (let t = 0; t < nGroups; t++) {
    let len = r.bits(5);
    for (let i = 0; i < alphaSize; i++) {
      for (;;) {
        if (len < 1 || len > MAX_CODE_LEN) throw corrupt('code length out of range');
        if (r.bit() === 0) break;
        len += r.bit() === 0 ? 1 : -1;
      }
      lengths[i] = len;
    }
    tables.push(buildHuffmanTable(lengths, alphaSize));
  }
  if (r.overrun()) throw new Bzip2Error('truncated', 'bzip2 data is truncated (in a block header)');
  return tables;
}

/**
 * Decode one block (the reader is positioned just after the block CRC). Fills tt[0..nblock) with the
 * BWT text, one byte per entry. `blockMax` is the stream's block size (level x 100000 bytes).
 */
export function decodeBlock(r: BitReader, blockMax: number, tt: Uint32Array): DecodedBlock {
  if (r.bit() !== 0) throw new Bzip2Error('unsupported', 'randomised bzip2 blocks (bzip2 < 0.9.5) are not supported');
  const origPtr = r.bits(24);
  const seqToUnseq = readSymbolMap(r);
  const nInUse = seqToUnseq.length;
  const alphaSize = nInUse + 2;
  const nGroups = r.bits(3);
  if (nGroups < 2 || nGroups > 6) throw corrupt(`${nGroups} coding groups`);
  const selectors = readSelectors(r, nGroups);
  const tables = readTables(r, nGroups, alphaSize);
  const byteCounts = new Int32Array(256);
  const nblock = readSymbols(r, { tables, selectors, seqToUnseq, blockMax }, tt, byteCounts);
  if (origPtr >= nblock) throw corrupt('origin pointer outside the block');
  return { nblock, origPtr, byteCounts };
}

interface BlockCoding {
  tables: HuffmanTable[];
  selectors: Uint8Array;
  seqToUnseq: Uint8Array;
  blockMax: number;
}

/**
 * The hot loop: Huffman symbols -> RUNA/RUNB runs and MTF positions -> bytes of the BWT text in tt,
 * counting each byte value. Returns the text length.
 */
function readSymbols(r: BitReader, coding: BlockCoding, tt: Uint32Array, byteCounts: Int32Array): number {
  const { tables, selectors, seqToUnseq, blockMax } = coding;
  const mtf = createMtfList(seqToUnseq);
  const eob = seqToUnseq.length + 1;
  const bytes = r.bytes;
  const nBytes = bytes.length;
  // imported constants copied to locals: some loaders turn module imports into property reads
  const lutBits = LUT_BITS;
  const lutMask = (1 << LUT_BITS) - 1;
  let { buf, count, pos } = r;
  let nblock = 0;
  let runLen = 0;
  let runWeight = 1;
  let groupLeft = 0;
  let selectorIndex = 0;
  let table = tables[0]!;
  let lut = table.lut;
  for (;;) {
    if (groupLeft === 0) {
      if (selectorIndex >= selectors.length) throw corrupt('ran out of selectors');
      table = tables[selectors[selectorIndex++]!]!;
      lut = table.lut;
      groupLeft = GROUP_SIZE;
    }
    groupLeft--;
    while (count < 24) {
      buf = (buf << 8) | (pos < nBytes ? bytes[pos]! : 0);
      pos++;
      count += 8;
    }
    let entry = lut[(buf >>> (count - lutBits)) & lutMask]!;
    if (entry === 0) {
      entry = decodeLongCode(table, buf, count);
      if (entry < 0) throw corrupt('invalid Huffman code');
    }
    count -= entry & 31;
    const sym = entry >>> 5;
    if (sym <= 1) {
      // RUNA (0) / RUNB (1): bijective base-2 digits of a run of the front byte, least significant first.
      runLen += runWeight << sym;
      runWeight <<= 1;
      if (runLen > blockMax) throw corrupt('run longer than the block');
      continue;
    }
    if (runLen > 0) {
      if (nblock + runLen > blockMax) throw corrupt('block longer than its declared size');
      const b = mtfFront(mtf);
      byteCounts[b]! += runLen;
      // typed-array fill() costs a call; most runs are short
      if (runLen < 16) for (const end = nblock + runLen; nblock < end;) tt[nblock++] = b;
      else {
        tt.fill(b, nblock, nblock + runLen);
        nblock += runLen;
      }
      runLen = 0;
      runWeight = 1;
    }
    if (sym === eob) break;
    if (nblock >= blockMax) throw corrupt('block longer than its declared size');
    // Move-to-front: symbol s stands for the byte at position s-1 of the MTF list.
    const b = mtfTake(mtf, sym - 1);
    byteCounts[b]!++;
    tt[nblock++] = b;
  }
  r.buf = buf;
  r.count = count;
  r.pos = pos;
  if (r.overrun()) throw new Bzip2Error('truncated', 'bzip2 data is truncated (in a block)');
  return nblock;
}
