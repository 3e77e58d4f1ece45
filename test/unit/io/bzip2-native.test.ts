/**
 * The native bzip2 decoder (native/io, addon unfold_io) against Debian's `bzip2` tool and against our
 * TypeScript decoder: byte-identical output on synthetic streams (multi-block, concatenated, every
 * byte value, long runs) and on every LDM record of the real NEXRAD files; clean errors (never a
 * crash) on truncated, bit-flipped, CRC-damaged, randomised and oversized input; the parallel records
 * API reports the lowest failing record; the facade validates arguments and the loader explains misses.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { ioAddonCandidates, loadNativeIo, NativeBzip2Error, type NativeIo } from '../../../native/io';
import { bunzip2 } from '../../../main/io/compress/bzip2';
import { radarFile } from '../../support/radar-data';

const LIMIT = 256 * 1024 * 1024;

function bzip2Cli(data: Uint8Array, level = 9): Uint8Array {
  const run = spawnSync('bzip2', [`-${level}`, '-c'], { input: data, maxBuffer: 1 << 30 });
  if (run.error) throw new Error(`the bzip2 command is needed (apt-get install bzip2): ${run.error.message}`);
  return new Uint8Array(run.stdout);
}

/** Decompress with the system bzip2; null when it reports an error. */
function bunzip2Cli(data: Uint8Array): Uint8Array | null {
  const run = spawnSync('bzip2', ['-d', '-c'], { input: data, maxBuffer: 1 << 30 });
  return run.status === 0 ? new Uint8Array(run.stdout) : null;
}

/** Deterministic pseudo-random bytes (xorshift32). */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Runs of 1..600 equal bytes (both run-length stages of bzip2). */
function runs(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0, k = 0; i < length; k++) {
    const len = 1 + ((k * 7919) % 600);
    out.fill((k * 31) & 0xff, i, Math.min(length, i + len));
    i += len;
  }
  return out;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** The LDM records (bzip2 streams) of a NEXRAD file. */
function ldmRecords(file: Buffer): Uint8Array[] {
  const records: Uint8Array[] = [];
  for (let pos = 24; pos + 4 <= file.length;) {
    const size = Math.abs(file.readInt32BE(pos));
    records.push(new Uint8Array(file.subarray(pos + 4, pos + 4 + size)));
    pos += 4 + size;
  }
  return records;
}

async function rejection(promise: Promise<unknown>): Promise<NativeBzip2Error> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(NativeBzip2Error);
    return err as NativeBzip2Error;
  }
  throw new Error('expected a rejection');
}

function thrown(f: () => unknown): NativeBzip2Error {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(NativeBzip2Error);
    return err as NativeBzip2Error;
  }
  throw new Error('expected an error');
}

let io: NativeIo;
beforeAll(() => {
  io = loadNativeIo(); // fails with the paths tried when `npm run native:build` has not run
});

describe('native bunzip2 restores what Debian bzip2 compressed', () => {
  const samples: Array<[string, Uint8Array, number]> = [
    ['empty input', new Uint8Array(0), 9],
    ['one byte', Uint8Array.of(0x41), 9],
    ['all 256 byte values', Uint8Array.from({ length: 256 * 40 }, (_, i) => i & 0xff), 9],
    ['incompressible noise, 100k blocks (multi-block)', noise(1_050_000, 7), 1],
    ['long runs, 100k blocks (multi-block)', runs(2_500_000), 1],
    ['a single byte repeated 3 MB (runs of 255 + 4)', new Uint8Array(3_000_000).fill(0x2a), 9],
    ['radar-like mix at level 5', new Uint8Array([...runs(300_000), ...noise(200_000, 99)]), 5],
    ['odd and even block lengths (both walk chains meet in the middle)', noise(100_001, 3), 1],
  ];
  for (const [name, data, level] of samples) {
    it(name, async () => {
      const compressed = bzip2Cli(data, level);
      expect(same(io.bunzip2Sync(compressed, LIMIT), data)).toBe(true);
      const [viaRecords] = await io.bunzip2Records([compressed], LIMIT);
      expect(same(viaRecords!, data)).toBe(true);
    });
  }

  it('concatenated streams decode to the concatenated data; trailing bytes after a stream are ignored', () => {
    const a = noise(150_000, 3);
    const b = runs(400_000);
    const joined = new Uint8Array([...bzip2Cli(a, 1), ...bzip2Cli(b, 9)]);
    expect(same(io.bunzip2Sync(joined, LIMIT), new Uint8Array([...a, ...b]))).toBe(true);
    const trailing = new Uint8Array([...bzip2Cli(a, 1), 0, 0, 0, 7]);
    expect(same(io.bunzip2Sync(trailing, LIMIT), a)).toBe(true);
  });

  it('results are plain Uint8Arrays over their own V8 ArrayBuffer (no external memory)', async () => {
    const [out] = await io.bunzip2Records([bzip2Cli(runs(10_000))], LIMIT);
    expect(out).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(out)).toBe(false);
    expect(out!.byteOffset).toBe(0);
    expect(out!.buffer.byteLength).toBe(out!.length);
  });
});

describe('native bunzip2 on real NEXRAD LDM records', () => {
  for (const name of ['KLBB20160601_150025_V06', 'KCRP20200101_000431_V06'] as const) {
    it(`${name}: every record equals bzip2 -d and the TypeScript decoder, with 1, 2 or 3 threads`, async () => {
      const records = ldmRecords(readFileSync(await radarFile(name)));
      // bzip2 -d decodes the concatenation of all records in one run
      const expected = bunzip2Cli(new Uint8Array(Buffer.concat(records)));
      expect(expected).not.toBeNull();
      const outputs = await io.bunzip2Records(records, 1 << 26);
      expect(outputs).toHaveLength(records.length);
      expect(same(new Uint8Array(Buffer.concat(outputs)), expected!)).toBe(true);
      outputs.forEach((out, i) => expect(same(out, bunzip2(records[i]!, 1 << 26)), `record ${i}`).toBe(true));
      for (const threads of [1, 3]) {
        const again = await io.bunzip2Records(records, 1 << 26, { threads });
        expect(again.every((out, i) => same(out, outputs[i]!))).toBe(true);
      }
    });
  }
});

describe('native bunzip2 rejects bad input cleanly', () => {
  const original = runs(500_000);
  const good = bzip2Cli(original, 9);

  it('a flipped bit in the stored block CRC is a CRC mismatch (bzip2 -d agrees)', () => {
    const bad = good.slice();
    bad[10]! ^= 0x01; // bytes 4..9 are the block magic, 10..13 the block CRC
    expect(bunzip2Cli(bad)).toBeNull();
    const err = thrown(() => io.bunzip2Sync(bad, LIMIT));
    expect(err.message).toMatch(/CRC mismatch in block 0/);
    expect(err.code).toBe('corrupt');
  });

  it('a flipped stream CRC is reported as such', () => {
    const bad = good.slice();
    bad[bad.length - 2]! ^= 0x10; // inside the 32-bit combined CRC at the end
    expect(bunzip2Cli(bad)).toBeNull();
    expect(thrown(() => io.bunzip2Sync(bad, LIMIT)).message).toMatch(/stream CRC mismatch/);
  });

  it('randomised blocks (bzip2 < 0.9.5) are refused as unsupported', () => {
    const bad = good.slice();
    bad[14]! |= 0x80; // the bit after the block CRC
    const err = thrown(() => io.bunzip2Sync(bad, LIMIT));
    expect(err.kind).toBe('unsupported');
    expect(err.code).toBe('corrupt');
  });

  it('truncated streams are errors (bzip2 -d agrees), never short output', () => {
    for (const keep of [0, 3, 4, 14, 40, 1000, Math.floor(good.length / 3), good.length - 5, good.length - 1]) {
      expect(bunzip2Cli(good.subarray(0, keep))).toBeNull();
      const err = thrown(() => io.bunzip2Sync(good.subarray(0, keep), LIMIT));
      expect(['truncated', 'corrupt'], `cut at ${keep}: ${err.message}`).toContain(err.kind);
    }
    expect(thrown(() => io.bunzip2Sync(good.subarray(0, good.length - 5), LIMIT)).kind).toBe('truncated');
  });

  it('data without a bzip2 header is rejected', () => {
    const err = thrown(() => io.bunzip2Sync(new TextEncoder().encode('ARCHIVE2.not bzip2'), LIMIT));
    expect(err.message).toMatch(/no BZh header/);
  });

  it('the output cap holds (a decompression bomb cannot exhaust memory), exactly at the limit too', async () => {
    const bomb = bzip2Cli(new Uint8Array(20_000_000), 9); // ~50 bytes that inflate to 20 MB
    const err = thrown(() => io.bunzip2Sync(bomb, 1_000_000));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/exceeds the limit of 1000000 bytes/);
    expect(io.bunzip2Sync(bomb, 20_000_000).length).toBe(20_000_000);
    expect(thrown(() => io.bunzip2Sync(bomb, 19_999_999)).code).toBe('too-large');
    const rejected = await rejection(io.bunzip2Records([good, bomb], 1_000_000));
    expect(rejected.code).toBe('too-large');
    expect(rejected.recordIndex).toBe(1);
  });

  it('random bit flips: every result is an error or the exact original', () => {
    const small = bzip2Cli(new Uint8Array([...runs(20_000), ...noise(2_000, 4242)]), 9);
    const expected = io.bunzip2Sync(small, LIMIT);
    const rng = noise(4 * 600, 12345);
    let errors = 0;
    for (let k = 0; k < 600; k++) {
      const bad = small.slice();
      const where = ((rng[4 * k]! << 16) | (rng[4 * k + 1]! << 8) | rng[4 * k + 2]!) % bad.length;
      bad[where]! ^= 1 << (rng[4 * k + 3]! & 7);
      try {
        expect(same(io.bunzip2Sync(bad, 1_000_000), expected)).toBe(true);
      } catch (err) {
        expect(err).toBeInstanceOf(NativeBzip2Error);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(550); // nearly every flip must be detected
  });

  it('several bad records: the lowest index is reported, whatever the thread timing', async () => {
    const records = ldmRecords(readFileSync(await radarFile('KLBB20160601_150025_V06')));
    const bad = records.map((r) => r.slice());
    bad[31]![Math.floor(bad[31]!.length / 2)]! ^= 0x10;
    bad[7]![Math.floor(bad[7]!.length / 2)]! ^= 0x10;
    bad[40] = bad[40]!.subarray(0, 100);
    for (const threads of [1, 2, 4]) {
      const err = await rejection(io.bunzip2Records(bad, 1 << 26, { threads }));
      expect(err.recordIndex).toBe(7);
      expect(err.code).toBe('corrupt');
    }
    // the input arrays are untouched and a later call works
    expect((await io.bunzip2Records(records.slice(0, 3), 1 << 26)).length).toBe(3);
  });
});

describe('native bunzip2RecordsEach: records handed over as they are decoded', () => {
  const records = [runs(200_000), noise(50_000, 5), new Uint8Array(0), runs(900_000)].map((d) => bzip2Cli(d, 3));

  it('hands every record over exactly once, with its index, before the promise resolves', async () => {
    const seen: number[] = [];
    const sizes: number[] = [];
    let resolved = false;
    const done = io
      .bunzip2RecordsEach(records, 1 << 24, (i, bytes) => {
        expect(resolved).toBe(false);
        seen.push(i);
        sizes[i] = bytes.length;
      })
      .then(() => (resolved = true));
    await done;
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
    expect(sizes).toEqual([200_000, 50_000, 0, 900_000]);
  });

  it('on a failure, every record below the failing one was handed over first', async () => {
    const bad = [...records, records[0]!.subarray(0, 50), ...records];
    const seen = new Set<number>();
    const err = await rejection(io.bunzip2RecordsEach(bad, 1 << 24, (i) => seen.add(i), { threads: 2 }));
    expect(err.recordIndex).toBe(4);
    for (let i = 0; i < 4; i++) expect(seen.has(i)).toBe(true);
    expect(seen.has(4)).toBe(false);
  });

  it('an error thrown by the callback rejects the promise with that very error, without a crash', async () => {
    const mine = new RangeError('stop here');
    let calls = 0;
    const result = io.bunzip2RecordsEach(records, 1 << 24, () => {
      calls++;
      throw mine;
    });
    await expect(result).rejects.toBe(mine);
    expect(calls).toBe(1);
    expect((await io.bunzip2Records(records, 1 << 24)).length).toBe(4); // the addon still works
  });
});

describe('native facade: arguments, loader, threads', () => {
  it('validates arguments with invalid-parameter messages', async () => {
    const call = io.bunzip2Records as (...a: unknown[]) => Promise<Uint8Array[]>;
    expect((await rejection(call('x', 10))).message).toBe(
      'invalid parameter records: expected an array of Uint8Array, got string',
    );
    expect((await rejection(call([new Uint16Array(2)], 10))).message).toMatch(
      /records\[0\]: expected a Uint8Array, got Uint16Array/,
    );
    expect((await rejection(call([], 0))).message).toMatch(/maxOutputBytes: expected a positive integer/);
    expect((await rejection(call([], 10, { threads: 0 }))).code).toBe('invalid-input');
    expect(thrown(() => io.bunzip2Sync(null as unknown as Uint8Array, 1)).message).toMatch(
      /bytes: expected a Uint8Array, got null/,
    );
    expect(await io.bunzip2Records([], 10)).toEqual([]);
  });

  it('explains where it looked when the addon is missing, and honours UNFOLD_IO_NATIVE_PATH', () => {
    const err = thrown(() => loadNativeIo('/nonexistent/unfold_io.node'));
    expect(err.message).toMatch(/not found; tried: \/nonexistent\/unfold_io\.node.*npm run native:build/);
    const saved = process.env['UNFOLD_IO_NATIVE_PATH'];
    process.env['UNFOLD_IO_NATIVE_PATH'] = io.addonPath;
    try {
      expect(ioAddonCandidates()).toEqual([io.addonPath]);
    } finally {
      if (saved === undefined) delete process.env['UNFOLD_IO_NATIVE_PATH'];
      else process.env['UNFOLD_IO_NATIVE_PATH'] = saved;
    }
    expect(thrown(() => loadNativeIo(__filename)).message).toMatch(/could not be loaded/);
  });

  it('uses one thread per record at most, and at least one', () => {
    expect(io.recordThreads(1)).toBe(1);
    expect(io.recordThreads(46, 3)).toBe(3);
    expect(io.recordThreads(2, 8)).toBe(2);
    expect(io.recordThreads(46)).toBeGreaterThanOrEqual(1);
  });

  it('a worker thread terminated while its records decode does not take the process down', async () => {
    const compressed = bzip2Cli(runs(2_000_000), 9);
    const script = `
      const { Worker } = require('node:worker_threads');
      const src = \`
        const { parentPort, workerData } = require('node:worker_threads');
        const m = { exports: {} };
        process.dlopen(m, workerData.path);
        let n = 0;
        m.exports.bunzip2RecordsEach(workerData.records, 1 << 24, () => { if (++n === 2) parentPort.postMessage('started'); });\`;
      (async () => {
        const records = Array(12).fill(Buffer.from(process.argv[2], 'base64'));
        for (let k = 0; k < 8; k++) {
          const w = new Worker(src, { eval: true, workerData: { path: process.argv[1], records } });
          if (k % 2) await new Promise((r) => w.once('message', r));
          else await new Promise((r) => setTimeout(r, k));
          await w.terminate();
        }
        console.log('survived');
      })();`;
    const run = spawnSync(process.execPath, ['-e', script, io.addonPath, Buffer.from(compressed).toString('base64')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect([run.status, run.stdout.trim()]).toEqual([0, 'survived']);
  });

  it('is context-aware: two worker threads decode at the same time', async () => {
    const data = runs(300_000);
    const compressed = bzip2Cli(data, 3);
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const m = { exports: {} };
      process.dlopen(m, workerData.path);
      const sizes = [];
      m.exports.bunzip2RecordsEach([workerData.bytes, workerData.bytes], 1 << 24, (i, o) => (sizes[i] = o.length))
        .then(() => parentPort.postMessage(sizes));`;
    const run = (): Promise<number[]> =>
      new Promise((resolve, reject) => {
        const worker = new Worker(source, { eval: true, workerData: { path: io.addonPath, bytes: compressed } });
        worker.once('message', (m: number[]) => {
          resolve(m);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    const results = await Promise.all([run(), run()]);
    expect(results).toEqual([
      [data.length, data.length],
      [data.length, data.length],
    ]);
  });
});
