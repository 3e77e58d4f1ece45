/**
 * Decodes one moment of one IRIS sweep into a row-major Float32Array [ray][gate], from the ray
 * positions the sweep index recorded at open. Each ray is expanded from the run-length stream into a
 * small word buffer and mapped through the data type's conversion table. Gates beyond the bin count of
 * a ray's own header, and rays not recorded for this data type, are NaN (as Py-ART masks them).
 */
import { RAY_HEADER_WORDS, RecordCursor, readRay } from './ray-stream';
import type { IrisSweepIndex } from './sweep-index';

export interface DecodeRequest {
  /** the file's records as words (`recordWords`) */
  words: Uint16Array;
  path: string;
  sweep: IrisSweepIndex;
  /** data-type slot (position in the data-type mask) */
  slot: number;
  bytesPerBin: 1 | 2;
  /** stored value → physical value, NaN for no data */
  table: Float32Array;
  /** gates per decoded ray (product_end number_bins) */
  gates: number;
}

/** Decode the kept rays of one data type. */
export function decodeSweepField(req: DecodeRequest): Float32Array {
  const { sweep, gates, table } = req;
  const rays = sweep.kept.length;
  const data = new Float32Array(rays * gates).fill(NaN);
  const headerWords = RAY_HEADER_WORDS; // a local: imported constants are getters under tsx/vitest
  const maxWords = headerWords + gates;
  const ray = new Uint16Array(maxWords);
  const starts = sweep.rayStarts[req.slot]!;
  for (let i = 0; i < rays; i++) {
    const cursor = new RecordCursor(req.words, req.path, starts[sweep.kept[i]!]!);
    ray.fill(0);
    const length = readRay(cursor, maxWords, ray, req.path);
    if (length < 0) continue;
    // The ray header's bin count (int16) bounds the valid gates; never trust it beyond the buffer.
    const declared = (ray[4]! << 16) >> 16;
    const bins = Math.max(0, Math.min(declared, gates));
    const row = i * gates;
    if (req.bytesPerBin === 1) {
      for (let g = 0; g < bins; g++) {
        const word = ray[headerWords + (g >> 1)]!;
        data[row + g] = table[(g & 1) === 0 ? word & 0xff : word >> 8]!;
      }
    } else {
      for (let g = 0; g < bins; g++) data[row + g] = table[ray[headerWords + g]!]!;
    }
  }
  return data;
}
