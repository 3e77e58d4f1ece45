/**
 * The NEXRAD reader on damaged copies of the real files (made in memory, written to temp files, opened
 * through the opener like any user file): truncation keeps the complete sweeps with a warning; corrupt
 * bzip2 records, wrong record lengths and impossible counts give a ReaderError that names the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bunzip2 } from '../../../main/io/compress/bzip2';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { radarFile } from '../../support/radar-data';
import { referenceRuns } from '../../support/reference';

let dir: string;
let klbb: Buffer;
let kcrp: Buffer;
let klix: Buffer; // unwrapped from its gzip layer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'unfold-nexrad-'));
  klbb = readFileSync(await radarFile('KLBB20160601_150025_V06'));
  kcrp = readFileSync(await radarFile('KCRP20200101_000431_V06'));
  klix = gunzipSync(readFileSync(await radarFile('KLIX20050828_180149.gz')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function tempFile(name: string, bytes: Uint8Array): string {
  const path = join(dir, `${counter++}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

/** Byte offset and compressed size of each LDM record (control word at `offset`, data after it). */
function ldmRecords(file: Buffer): Array<{ offset: number; size: number }> {
  const records = [];
  for (let pos = 24; pos + 4 <= file.length;) {
    const size = Math.abs(file.readInt32BE(pos));
    records.push({ offset: pos, size });
    pos += 4 + size;
  }
  return records;
}

async function openError(path: string): Promise<ReaderError> {
  try {
    const volume = await openVolume(path);
    volume.close();
  } catch (err) {
    expect(err).toBeInstanceOf(ReaderError);
    expect((err as ReaderError).message).toContain(path.split('/').pop()!);
    return err as ReaderError;
  }
  throw new Error(`${path} opened although it should not`);
}

const kcrpRays = (): number[] => {
  const meta = referenceRuns().find((r) => r.name === 'KCRP20200101_000431_V06')!.meta;
  return meta.sweep_start_ray_index.map((s, i) => meta.sweep_end_ray_index[i]! - s + 1);
};

describe('truncated NEXRAD files keep their complete sweeps', () => {
  it('message 31 cut inside an LDM record: complete sweeps open, warning says truncated', async () => {
    const records = ldmRecords(kcrp);
    const cut = records[16]!.offset + 1000; // metadata + 15 records of 120 radials: sweeps 1-2 and part of 3
    const volume = await openVolume(tempFile('KCRP_cut', kcrp.subarray(0, cut)));
    const sweeps = volume.header.sweeps;
    expect(sweeps.length).toBeGreaterThan(0);
    expect(sweeps.length).toBeLessThan(12);
    expect(sweeps.map((s) => s.rayCount)).toEqual(kcrpRays().slice(0, sweeps.length));
    expect(volume.header.warnings.join(' ')).toMatch(/truncated/);
    expect(volume.header.warnings.join(' ')).toMatch(/incomplete/);
    // the kept Doppler sweep decodes as in the whole file
    const vel = await volume.readField(1, 'VRADH');
    expect(vel.gates).toBe(1192);
    volume.close();
  });

  it('message 31 cut exactly between records, mid-sweep: the partial sweep is left out', async () => {
    const records = ldmRecords(kcrp);
    const volume = await openVolume(tempFile('KCRP_boundary', kcrp.subarray(0, records[10]!.offset)));
    const sweeps = volume.header.sweeps;
    expect(sweeps.length).toBeGreaterThanOrEqual(1);
    expect(sweeps.map((s) => s.rayCount)).toEqual(kcrpRays().slice(0, sweeps.length));
    expect(volume.header.warnings.join(' ')).toMatch(/incomplete .* left out/);
    volume.close();
  });

  it('message 31 cut exactly after a whole sweep: every sweep kept, but flagged as possibly incomplete', async () => {
    // KLBB's first sweep is 720 radials in 6 LDM records of 120 after the metadata record
    const volume = await openVolume(tempFile('KLBB_sweep1', klbb.subarray(0, ldmRecords(klbb)[7]!.offset)));
    expect(volume.header.sweeps.map((s) => s.rayCount)).toEqual([720]);
    expect(volume.header.warnings).toEqual([expect.stringMatching(/without an end-of-volume radial/)]);
    volume.close();
  });

  it('message 1 (gzip-wrapped) cut inside a 2432-byte record: complete sweeps open', async () => {
    const cut = Math.floor(klix.length * 0.4) + 1000;
    const volume = await openVolume(tempFile('KLIX_cut.gz', gzipSync(klix.subarray(0, cut))));
    const meta = referenceRuns().find((r) => r.name === 'KLIX20050828_180149')!.meta;
    const sweeps = volume.header.sweeps;
    expect(sweeps.length).toBeGreaterThan(2);
    expect(sweeps.length).toBeLessThan(16);
    sweeps.forEach((s, i) =>
      expect(s.rayCount).toBe(meta.sweep_end_ray_index[i]! - meta.sweep_start_ray_index[i]! + 1),
    );
    expect(volume.header.warnings.join(' ')).toMatch(/truncated/);
    volume.close();
  });

  it('only the volume header, or less than one record: a truncation error', async () => {
    expect((await openError(tempFile('KLBB_header', klbb.subarray(0, 24)))).code).toBe('truncated');
    expect((await openError(tempFile('KLBB_1000', klbb.subarray(0, 1000)))).code).toBe('truncated');
    expect((await openError(tempFile('KLBB_20', klbb.subarray(0, 20)))).code).toBe('truncated');
  });
});

describe('corrupt NEXRAD files are rejected with a ReaderError', () => {
  it('a corrupted byte inside an LDM record fails its CRC or Huffman check', async () => {
    const records = ldmRecords(klbb);
    const bad = Buffer.from(klbb);
    const r = records[5]!;
    bad[r.offset + 4 + Math.floor(r.size / 2)]! ^= 0x10;
    const err = await openError(tempFile('KLBB_flip', bad));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/LDM record 5 .*does not decompress/);
  });

  it('a wrong block CRC is reported as a CRC mismatch', async () => {
    const records = ldmRecords(klbb);
    const bad = Buffer.from(klbb);
    bad[records[3]!.offset + 4 + 10]! ^= 0x01; // BZh9 + 6-byte block magic, then the block CRC
    expect((await openError(tempFile('KLBB_crc', bad))).message).toMatch(/CRC mismatch/);
  });

  it('wrong record lengths: too short, too long, or zero', async () => {
    const records = ldmRecords(klbb);
    const at = records[2]!.offset;
    for (const delta of [-1000, 10]) {
      const bad = Buffer.from(klbb);
      bad.writeInt32BE(records[2]!.size + delta, at);
      const err = await openError(tempFile(`KLBB_len${delta}`, bad));
      expect(err.code).toBe('corrupt');
      expect(err.message).toMatch(/LDM record [23]/);
    }
    const zero = Buffer.from(klbb);
    zero.writeInt32BE(0, at);
    expect((await openError(tempFile('KLBB_len0', zero))).message).toMatch(/wrong length/);
  });
});

describe('uncompressed message-31 archives and impossible counts', () => {
  /** An AR2V0006 file whose LDM records are stored decompressed back to back (as some tools write). */
  const uncompressed = (records: number): Buffer => {
    const parts: Uint8Array[] = [klbb.subarray(0, 24)];
    for (const r of ldmRecords(klbb).slice(0, records)) {
      parts.push(bunzip2(klbb.subarray(r.offset + 4, r.offset + 4 + r.size), 1 << 26));
    }
    return Buffer.concat(parts);
  };
  /** Offset of the first message-31 header: after the volume header, the 134-slot metadata record, a CTM. */
  const FIRST_RADIAL = 24 + 134 * 2432 + 12;

  it('an uncompressed msg31 archive reads like the compressed one', async () => {
    const volume = await openVolume(tempFile('KLBB_raw', uncompressed(13))); // metadata + sweeps 1-2
    expect(volume.header.format).toBe('nexrad-level2-msg31');
    expect(volume.header.sweeps[0]!.rayCount).toBe(720);
    expect(volume.header.sweeps[1]!.fixedAngle).toBeCloseTo(0.4834, 4);
    const velocity = referenceRuns()
      .find((r) => r.name === 'KLBB20160601_150025_V06')!
      .velocity();
    const vel = await volume.readField(1, 'VRADH');
    for (let r = 0; r < vel.rays; r += 37) {
      for (let g = 0; g < vel.gates; g += 5) {
        const expected = velocity[(720 + r) * 1832 + g]!;
        const actual = vel.data[r * vel.gates + g]!;
        expect(Number.isNaN(actual) ? 'NaN' : actual).toBe(Number.isNaN(expected) ? 'NaN' : expected);
      }
    }
    volume.close();
  });

  it('an absurd gate count, block count or message size is a corrupt-file error', async () => {
    const base = uncompressed(3);
    const h = FIRST_RADIAL + 16; // data header block of the first radial
    expect(base.toString('latin1', h, h + 4)).toBe('KLBB');
    const refPointer = [0, 1, 2, 3, 4, 5]
      .map((b) => base.readUInt32BE(h + 32 + 4 * b))
      .find((p) => base.toString('latin1', h + p, h + p + 4) === 'DREF')!;
    const gates = Buffer.from(base);
    gates.writeUInt16BE(60000, h + refPointer + 8);
    expect((await openError(tempFile('KLBB_gates', gates))).message).toMatch(/REF claims 60000 gates/);
    const blocks = Buffer.from(base);
    blocks.writeUInt16BE(200, h + 30);
    expect((await openError(tempFile('KLBB_blocks', blocks))).message).toMatch(/claims 200 data blocks/);
    const size = Buffer.from(base);
    size.writeUInt16BE(3, FIRST_RADIAL);
    expect((await openError(tempFile('KLBB_size', size))).message).toMatch(/impossible size/);
    const angle = Buffer.from(base);
    angle.writeFloatBE(Number.NaN, h + 12);
    expect((await openError(tempFile('KLBB_angle', angle))).message).toMatch(/impossible azimuth NaN/);
    const word = Buffer.from(base);
    word.writeUInt8(12, h + refPointer + 19);
    expect((await openError(tempFile('KLBB_word', word))).message).toMatch(/word size of 12 bits/);
  });

  it('random damage never crashes or hangs: a volume or a ReaderError, every time', async () => {
    const bases = [uncompressed(4), klix.subarray(0, 24 + 2432 * 900), klbb.subarray(0, ldmRecords(klbb)[4]!.offset)];
    let x = 2463534242;
    const rand = (n: number): number => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
    let opened = 0;
    let rejected = 0;
    for (let k = 0; k < 45; k++) {
      const base = bases[k % bases.length]!;
      let bad = Buffer.from(base);
      const kind = rand(3);
      if (kind === 0) for (let f = 0; f < 1 + rand(8); f++) bad[rand(bad.length)]! ^= 1 << rand(8);
      else if (kind === 1) bad = bad.subarray(0, rand(bad.length));
      else {
        const from = rand(bad.length - 600);
        bad.copy(bad, rand(bad.length - 600), from, from + 1 + rand(500)); // splice a piece elsewhere
      }
      try {
        const volume = await openVolume(tempFile(`fuzz${k}`, bad));
        for (const s of volume.header.sweeps) for (const m of s.moments) await volume.readField(s.index, m);
        volume.close();
        opened++;
      } catch (err) {
        expect(err, `case ${k} (kind ${kind})`).toBeInstanceOf(ReaderError);
        rejected++;
      }
    }
    expect(opened + rejected).toBe(45);
  });
});
