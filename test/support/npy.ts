/**
 * Reads the gzip-compressed NumPy `.npy` arrays of the Py-ART reference runs (test/fixtures/reference).
 * Only what those files use: format 1.0/2.0 headers, C order, little-endian float32 / int8.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface NpyArray<T extends Float32Array | Int8Array> {
  shape: number[];
  data: T;
}

function parseHeader(bytes: Uint8Array): { descr: string; fortran: boolean; shape: number[]; dataOffset: number } {
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  if (magic !== '\x93NUMPY') throw new Error('not a .npy file');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new Error(`unreadable .npy header: ${header}`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  return { descr, fortran, shape, dataOffset: start + headerLen };
}

function load(path: string): { descr: string; shape: number[]; body: Uint8Array } {
  const raw = readFileSync(path);
  const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw;
  const { descr, fortran, shape, dataOffset } = parseHeader(bytes);
  if (fortran) throw new Error(`${path}: Fortran-order arrays are not supported`);
  // Copy to an aligned buffer: typed arrays need their element alignment.
  return { descr, shape, body: bytes.slice(dataOffset) };
}

export function readNpyFloat32(path: string): NpyArray<Float32Array> {
  const { descr, shape, body } = load(path);
  if (descr !== '<f4') throw new Error(`${path}: expected <f4, found ${descr}`);
  return { shape, data: new Float32Array(body.buffer, body.byteOffset, body.byteLength / 4) };
}

export function readNpyInt8(path: string): NpyArray<Int8Array> {
  const { descr, shape, body } = load(path);
  if (descr !== '|i1' && descr !== '<i1') throw new Error(`${path}: expected |i1, found ${descr}`);
  return { shape, data: new Int8Array(body.buffer, body.byteOffset, body.byteLength) };
}
