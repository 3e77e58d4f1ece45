/**
 * HDF5 signature and superblock checks done in TypeScript before h5wasm sees a file.
 *
 * Why: h5wasm opening a non-HDF5 or truncated file does not throw a useful error (it returns a bad
 * handle and prints HDF5's diagnostic stack to stderr). Finding the signature and comparing the
 * superblock's end-of-file address with the real size lets the readers say "not HDF5" or "truncated"
 * clearly and without touching the HDF5 library. Used by the HDF5 sniffer and by `Hdf5File.open`.
 *
 * Layout facts from the HDF5 File Format Specification (superblock versions 0-3).
 */

/** `\x89HDF\r\n\x1a\n` */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Offsets where the signature may sit: 0, then 512 doubling (a user block precedes the superblock). */
export const SIGNATURE_OFFSETS = [0, 512, 1024, 2048] as const;

function hasSignatureAt(bytes: Uint8Array, offset: number): boolean {
  if (bytes.length < offset + SIGNATURE.length) return false;
  return SIGNATURE.every((b, i) => bytes[offset + i] === b);
}

/** Byte offset of the HDF5 signature within the first bytes of a file, or -1. */
export function findHdf5Signature(head: Uint8Array): number {
  for (const offset of SIGNATURE_OFFSETS) if (hasSignatureAt(head, offset)) return offset;
  return -1;
}

export interface SuperblockInfo {
  /** byte offset of the signature (the start of the superblock) */
  offset: number;
  version: number;
  /** bytes the file must have at least: base address + end-of-file address; null when undefined */
  requiredSize: number | null;
  /** bytes of a "length" field (object sizes, heap sizes): 2, 4 or 8; 8 when the version is unknown */
  sizeOfLengths: number;
}

/** Reads an unsigned little-endian integer of 2, 4 or 8 bytes; null for the "undefined address" (all ones). */
function readAddress(view: DataView, at: number, size: number): number | null {
  if (at + size > view.byteLength) return null;
  if (size === 8) {
    const lo = view.getUint32(at, true);
    const hi = view.getUint32(at + 4, true);
    if (lo === 0xffffffff && hi === 0xffffffff) return null;
    return hi * 2 ** 32 + lo;
  }
  if (size === 4) {
    const v = view.getUint32(at, true);
    return v === 0xffffffff ? null : v;
  }
  if (size === 2) {
    const v = view.getUint16(at, true);
    return v === 0xffff ? null : v;
  }
  return null;
}

/**
 * Parse the superblock at the start of `head` (which must contain the signature). Returns null when the
 * superblock is of an unknown version or does not fit in `head`; the caller then lets HDF5 decide.
 */
export function readSuperblock(head: Uint8Array): SuperblockInfo | null {
  const offset = findHdf5Signature(head);
  if (offset < 0) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const version = head[offset + 8];
  if (version === undefined) return null;
  let sizeOfOffsets: number | undefined;
  let sizeOfLengths: number | undefined;
  let baseAt: number;
  if (version === 0 || version === 1) {
    sizeOfOffsets = head[offset + 13];
    sizeOfLengths = head[offset + 14];
    // v1 adds "indexed storage internal node K" (2 bytes) and 2 reserved bytes before the addresses.
    baseAt = offset + (version === 0 ? 24 : 28);
  } else if (version === 2 || version === 3) {
    sizeOfOffsets = head[offset + 9];
    sizeOfLengths = head[offset + 10];
    baseAt = offset + 12;
  } else {
    return { offset, version, requiredSize: null, sizeOfLengths: 8 };
  }
  const valid = (n: number | undefined): n is 2 | 4 | 8 => n === 2 || n === 4 || n === 8;
  if (!valid(sizeOfOffsets) || !valid(sizeOfLengths)) return null;
  const base = readAddress(view, baseAt, sizeOfOffsets);
  // v0/v1: base, free-space info, end-of-file; v2/v3: base, superblock extension, end-of-file.
  const eof = readAddress(view, baseAt + 2 * sizeOfOffsets, sizeOfOffsets);
  const requiredSize = base === null || eof === null ? null : base + eof;
  return { offset, version, requiredSize, sizeOfLengths };
}
