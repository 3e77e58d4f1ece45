/**
 * decompressRecords (main/io/compress): the native decoder when the addon loads, the TypeScript
 * fallback when it does not, with identical output and identical error reporting (kind + the index of
 * the first failing record); the fallback yields to the event loop; the NEXRAD reader opens the same
 * volume whichever decoder ran.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decompressRecords, RecordDecompressError } from '../../../main/io/compress/decompress-records';
import { nativeIo, nativeIoUnavailable } from '../../../main/io/compress/native-io';
import { decompressLdmRecords, frameLdmRecords } from '../../../main/io/readers/nexrad/records';
import { radarFile } from '../../support/radar-data';

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

function bzip2Cli(data: Uint8Array, level = 9): Uint8Array {
  return new Uint8Array(spawnSync('bzip2', [`-${level}`, '-c'], { input: data, maxBuffer: 1 << 30 }).stdout);
}

function ldmRecords(file: Buffer): Uint8Array[] {
  const records: Uint8Array[] = [];
  for (let pos = 24; pos + 4 <= file.length;) {
    const size = Math.abs(file.readInt32BE(pos));
    records.push(new Uint8Array(file.subarray(pos + 4, pos + 4 + size)));
    pos += 4 + size;
  }
  return records;
}

async function failure(promise: Promise<unknown>): Promise<RecordDecompressError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(RecordDecompressError);
    return err as RecordDecompressError;
  }
  throw new Error('expected a RecordDecompressError');
}

describe('decompressRecords', () => {
  it('uses the native addon here (built by npm run native:build)', () => {
    expect(nativeIoUnavailable()).toBeNull();
    expect(nativeIo()).not.toBeNull();
  });

  it('native and TypeScript fallback give identical records for a whole NEXRAD volume', async () => {
    const records = ldmRecords(readFileSync(await radarFile('KCRP20200101_000431_V06')));
    const native = await decompressRecords(records, 1 << 26, { engine: 'native' });
    const fallback = await decompressRecords(records, 1 << 26, { native: null });
    expect(native.length).toBe(records.length);
    expect(native.every((out, i) => same(out, fallback[i]!))).toBe(true);
  });

  it('both report the first failing record with the same kind and index', async () => {
    const good = bzip2Cli(new Uint8Array(50_000).map((_, i) => (i >> 6) & 0xff));
    const crc = good.slice();
    crc[11]! ^= 0x04; // block CRC
    const truncated = good.subarray(0, good.length - 3);
    const records = [good, good, crc, good, truncated];
    for (const options of [{ engine: 'native' as const }, { native: null }]) {
      const err = await failure(decompressRecords(records, 1 << 20, options));
      expect(err.recordIndex).toBe(2);
      expect(err.kind).toBe('corrupt');
      expect(err.message).toMatch(/CRC mismatch/);
      const cut = await failure(decompressRecords([good, truncated], 1 << 20, options));
      expect([cut.recordIndex, cut.kind]).toEqual([1, 'truncated']);
      const big = await failure(decompressRecords([good], 1000, options));
      expect([big.recordIndex, big.kind]).toEqual([0, 'too-large']);
    }
  });

  it('the fallback yields to the event loop between records', async () => {
    const record = bzip2Cli(new Uint8Array(200_000).fill(7));
    // Without a yield the whole call would run before this macrotask; with yields it runs in between.
    const done = decompressRecords(Array(12).fill(record) as Uint8Array[], 1 << 20, { native: null, yieldEvery: 1 });
    let ranWhileDecoding = false;
    const immediate = setImmediate(() => {
      ranWhileDecoding = true;
    });
    const out = await done;
    clearImmediate(immediate);
    expect(out).toHaveLength(12);
    expect(ranWhileDecoding).toBe(true);
  });

  it('onRecord sees every record as it is decompressed, with both decoders', async () => {
    const data = [300_000, 10, 70_000].map((n) => new Uint8Array(n).map((_, i) => (i >> 8) & 0xff));
    const records = data.map((d) => bzip2Cli(d, 2));
    for (const options of [{ engine: 'native' as const }, { native: null }]) {
      const seen: Array<[number, number]> = [];
      const out = await decompressRecords(records, 1 << 20, {
        ...options,
        onRecord: (i, b) => seen.push([i, b.length]),
      });
      expect(seen.sort((a, b) => a[0] - b[0])).toEqual(data.map((d, i) => [i, d.length]));
      expect(out.map((o) => o.length)).toEqual(data.map((d) => d.length));
    }
  });

  it("engine 'native' without an addon is an error; 'auto' falls back", async () => {
    const record = bzip2Cli(new TextEncoder().encode('fallback'));
    await expect(decompressRecords([record], 100, { engine: 'native', native: null })).rejects.toThrow(
      /native bzip2 decoder is not available/,
    );
    const [out] = await decompressRecords([record], 100, { native: null });
    expect(new TextDecoder().decode(out)).toBe('fallback');
    expect(await decompressRecords([], 100)).toEqual([]);
  });
});

describe('NEXRAD LDM records: decompressed in parallel, indexed in file order', () => {
  it('onChunk gets the records in file order, whatever order they finish in', async () => {
    const bytes = readFileSync(await radarFile('KLBB20160601_150025_V06'));
    const framing = frameLdmRecords(bytes, 'KLBB');
    const order: number[] = [];
    const given: Uint8Array[] = [];
    const split = await decompressLdmRecords(framing, 'KLBB', (chunk, c) => {
      order.push(c);
      given.push(chunk);
    });
    expect(order).toEqual(framing.records.map((_, i) => i));
    expect(split.chunks).toHaveLength(framing.records.length);
    split.chunks.forEach((chunk, c) => expect(chunk).toBe(given[c]));
  });

  it('a record that does not decompress wins over an error of the indexer on an earlier record', async () => {
    const bytes = Buffer.from(readFileSync(await radarFile('KLBB20160601_150025_V06')));
    const framing = frameLdmRecords(bytes, 'KLBB');
    const bad = framing.records[9]!;
    bad[Math.floor(bad.length / 2)]! ^= 0x10; // in place: the framing views the file bytes
    const indexerError = new Error('indexer error on record 2');
    const seen: number[] = [];
    const open = decompressLdmRecords(framing, 'KLBB', (_chunk, c) => {
      seen.push(c);
      if (c === 2) throw indexerError;
    });
    await expect(open).rejects.toThrow(/LDM record 9 \(byte \d+\) does not decompress/);
    expect(seen).toEqual([0, 1, 2]); // nothing after the indexer failed
  });
});

describe('without the addon (UNFOLD_IO_NATIVE_PATH pointing nowhere)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('the NEXRAD reader falls back to TypeScript (bzip2 and gates) and reads the same volume', async () => {
    const path = await radarFile('KLBB20160601_150025_V06');
    const { openVolume } = await import('../../../main/io/open-volume');
    const withNative = await openVolume(path);

    vi.resetModules();
    vi.stubEnv('UNFOLD_IO_NATIVE_PATH', '/nonexistent/unfold_io.node');
    const freshIo = await import('../../../main/io/compress/native-io');
    expect(freshIo.nativeIo()).toBeNull();
    expect(freshIo.nativeIoUnavailable()).toMatch(/was not found; tried: \/nonexistent\/unfold_io\.node/);
    const fresh = await import('../../../main/io/open-volume');
    const withFallback = await fresh.openVolume(path);

    expect(withFallback.header).toEqual(withNative.header);
    for (const sweep of withNative.header.sweeps) {
      for (const moment of sweep.moments) {
        const a = await withNative.readField(sweep.index, moment);
        const b = await withFallback.readField(sweep.index, moment);
        const bytes = (f: typeof a): Uint8Array => new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength);
        expect(same(bytes(a), bytes(b)), `sweep ${sweep.index} ${moment}`).toBe(true); // NaNs included
      }
    }
    withNative.close();
    withFallback.close();
  });

  it('UNFOLD_IO_NATIVE=0 turns the addon off', async () => {
    vi.stubEnv('UNFOLD_IO_NATIVE', '0');
    const fresh = await import('../../../main/io/compress/native-io');
    expect(fresh.nativeIo()).toBeNull();
    expect(fresh.nativeIoUnavailable()).toBe('UNFOLD_IO_NATIVE=0');
  });
});
