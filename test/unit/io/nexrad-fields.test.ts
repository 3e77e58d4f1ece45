/**
 * NEXRAD field decoding (main/io/readers/nexrad/fields.ts): the native gate unpacker (unfold_io) gives
 * the same float32 bits as the TypeScript loop, for 8- and 16-bit moments, rays without the moment,
 * narrower rays (NaN padding) and a packing that changes inside a sweep; the addon refuses layouts
 * that point outside the chunks instead of reading there.
 */
import { describe, expect, it } from 'vitest';
import { loadNativeIo, NativeBzip2Error } from '../../../native/io';
import { decodeField } from '../../../main/io/readers/nexrad/fields';
import type { MomentRef, Radial } from '../../../main/io/readers/nexrad/radial';
import type { SweepRays } from '../../../main/io/readers/nexrad/sweeps';

const io = loadNativeIo();

const bits = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function moment(
  name: string,
  dataOffset: number,
  gates: number,
  wordSize: 8 | 16,
  scale = 2,
  addOffset = 66,
): MomentRef {
  return { name, dataOffset, gates, firstGate: 2125, gateSpacing: 250, wordSize, scale, addOffset };
}

function ray(chunk: number, moments: MomentRef[]): Radial {
  return {
    chunk,
    azimuth: 0,
    elevation: 0.5,
    time: 0,
    elevationNumber: 1,
    status: 1,
    nyquist: 8,
    unambiguousRange: 400_000,
    moments,
  };
}

/** Two chunks of pseudo-random bytes with rays pointing into both. */
function syntheticSweep(): { chunks: Uint8Array[]; sweep: SweepRays } {
  const chunks = [0, 1].map((c) => Uint8Array.from({ length: 20_000 }, (_, i) => (i * 131 + c * 17) & 0xff));
  const rays = [
    ray(0, [moment('REF', 100, 500, 8), moment('ZDR', 3000, 300, 16, 16, 128)]),
    ray(1, [moment('REF', 700, 460, 8), moment('ZDR', 5000, 300, 16, 16, 128)]), // narrower: NaN padded
    ray(0, [moment('ZDR', 9000, 250, 16, 32, 10)]), // no REF; ZDR with another packing
    ray(1, [moment('REF', 0, 500, 8, 1, 0), moment('ZDR', 19_400, 300, 16, 16, 128)]), // REF packing change
  ];
  return { chunks, sweep: { number: 1, rays } };
}

describe('native gate unpacking', () => {
  it('matches the TypeScript loop bit for bit (8/16-bit, missing, narrow rays, packing changes)', () => {
    const { chunks, sweep } = syntheticSweep();
    for (const name of ['REF', 'ZDR']) {
      const native = decodeField(chunks, sweep, name, io)!;
      const typescript = decodeField(chunks, sweep, name, null)!;
      expect(native.gates).toBe(name === 'REF' ? 500 : 300);
      expect(bits(native.data).equals(bits(typescript.data))).toBe(true);
      expect(native.range).toEqual(typescript.range);
    }
    const ref = decodeField(chunks, sweep, 'REF', io)!;
    expect(ref.data.subarray(500 + 460, 1000).every(Number.isNaN)).toBe(true); // padding of ray 1
    expect(ref.data.subarray(1000, 1500).every(Number.isNaN)).toBe(true); // ray 2 has no REF
    expect(ref.data[1500 + 9]).toBe(chunks[1]![9]); // ray 3: scale 1, offset 0 -> the raw value itself
    expect(decodeField(chunks, sweep, 'PHI', io)).toBeNull();
  });

  it('refuses layouts outside the chunks, with invalid-input errors', () => {
    const chunk = new Uint8Array(100);
    const out = new Float32Array(40);
    const table = new Float32Array(256);
    const call = (layout: number[], width = 20, wordBits: 8 | 16 = 8, t = table): NativeBzip2Error => {
      try {
        io.unpackGates([chunk], Uint32Array.from(layout), wordBits, t, out, width);
      } catch (err) {
        expect(err).toBeInstanceOf(NativeBzip2Error);
        return err as NativeBzip2Error;
      }
      throw new Error('expected an error');
    };
    expect(call([0, 90, 20]).message).toMatch(/gates outside chunk 0/);
    expect(call([1, 0, 10]).message).toMatch(/no chunk 1/);
    expect(call([0, 0, 30]).message).toMatch(/more gates than the row width/);
    expect(call([0, 0, 10, 0, 0, 10, 0, 0, 10]).message).toMatch(/shorter than rays x width/);
    expect(call([0, 70, 20], 20, 16, new Float32Array(65536)).message).toMatch(/gates outside chunk 0/);
    expect(call([0, 0, 10], 20, 16).message).toMatch(/2\^wordBits entries/);
    expect(call([0, 0]).code).toBe('invalid-input');
    io.unpackGates([chunk], Uint32Array.from([0, 80, 20, 0xffffffff, 0, 0]), 8, table, out, 20); // in bounds
    expect(out.subarray(20).every(Number.isNaN)).toBe(true);
  });
});
