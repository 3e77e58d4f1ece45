/**
 * Binary encoding of API values for the browser mode's HTTP transport. Big arrays (a 720 × 1832 sweep is
 * 5 MiB of float32) must reach the renderer as typed arrays, not JSON numbers: the encoder lifts every
 * typed array out of the value into an 8-byte-aligned binary section, and the decoder puts views over
 * that section back in place (no copy).
 *
 * Layout: 'UFW1' | u32 LE json length | json (UTF-8) | zero padding to 8 | blobs, each 8-byte aligned.
 * A typed array in the JSON is replaced by { "$typed": <type name>, "o": byte offset, "n": length }.
 */

const MAGIC = [0x55, 0x46, 0x57, 0x31]; // 'UFW1'

type TypedArray =
  Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

const CONSTRUCTORS = {
  Float32Array,
  Float64Array,
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
} as const;

type TypedName = keyof typeof CONSTRUCTORS;

interface TypedRef {
  $typed: TypedName;
  o: number;
  n: number;
}

const align8 = (n: number): number => (n + 7) & ~7;

function typedName(value: unknown): TypedName | null {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return null;
  const name = value.constructor.name;
  return name in CONSTRUCTORS ? (name as TypedName) : null;
}

export function encodeWire(value: unknown): Uint8Array {
  const blobs: TypedArray[] = [];
  let offset = 0;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    const name = typedName(v);
    if (!name) return v;
    const array = v as TypedArray;
    const ref: TypedRef = { $typed: name, o: offset, n: array.length };
    blobs.push(array);
    offset = align8(offset + array.byteLength);
    return ref;
  });
  const jsonBytes = new TextEncoder().encode(json ?? 'null');
  const binaryStart = align8(8 + jsonBytes.length);
  const out = new Uint8Array(binaryStart + offset);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, jsonBytes.length, true);
  out.set(jsonBytes, 8);
  let at = binaryStart;
  for (const blob of blobs) {
    out.set(new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), at);
    at = align8(at + blob.byteLength);
  }
  return out;
}

export function decodeWire<T = unknown>(buffer: ArrayBuffer): T {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not an Unfold wire message');
  const jsonLength = new DataView(buffer).getUint32(4, true);
  if (8 + jsonLength > bytes.length) throw new Error('truncated Unfold wire message');
  const json = new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength));
  const binaryStart = align8(8 + jsonLength);
  return JSON.parse(json, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || !('$typed' in v)) return v;
    const ref = v as TypedRef;
    const Ctor = CONSTRUCTORS[ref.$typed];
    if (!Ctor) throw new Error(`unknown typed array ${String(ref.$typed)}`);
    const byteOffset = binaryStart + ref.o;
    if (byteOffset + ref.n * Ctor.BYTES_PER_ELEMENT > buffer.byteLength)
      throw new Error('typed array beyond the message');
    return new Ctor(buffer, byteOffset, ref.n);
  }) as T;
}
