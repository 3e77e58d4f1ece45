/**
 * bzip2 decompression in TypeScript, for the radar opener's `.bz2` wrappers and NEXRAD Level II's
 * bzip2-compressed LDM records. Handles multi-block and concatenated streams, checks every block CRC
 * and the stream CRC, and caps the output size.
 *
 * Why our own: the npm decoders measured here (seek-bzip 2.0.0, compressjs 1.0.3) took ~1.4 s for one
 * NEXRAD volume's 46 records; this decoder uses lookup-table Huffman decoding and a typed-array
 * T-vector (see bench/read-nexrad.ts for figures).
 */
import { BitReader } from './bzip2-bits';
import { decodeBlock } from './bzip2-block';
import { Bzip2Error } from './bzip2-error';
import { emitBlock, OutputBuffer } from './bzip2-output';

export { Bzip2Error } from './bzip2-error';
export type { Bzip2ErrorKind } from './bzip2-error';

const BLOCK_MAGIC_HI = 0x314159;
const BLOCK_MAGIC_LO = 0x265359;
const END_MAGIC_HI = 0x177245;
const END_MAGIC_LO = 0x385090;

/** True when `bytes` at `offset` start a bzip2 stream header ('BZh' + level 1-9). */
export function isBzip2Header(bytes: Uint8Array, offset = 0): boolean {
  return (
    bytes.length >= offset + 4 &&
    bytes[offset] === 0x42 &&
    bytes[offset + 1] === 0x5a &&
    bytes[offset + 2] === 0x68 &&
    bytes[offset + 3]! >= 0x31 &&
    bytes[offset + 3]! <= 0x39
  );
}

/**
 * Scratch memory for the inverse BWT (4 bytes per block byte, 3.6 MB at level 9). Callers decoding many
 * streams in a row (the 46-55 records of a NEXRAD volume) pass one workspace to avoid reallocating it.
 * Not shareable between threads; create one per task.
 */
export interface Bzip2Workspace {
  tt: Uint32Array | null;
}

export const createBzip2Workspace = (): Bzip2Workspace => ({ tt: null });

/** Decode one stream starting at the reader's (byte-aligned) position, checking every CRC. */
function decodeStream(r: BitReader, out: OutputBuffer, work: Bzip2Workspace): void {
  r.bits(24); // 'BZh', checked by the caller
  const blockMax = (r.bits(8) - 0x30) * 100_000; // level digit '1'..'9' = 100k..900k bytes per block
  let combined = 0;
  for (let blockIndex = 0; ; blockIndex++) {
    const hi = r.bits(24);
    const lo = r.bits(24);
    if (hi === BLOCK_MAGIC_HI && lo === BLOCK_MAGIC_LO) {
      const storedCrc = r.uint32();
      if (!work.tt || work.tt.length < blockMax) work.tt = new Uint32Array(blockMax);
      const block = decodeBlock(r, blockMax, work.tt);
      const crc = emitBlock(work.tt, block, out);
      if (crc !== storedCrc)
        throw new Bzip2Error('corrupt', `bzip2 data is corrupt (CRC mismatch in block ${blockIndex})`);
      combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
    } else if (hi === END_MAGIC_HI && lo === END_MAGIC_LO) {
      const storedCombined = r.uint32();
      if (r.overrun()) throw new Bzip2Error('truncated', 'bzip2 data is truncated (in the end-of-stream marker)');
      if (storedCombined !== combined) throw new Bzip2Error('corrupt', 'bzip2 data is corrupt (stream CRC mismatch)');
      return;
    } else if (r.overrun()) {
      throw new Bzip2Error('truncated', 'bzip2 data is truncated');
    } else {
      throw new Bzip2Error('corrupt', `bzip2 data is corrupt (bad block signature after block ${blockIndex})`);
    }
  }
}

/**
 * Decompress a bzip2 stream (or several concatenated ones, as pbzip2 writes). Throws a Bzip2Error when
 * the data is corrupt or truncated, or when the output would exceed `maxOutputBytes`. Bytes after the
 * last complete stream that do not start another stream are ignored, as the bzip2 tool does.
 */
export function bunzip2(
  bytes: Uint8Array,
  maxOutputBytes: number,
  workspace: Bzip2Workspace = createBzip2Workspace(),
): Uint8Array {
  if (!isBzip2Header(bytes)) throw new Bzip2Error('corrupt', 'not bzip2 data (no BZh header)');
  // Compression ratios of radar records are ~7:1; start near that and grow by doubling.
  const out = new OutputBuffer(bytes.length * 8, maxOutputBytes);
  const r = new BitReader(bytes);
  do {
    decodeStream(r, out, workspace);
    r.alignToByte();
  } while (isBzip2Header(bytes, r.bytePosition()));
  return out.result();
}
