/**
 * Seeded mutations of radar files for the reader fuzzer: bit flips, byte runs, truncations, splices
 * of two files, header-field corruptions (interesting integers written over likely header words) and
 * block shifts (a deleted or duplicated block moves everything after it). Every case is a pure
 * function of (seed, case index, input files), so any finding can be replayed exactly.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export type MutationKind = 'bitflip' | 'byterun' | 'truncate' | 'splice' | 'field' | 'shift';

export interface FuzzInput {
  name: string;
  /** the file's bytes as stored */
  bytes: Uint8Array;
}

export interface FuzzCase {
  index: number;
  /** the file the case started from */
  source: string;
  kind: MutationKind;
  /** what was done, with offsets, for the report */
  description: string;
  bytes: Uint8Array;
}

/** A small, fast 32-bit PRNG (mulberry32 constants); deterministic per seed. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** uniform in [0, 2^32) */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** uniform integer in [0, n) */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.u32() / 4294967296) * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** an offset into `length` bytes, half the time within the first 16 KiB where headers live */
  offset(length: number): number {
    return this.int(2) === 0 ? this.int(Math.min(length, 16384)) : this.int(length);
  }
}

/** Mix the run seed and the case index into one PRNG seed. */
export const caseSeed = (seed: number, index: number): number =>
  (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;

const INTERESTING_16 = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xfffe, 0xffff];
const INTERESTING_32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x10000, 0x1000000, 0xfffffff0];

function bitflip(rng: Rng, b: Uint8Array): string {
  const flips = 1 + rng.int(rng.int(2) === 0 ? 4 : 64);
  for (let i = 0; i < flips; i++) b[rng.offset(b.length)]! ^= 1 << rng.int(8);
  return `${flips} bit flips`;
}

function byterun(rng: Rng, b: Uint8Array): string {
  const at = rng.offset(b.length);
  const length = Math.min(b.length - at, 1 + rng.int(rng.int(2) === 0 ? 16 : 4096));
  const mode = rng.pick(['0x00', '0xff', 'random', 'byte'] as const);
  const fill = mode === '0x00' ? 0 : mode === '0xff' ? 0xff : rng.int(256);
  for (let i = 0; i < length; i++) b[at + i] = mode === 'random' ? rng.int(256) : fill;
  return `${length} bytes of ${mode === 'byte' ? `0x${fill.toString(16)}` : mode} at ${at}`;
}

function field(rng: Rng, b: Uint8Array): string {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const writes = 1 + rng.int(4);
  const done: string[] = [];
  for (let i = 0; i < writes; i++) {
    const wide = rng.int(2) === 0;
    const at = rng.offset(b.length - (wide ? 4 : 2));
    const little = rng.int(2) === 0;
    if (at < 0) continue;
    const value = wide ? rng.pick(INTERESTING_32) : rng.pick(INTERESTING_16);
    if (wide) view.setUint32(at, value, little);
    else view.setUint16(at, value, little);
    done.push(`${wide ? 'u32' : 'u16'}${little ? 'le' : 'be'} 0x${value.toString(16)} at ${at}`);
  }
  return done.join(', ');
}

function truncate(rng: Rng, b: Uint8Array): { bytes: Uint8Array; description: string } {
  const at = rng.int(4) === 0 ? rng.int(Math.min(b.length, 4096)) : rng.int(b.length);
  return { bytes: b.subarray(0, at), description: `cut to ${at} of ${b.length} bytes` };
}

function shift(rng: Rng, b: Uint8Array): { bytes: Uint8Array; description: string } {
  const at = rng.offset(b.length);
  const length = Math.min(b.length - at, 1 + rng.int(rng.int(2) === 0 ? 8 : 8192));
  if (rng.int(2) === 0) {
    const out = new Uint8Array(b.length - length);
    out.set(b.subarray(0, at));
    out.set(b.subarray(at + length), at);
    return { bytes: out, description: `deleted ${length} bytes at ${at}` };
  }
  const out = new Uint8Array(b.length + length);
  out.set(b.subarray(0, at + length));
  out.set(b.subarray(at), at + length);
  return { bytes: out, description: `duplicated ${length} bytes at ${at}` };
}

function splice(
  rng: Rng,
  a: Uint8Array,
  other: FuzzInput,
  otherBytes: Uint8Array,
): { bytes: Uint8Array; description: string } {
  const cut = rng.offset(a.length);
  const from = rng.int(otherBytes.length);
  const tail = otherBytes.subarray(from, from + Math.min(otherBytes.length - from, 4 * 1024 * 1024));
  const out = new Uint8Array(cut + tail.length);
  out.set(a.subarray(0, cut));
  out.set(tail, cut);
  return { bytes: out, description: `first ${cut} bytes + ${other.name} from byte ${from}` };
}

const isGzip = (b: Uint8Array): boolean => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
const KINDS: MutationKind[] = ['bitflip', 'bitflip', 'byterun', 'truncate', 'splice', 'field', 'field', 'shift'];

/** Build case `index` of the run `seed`. Files are taken round-robin so every file gets its share. */
export function makeCase(seed: number, index: number, inputs: readonly FuzzInput[]): FuzzCase {
  const rng = new Rng(caseSeed(seed, index));
  const input = inputs[index % inputs.length]!;
  const kind = rng.pick(KINDS);
  // A gzip-wrapped file is mostly mutated inside the wrapper (and re-wrapped), so the reader sees the
  // damage rather than the gzip decoder; the rest of the time the compressed bytes themselves.
  const inner = isGzip(input.bytes) && rng.int(4) !== 0;
  let bytes: Uint8Array = inner ? new Uint8Array(gunzipSync(input.bytes)) : input.bytes.slice();
  let description: string;
  if (kind === 'bitflip') description = bitflip(rng, bytes);
  else if (kind === 'byterun') description = byterun(rng, bytes);
  else if (kind === 'field') description = field(rng, bytes);
  else {
    const other = rng.pick(inputs);
    const result =
      kind === 'truncate'
        ? truncate(rng, bytes)
        : kind === 'shift'
          ? shift(rng, bytes)
          : splice(rng, bytes, other, other.bytes);
    bytes = result.bytes;
    description = result.description;
  }
  if (inner) bytes = new Uint8Array(gzipSync(bytes, { level: 1 }));
  return { index, source: input.name, kind, description: `${inner ? 'inside gzip: ' : ''}${description}`, bytes };
}
