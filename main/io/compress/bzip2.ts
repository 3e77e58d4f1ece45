/**
 * bzip2 decompression (placeholder until the NEXRAD reader's decoder lands).
 */
export function bunzip2(_bytes: Uint8Array, _maxOutputBytes: number): Uint8Array {
  throw new Error('bzip2 decoding is not implemented yet');
}
