/**
 * The bzip2 decoder against Debian's `bzip2` tool: whatever `bzip2` compresses we must restore byte for
 * byte, and whatever `bzip2 -d` rejects (CRC errors, truncation) we must reject with a Bzip2Error.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bunzip2, Bzip2Error } from '../../../main/io/compress/bzip2';
import { radarFile } from '../../support/radar-data';

const LIMIT = 256 * 1024 * 1024;

/** Compress with the system bzip2 (Debian package `bzip2`): the independent encoder. */
function bzip2Cli(data: Uint8Array, level = 9): Uint8Array {
  const run = spawnSync('bzip2', [`-${level}`, '-c'], { input: data, maxBuffer: 1 << 30 });
  if (run.error)
    throw new Error(`the bzip2 command is needed for these tests (apt-get install bzip2): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`bzip2 failed: ${run.stderr.toString()}`);
  return new Uint8Array(run.stdout);
}

/** Decompress with the system bzip2; null when it reports an error. */
function bunzip2Cli(data: Uint8Array): Uint8Array | null {
  const run = spawnSync('bzip2', ['-d', '-c'], { input: data, maxBuffer: 1 << 30 });
  return run.status === 0 ? new Uint8Array(run.stdout) : null;
}

/** Deterministic pseudo-random bytes (xorshift32), so a failure reproduces. */
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

/** Text-like data with long runs (exercises run-length coding at both levels). */
function runs(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let i = 0;
  for (let k = 0; i < length; k++) {
    const len = 1 + ((k * 7919) % 600);
    out.fill((k * 31) & 0xff, i, Math.min(length, i + len));
    i += len;
  }
  return out;
}

const samples: Array<[string, Uint8Array, number]> = [
  ['empty input', new Uint8Array(0), 9],
  ['one short line', new TextEncoder().encode('Unfold reads NEXRAD Level II\n'), 9],
  ['all 256 byte values', Uint8Array.from({ length: 256 * 40 }, (_, i) => i & 0xff), 9],
  ['incompressible noise, 100k blocks (multi-block)', noise(1_050_000, 7), 1],
  ['long runs, 100k blocks (multi-block)', runs(2_500_000), 1],
  ['a single byte repeated 3 MB', new Uint8Array(3_000_000).fill(0x2a), 9],
  ['radar-like mix at level 5', new Uint8Array([...runs(300_000), ...noise(200_000, 99)]), 5],
];

describe('bunzip2 restores what Debian bzip2 compressed', () => {
  for (const [name, data, level] of samples) {
    it(name, () => {
      const compressed = bzip2Cli(data, level);
      expect(Buffer.compare(Buffer.from(bunzip2(compressed, LIMIT)), Buffer.from(data))).toBe(0);
    });
  }

  it('concatenated streams decode to the concatenated data (as pbzip2 writes them)', () => {
    const a = noise(150_000, 3);
    const b = runs(400_000);
    const joined = new Uint8Array([...bzip2Cli(a, 1), ...bzip2Cli(b, 9)]);
    expect(Buffer.from(bunzip2(joined, LIMIT)).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('decodes a real NEXRAD LDM record exactly as bzip2 -d does', async () => {
    const file = readFileSync(await radarFile('KLBB20160601_150025_V06'));
    // second LDM record: 4-byte control word after the 24-byte volume header and the first record
    const first = Math.abs(file.readInt32BE(24));
    const at = 24 + 4 + first;
    const size = Math.abs(file.readInt32BE(at));
    const record = new Uint8Array(file.subarray(at + 4, at + 4 + size));
    const expected = bunzip2Cli(record);
    expect(expected).not.toBeNull();
    expect(Buffer.from(bunzip2(record, LIMIT)).equals(Buffer.from(expected!))).toBe(true);
  });
});

describe('bunzip2 rejects bad input with a Bzip2Error', () => {
  const original = runs(500_000);
  const good = bzip2Cli(original, 9);

  const expectBzip2Error = (bytes: Uint8Array, kind?: string): void => {
    let caught: unknown;
    try {
      bunzip2(bytes, LIMIT);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Bzip2Error);
    if (kind) expect((caught as Bzip2Error).kind).toBe(kind);
  };

  it('a flipped bit in the stored block CRC is a CRC mismatch (bzip2 -d agrees)', () => {
    const bad = good.slice();
    bad[10]! ^= 0x01; // bytes 4..9 are the block magic, 10..13 the block CRC
    expect(bunzip2Cli(bad)).toBeNull();
    expect(() => bunzip2(bad, LIMIT)).toThrow(/CRC mismatch/);
  });

  it('a corrupted byte inside the block data is rejected (bzip2 -d agrees)', () => {
    const bad = good.slice();
    const mid = Math.floor(bad.length / 2);
    bad[mid]! ^= 0x5a;
    expect(bunzip2Cli(bad)).toBeNull();
    expectBzip2Error(bad, 'corrupt');
  });

  it('truncated streams are rejected as truncated or corrupt, never returned short', () => {
    for (const keep of [3, 14, 40, Math.floor(good.length / 3), good.length - 5]) {
      expect(bunzip2Cli(good.subarray(0, keep))).toBeNull();
      expectBzip2Error(good.subarray(0, keep));
    }
  });

  it('data without a bzip2 header is rejected', () => {
    expectBzip2Error(new TextEncoder().encode('ARCHIVE2.not bzip2'), 'corrupt');
  });

  it('output beyond maxOutputBytes is refused (a decompression bomb cannot exhaust memory)', () => {
    const bomb = bzip2Cli(new Uint8Array(20_000_000), 9); // ~50 bytes that inflate to 20 MB
    expect(() => bunzip2(bomb, 1_000_000)).toThrow(/exceeds the limit of 1000000 bytes/);
    expect(bunzip2(bomb, 20_000_000).length).toBe(20_000_000);
  });

  it('random bit flips: every result is an error or the exact original, in bounded time', () => {
    const small = bzip2Cli(new Uint8Array([...runs(20_000), ...noise(2_000, 4242)]), 9);
    const expected = Buffer.from(bunzip2(small, LIMIT));
    const rng = noise(4 * 400, 12345);
    let errors = 0;
    for (let k = 0; k < 400; k++) {
      const bad = small.slice();
      const where = ((rng[4 * k]! << 16) | (rng[4 * k + 1]! << 8) | rng[4 * k + 2]!) % bad.length;
      bad[where]! ^= 1 << (rng[4 * k + 3]! & 7);
      try {
        expect(Buffer.from(bunzip2(bad, 1_000_000)).equals(expected)).toBe(true);
      } catch (err) {
        expect(err).toBeInstanceOf(Bzip2Error);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(350); // nearly every flip must be detected
  });
});
