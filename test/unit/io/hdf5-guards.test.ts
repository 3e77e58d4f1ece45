// The checks the HDF5 layer makes before h5wasm reads a value: the global heap walk (mirroring HDF5's
// own, which loops forever on a zero-sized free-space object), the scan that finds collections anywhere
// in a file, and the size limits on attributes and datasets.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metadata } from 'h5wasm/node';
import { afterAll, describe, expect, it } from 'vitest';
import { collectionProblem, findGlobalHeapDamage } from '../../../main/io/hdf5/global-heap';
import { Hdf5Guards, MAX_GROUP_MEMBERS, touchesGlobalHeap } from '../../../main/io/hdf5/h5-guards';
import { ReaderError } from '../../../main/io/reader-error';

const scratch = mkdtempSync(join(tmpdir(), 'unfold-h5-guards-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * A 4096-byte collection holding `objects` (index, data size), then free space. Lengths are 8 bytes
 * (or 4); collection and object headers are 16 bytes either way (padded to 8).
 */
function collection(objects: Array<[index: number, size: number]>, size = 4096, lengths: 4 | 8 = 8): Buffer {
  const b = Buffer.alloc(size);
  const writeLength = (value: number, at: number): void => {
    if (lengths === 8) b.writeBigUInt64LE(BigInt(value), at);
    else b.writeUInt32LE(value, at);
  };
  b.write('GCOL', 0, 'latin1');
  b[4] = 1;
  writeLength(size, 8);
  let p = 16;
  for (const [index, length] of objects) {
    b.writeUInt16LE(index, p);
    b.writeUInt16LE(1, p + 2);
    writeLength(length, p + 8);
    p += 16 + Math.ceil(length / 8) * 8;
  }
  if (p + 16 <= size) writeLength(size - p, p + 8); // the free-space object (index 0)
  return b;
}

const meta = (m: Partial<Metadata>): Metadata =>
  ({ type: 0, size: 4, total_size: 1, shape: [], vlen: false, signed: true, littleEndian: true, ...m }) as Metadata;

describe('global heap collection walk', () => {
  it('accepts what HDF5 writes: objects, then one free-space object to the end (or a tail too small for one)', () => {
    expect(
      collectionProblem(
        collection([
          [1, 3],
          [2, 17],
          [3, 8],
        ]),
        8,
      ),
    ).toBeNull();
    expect(collectionProblem(collection([]), 8)).toBeNull();
    // objects filling all but 8 bytes: the tail cannot hold an object header and is free space
    expect(collectionProblem(collection([[1, 4096 - 16 - 16 - 8]]), 8)).toBeNull();
  });

  it('refuses a free-space object that would not advance the walk (HDF5 loops on it)', () => {
    const b = collection([[1, 3]]);
    b.writeBigUInt64LE(0n, 16 + 24 + 8); // free space after object 1 now says size 0
    expect(collectionProblem(b, 8)).toMatch(/free-space object at \+40 has size 0/);
    b.writeBigUInt64LE(3n, 16 + 24 + 8);
    expect(collectionProblem(b, 8)).toMatch(/free-space object at \+40 has size 3, smaller than an object header/);
  });

  it('walks files with 4-byte lengths with the same 16-byte (padded) headers', () => {
    expect(
      collectionProblem(
        collection(
          [
            [1, 3],
            [2, 20],
          ],
          4096,
          4,
        ),
        4,
      ),
    ).toBeNull();
    const b = collection([[1, 3]], 4096, 4);
    b.writeUInt32LE(0, 16 + 24 + 8);
    expect(collectionProblem(b, 4)).toMatch(/free-space object at \+40 has size 0/);
  });

  it('refuses an object that runs past its collection (HDF5 steps outside it, wrapping wasm32 pointers)', () => {
    const b = collection([[1, 3]]);
    b.writeBigUInt64LE(0x40000000003n, 16 + 8);
    expect(collectionProblem(b, 8)).toMatch(/object 1 at \+16 claims 4398046511107 bytes, past the end/);
  });
});

describe('global heap scan over a file', () => {
  const file = (name: string, parts: Array<[offset: number, bytes: Buffer]>, size: number): string => {
    const b = Buffer.alloc(size, 0x20);
    for (const [offset, bytes] of parts) bytes.copy(b, offset);
    const path = join(scratch, name);
    writeFileSync(path, b);
    return path;
  };

  it('finds a damaged collection anywhere, also across its 1 MiB read chunks', () => {
    const damaged = collection([[1, 3]]);
    damaged.writeBigUInt64LE(0n, 16 + 24 + 8);
    for (const at of [0, 1000, 2 ** 20 - 2, 2 ** 20 + 5000]) {
      const path = file(`heap-${at}.bin`, [[at, damaged]], 2 ** 20 + 10_000);
      expect(findGlobalHeapDamage(path, 2 ** 20 + 10_000, 8), `collection at ${at}`).toEqual({
        collection: at,
        problem: expect.stringMatching(/free-space object/),
      });
    }
  });

  it('passes sound collections, and takes the letters GCOL without a version-1 header for data', () => {
    const sound = file(
      'sound.bin',
      [
        [100, collection([[1, 5]])],
        [9000, collection([[7, 30]])],
      ],
      20_000,
    );
    expect(findGlobalHeapDamage(sound, 20_000, 8)).toBeNull();
    const letters = file(
      'letters.bin',
      [
        [50, Buffer.from('GCOL\x02\0\0\0')],
        [70, Buffer.from('GCOL')],
      ],
      5000,
    );
    expect(findGlobalHeapDamage(letters, 5000, 8)).toBeNull();
  });

  it('refuses a collection whose size is impossible for the file', () => {
    const huge = collection([]);
    huge.writeBigUInt64LE(1n << 40n, 8);
    const path = file('huge.bin', [[10, huge]], 8000);
    expect(findGlobalHeapDamage(path, 8000, 8)?.problem).toMatch(/its size 1099511627776 is impossible/);
  });
});

describe('Hdf5Guards', () => {
  const guards = (size: number, path = join(scratch, 'none.h5')): Hdf5Guards =>
    new Hdf5Guards('/data/radar.h5', path, size, 8);
  const thrown = (f: () => void): ReaderError => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(ReaderError);
      return err as ReaderError;
    }
    throw new Error('expected a ReaderError');
  };

  it('knows which types make HDF5 read the global heap', () => {
    expect(touchesGlobalHeap(meta({ type: 3, vlen: true }))).toBe(true); // vlen string
    expect(touchesGlobalHeap(meta({ type: 9 }))).toBe(true); // DIMENSION_LIST: vlen of references
    expect(touchesGlobalHeap(meta({ type: 7, ref_type: 'region' }))).toBe(true);
    expect(touchesGlobalHeap(meta({ type: 7, ref_type: 'object' }))).toBe(false);
    expect(touchesGlobalHeap(meta({ type: 3, size: 8 }))).toBe(false); // fixed-length string
    const member = { ...meta({ type: 3, vlen: true }), name: 'text', offset: 0 };
    expect(touchesGlobalHeap(meta({ type: 6, compound_type: { members: [member], nmembers: 1 } }))).toBe(true);
  });

  it('refuses an absurd attribute, naming the file, the object and the size', () => {
    const err = thrown(() => guards(3e6).attribute('/how attribute PRF', meta({ size: 8, total_size: 2 ** 40 })));
    expect(err.code).toBe('corrupt');
    expect(err.message).toBe(
      'radar.h5: /how attribute PRF claims 8796093022208 bytes, far beyond any attribute (damaged metadata)',
    );
    expect(() => guards(3e6).attribute('/how attribute PRF', meta({ size: 8, total_size: 720 }))).not.toThrow();
  });

  it('refuses a dataset larger than the file could hold compressed, with a floor for small files', () => {
    const g = guards(1_000_000);
    expect(() => g.dataset('/DBZ', 1_000_000 * 1000, meta({}))).not.toThrow();
    expect(() => g.dataset('/DBZ', 60 * 2 ** 20, meta({}))).not.toThrow();
    const err = thrown(() => g.dataset('/DBZ', 1_000_000 * 2000, meta({})));
    expect(err.message).toMatch(/^radar\.h5: \/DBZ claims 2000000000 bytes, more than a 1000000-byte file can hold/);
    expect(() => guards(1000).dataset('/x', 50 * 2 ** 20, meta({}))).not.toThrow();
  });

  it('refuses a group with more members than any radar file', () => {
    expect(() => guards(1e6).members('/', MAX_GROUP_MEMBERS)).not.toThrow();
    const err = thrown(() => guards(1e6).members('/', MAX_GROUP_MEMBERS + 1));
    expect(err.message).toBe(`radar.h5: / lists ${MAX_GROUP_MEMBERS + 1} members (damaged group?)`);
  });

  it('checks the global heap once and repeats its verdict for every later read', () => {
    const damaged = collection([[1, 3]]);
    damaged.writeBigUInt64LE(0n, 16 + 24 + 8);
    const path = join(scratch, 'damaged-heap.h5');
    writeFileSync(path, damaged);
    const g = guards(damaged.length, path);
    const first = thrown(() => g.attribute('/how attribute host_name', meta({ type: 3, vlen: true })));
    expect(first.message).toMatch(
      /^radar\.h5: cannot read \/how attribute host_name: the HDF5 global heap collection at byte 0 is damaged: /,
    );
    rmSync(path); // the verdict is kept: no second scan
    expect(thrown(() => g.globalHeap('/x')).message).toMatch(/cannot read \/x: the HDF5 global heap collection/);
    // values that never touch the heap do not need the scan at all
    expect(() => guards(10, join(scratch, 'missing.h5')).attribute('/a', meta({}))).not.toThrow();
  });
});
