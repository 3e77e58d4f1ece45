/**
 * The browser-mode wire format carries typed arrays as binary, zero-copy on decode, alongside JSON.
 */
import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../../common/wire';

describe('wire format', () => {
  it('round-trips nested values with typed arrays of every alignment', () => {
    const value = {
      ok: true,
      value: {
        name: 'KLBB',
        bytes: new Int8Array([-1, 2, -3]),
        floats: new Float32Array([1.5, NaN, -Infinity]),
        ints: new Int32Array([7, -8]),
        doubles: new Float64Array([Math.PI]),
        nested: [{ mask: new Uint8Array([1, 0, 1, 1, 0]) }],
        none: null,
      },
    };
    const decoded = decodeWire<typeof value>(encodeWire(value).slice().buffer);
    expect(decoded.value.floats).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded.value.floats)).toEqual([1.5, NaN, -Infinity]);
    expect(Array.from(decoded.value.bytes)).toEqual([-1, 2, -3]);
    expect(Array.from(decoded.value.ints)).toEqual([7, -8]);
    expect(decoded.value.doubles[0]).toBe(Math.PI);
    expect(Array.from(decoded.value.nested[0]!.mask)).toEqual([1, 0, 1, 1, 0]);
    expect(decoded.value.none).toBeNull();
    expect(decoded.value.name).toBe('KLBB');
  });

  it('encodes a subarray view, not its whole buffer', () => {
    const big = new Float32Array([0, 1, 2, 3, 4, 5]);
    const decoded = decodeWire<{ a: Float32Array }>(encodeWire({ a: big.subarray(2, 4) }).slice().buffer);
    expect(Array.from(decoded.a)).toEqual([2, 3]);
  });

  it('rejects foreign and truncated messages', () => {
    expect(() => decodeWire(new TextEncoder().encode('{"ok":true}').buffer)).toThrow('not an Unfold wire message');
    const message = encodeWire({ a: new Float32Array(100) });
    expect(() => decodeWire(message.slice(0, message.length - 8).buffer)).toThrow();
  });
});
