/**
 * Canonical Huffman decoding tables for bzip2's coding groups (up to 6 tables of up to 258 symbols,
 * code lengths 1..20 bits). Codes of up to LUT_BITS bits decode with one table lookup; longer codes,
 * rare in practice, fall back to a per-length search.
 */
import { Bzip2Error } from './bzip2-error';

/** Bits resolved by the lookup table: 2^10 entries x 4 bytes per group stays in L1 cache. */
export const LUT_BITS = 10;
export const MAX_CODE_LEN = 20;

export interface HuffmanTable {
  /** indexed by the next LUT_BITS bits: (symbol << 5) | codeLength, or 0 for "longer code" */
  lut: Int32Array;
  /** per code length L (LUT_BITS < L <= maxLen): the first canonical code of that length */
  first: Int32Array;
  /** per code length: number of codes of that length */
  count: Int32Array;
  /** per code length: index in `symbols` of the first symbol with that length */
  offset: Int32Array;
  /** symbols sorted by (code length, symbol) */
  symbols: Int32Array;
  maxLen: number;
}

/** Build the decoding table of one coding group from its code lengths (lengths[i] for symbol i). */
export function buildHuffmanTable(lengths: Uint8Array, alphaSize: number): HuffmanTable {
  const count = new Int32Array(MAX_CODE_LEN + 1);
  let maxLen = 0;
  for (let i = 0; i < alphaSize; i++) {
    const len = lengths[i]!;
    count[len]!++;
    if (len > maxLen) maxLen = len;
  }
  const first = new Int32Array(MAX_CODE_LEN + 2);
  const offset = new Int32Array(MAX_CODE_LEN + 2);
  let code = 0;
  let index = 0;
  for (let len = 1; len <= MAX_CODE_LEN; len++) {
    first[len] = code;
    offset[len] = index;
    code += count[len]!;
    index += count[len]!;
    // More codes of this length than the code space holds: the lengths cannot come from an encoder.
    if (code > 1 << len) throw new Bzip2Error('corrupt', 'bzip2 data is corrupt (over-subscribed Huffman code)');
    code <<= 1;
  }
  const symbols = new Int32Array(alphaSize);
  const next = offset.slice();
  for (let sym = 0; sym < alphaSize; sym++) symbols[next[lengths[sym]!]!++] = sym;

  const lut = new Int32Array(1 << LUT_BITS);
  for (let len = 1; len <= Math.min(LUT_BITS, maxLen); len++) {
    for (let k = 0; k < count[len]!; k++) {
      const sym = symbols[offset[len]! + k]!;
      const start = (first[len]! + k) << (LUT_BITS - len);
      lut.fill((sym << 5) | len, start, start + (1 << (LUT_BITS - len)));
    }
  }
  return { lut, first, count, offset, symbols, maxLen };
}

/**
 * Decode a code longer than LUT_BITS. `buf` holds `avail` (>= maxLen) unread bits in its low bits.
 * Returns (symbol << 5) | length, or -1 when no code matches (corrupt data).
 */
export function decodeLongCode(table: HuffmanTable, buf: number, avail: number): number {
  for (let len = LUT_BITS + 1; len <= table.maxLen; len++) {
    const c = (buf >>> (avail - len)) & ((1 << len) - 1);
    const k = c - table.first[len]!;
    if (k >= 0 && k < table.count[len]!) return (table.symbols[table.offset[len]! + k]! << 5) | len;
  }
  return -1;
}
