/**
 * MSB-first bit reader over a byte array, as bzip2 packs its bit stream. Used for the block headers;
 * the symbol hot loop in `bzip2-block.ts` copies the state into locals and writes it back.
 *
 * Reading past the end yields zero bits instead of throwing, so hot loops need no bounds test per
 * bit; callers check `overrun()` at safe points and report truncation.
 */
export class BitReader {
  /** bit buffer: the low `count` bits are unread, higher bits are stale */
  buf = 0;
  /** number of unread bits in `buf` (0..31) */
  count = 0;
  /** index of the next byte to load into `buf` */
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  /** Read `n` bits (1..24) as an unsigned integer. */
  bits(n: number): number {
    while (this.count < n) {
      this.buf = (this.buf << 8) | (this.pos < this.bytes.length ? this.bytes[this.pos]! : 0);
      this.pos++;
      this.count += 8;
    }
    this.count -= n;
    return (this.buf >>> this.count) & ((1 << n) - 1);
  }

  bit(): number {
    return this.bits(1);
  }

  /** Read a 32-bit big-endian unsigned integer. */
  uint32(): number {
    return ((this.bits(16) << 16) | this.bits(16)) >>> 0;
  }

  /** Bits consumed so far. */
  consumedBits(): number {
    return this.pos * 8 - this.count;
  }

  /** True when more bits were consumed than the input holds (the stream is truncated). */
  overrun(): boolean {
    return this.consumedBits() > this.bytes.length * 8;
  }

  /** Skip to the next byte boundary (concatenated streams start on one). */
  alignToByte(): void {
    this.count -= this.count & 7;
  }

  /** Byte offset of the next unread byte (valid after `alignToByte`). */
  bytePosition(): number {
    return this.pos - (this.count >> 3);
  }
}
