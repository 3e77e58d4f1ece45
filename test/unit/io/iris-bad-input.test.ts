// IRIS RAW reader on damaged and edited copies of the real Corozal file: truncation, corrupt
// run-length streams, absurd header counts, the multi-PRF Nyquist factor; and the ray-stream decoder
// on hand-made streams.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { RecordCursor, readRay, recordWords } from '../../../main/io/readers/iris/ray-stream';
import { radarFile } from '../../support/radar-data';

const RECORD = 6144;
/** byte offsets in the file (IRIS manual: ingest_header in record 2; task_dsp_info; product_end) */
const MULTI_PRF_FLAG = RECORD + 12 + 480 + 12 + 120 + 144;
const PRODUCT_END_BINS = 12 + 320 + 164;
/** first sweep's first record: raw_prod_bhdr (12) + 7 ingest_data_headers (76 each), then the rays */
const FIRST_SWEEP = 2 * RECORD;
const FIRST_RAY = FIRST_SWEEP + 12 + 76 * 7;

const scratch = mkdtempSync(join(tmpdir(), 'unfold-iris-'));
let original: Buffer;
beforeAll(async () => {
  original = readFileSync(await radarFile('cor-main131125105503.RAW2049'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function variant(name: string, edit: (b: Buffer) => Buffer | void): string {
  const copy = Buffer.from(original);
  const out = edit(copy) ?? copy;
  const path = join(scratch, name);
  writeFileSync(path, out);
  return path;
}

async function openError(path: string): Promise<ReaderError> {
  const error = await openVolume(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReaderError);
  return error as ReaderError;
}

describe('IRIS RAW reader: damaged files', () => {
  it('rejects a file cut inside its header records', async () => {
    const error = await openError(variant('head.RAW', (b) => b.subarray(0, 5000)));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/^head\.RAW: .*two 6144-byte header records/);
  });

  it('keeps the complete sweeps of a file cut mid-volume, with a warning', async () => {
    const volume = await openVolume(variant('half.RAW', (b) => b.subarray(0, Math.floor(b.length / 2))));
    expect(volume.header.sweeps.length).toBeGreaterThan(0);
    expect(volume.header.sweeps.length).toBeLessThan(10);
    expect(volume.header.warnings.join('\n')).toMatch(/sweep \d+ of 10 is truncated or corrupt/);
    const field = await volume.readField(0, 'VRADH');
    expect(field.data.some((v) => !Number.isNaN(v))).toBe(true);
    volume.close();
  });

  it('rejects a file cut inside its first sweep', async () => {
    const error = await openError(variant('first.RAW', (b) => b.subarray(0, FIRST_SWEEP + 3 * RECORD)));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/^first\.RAW: sweep 1 of 10 .*past the end of the file/);
  });

  it('rejects a run-length code that overflows the ray', async () => {
    // 0x8000 + 32767: "32767 literal words follow", far more than 6 + 664 bins
    const error = await openError(variant('overflow.RAW', (b) => void b.writeUInt16LE(0xffff, FIRST_RAY)));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^overflow\.RAW: .*run-length stream is corrupt/);
  });

  it('rejects a zero run that overflows the ray', async () => {
    const error = await openError(variant('zeros.RAW', (b) => void b.writeUInt16LE(0x7fff, FIRST_RAY)));
    expect(error.code).toBe('corrupt');
  });

  it('rejects absurd counts in the headers', async () => {
    const bins = await openError(variant('bins.RAW', (b) => void b.writeInt32LE(2_000_000_000, PRODUCT_END_BINS)));
    expect(bins.message).toMatch(/^bins\.RAW: implausible bin count 2000000000/);
    // number_rays_file_expected of the first ingest_data_header
    const rays = await openError(variant('rays.RAW', (b) => void b.writeInt16LE(32000, FIRST_SWEEP + 12 + 30)));
    expect(rays.message).toMatch(/implausible ray counts/);
    const types = await openError(
      variant('types.RAW', (b) => void b.writeUInt32LE(0xffffffff, RECORD + 12 + 480 + 12 + 120 + 4 + 12)),
    );
    expect(types.code).toBe('corrupt');
  });

  it('applies the multi-PRF factor to the Nyquist and to 1-byte velocity', async () => {
    const single = await openVolume(await radarFile('cor-main131125105503.RAW2049'));
    const dual = await openVolume(variant('dual.RAW', (b) => void b.writeUInt16LE(1, MULTI_PRF_FLAG)));
    // flag 1 (2:3 dual PRF) doubles the extended Nyquist: 2 × 6.6625 m/s
    expect(dual.header.sweeps[0]!.nyquist).toBeCloseTo(13.325, 6);
    expect(dual.header.sweeps[0]!.nyquistSource).toMatch(/×2/);
    const a = (await single.readField(0, 'VRADH')).data;
    const b = (await dual.readField(0, 'VRADH')).data;
    let compared = 0;
    let worst = 0;
    for (let i = 0; i < a.length; i++) {
      if (Number.isNaN(a[i]!)) continue;
      worst = Math.max(worst, Math.abs(b[i]! - 2 * a[i]!));
      compared++;
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(worst).toBeLessThan(1e-5);
    single.close();
    dual.close();
  });
});

describe('IRIS ray stream decoder', () => {
  /** Records of 3072 words; the caller's words go after each record's 6-word raw_prod_bhdr. */
  function records(...dataWords: number[][]): Uint16Array {
    const bytes = new Uint8Array(RECORD * dataWords.length);
    const view = new DataView(bytes.buffer);
    dataWords.forEach((words, r) => words.forEach((w, i) => view.setUint16(r * RECORD + (6 + i) * 2, w, true)));
    return recordWords(bytes);
  }

  it('expands literal and zero runs, across a record boundary', () => {
    const first = new Array<number>(3066).fill(0);
    // the ray starts 3 words before the end of record 1: a 4-word literal run spills into record 2
    first[3063] = 0x8004;
    first[3064] = 11;
    first[3065] = 12;
    const view = records(first, [13, 14, 3, 0x8001, 99, 0, 1]);
    const cursor = new RecordCursor(view, 'x', 6 + 3063);
    const out = new Uint16Array(16);
    const length = readRay(cursor, out.length, out, 'x');
    expect(length).toBe(8);
    expect([...out.subarray(0, 8)]).toEqual([11, 12, 13, 14, 0, 0, 0, 99]);
  });

  it('reports an unrecorded ray and a stream that runs off the end', () => {
    const view = records([1, 0x8003, 5]);
    const cursor = new RecordCursor(view, 'x', 6);
    expect(readRay(cursor, 10, null, 'x')).toBe(-1);
    expect(() => readRay(cursor, 10, null, 'x')).toThrow(/past the end of the file/);
  });
});
