// Reader-fuzzer findings in the HDF5 readers, rebuilt byte for byte from the real files with the
// fuzzer's own mutations (seed and case as the fuzzer reported them, over the same list of files) and
// replayed through openVolume: each must end in a ReaderError that names the file and the damage,
// within the test's time limit (before the fixes they hung for minutes with memory past 700 MB).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { makeCase, type FuzzInput } from '../../../scripts/fuzz/mutations';
import { allRadarFileNames, radarFile, type RadarFileName } from '../../support/radar-data';

const scratch = mkdtempSync(join(tmpdir(), 'unfold-h5-findings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The HDF5 files of the long fuzz runs (`--files`); undefined: every real file (the default). */
const HDF5_FILES = [
  '2014-08-10--182000.ppi.mvol',
  'MLL2217907250U.003.nc',
  '40_20181220_060630.pvol.h5',
  'selul_pvol_201503300845.h5',
  'cfrad.20211011_223602.712_to_20211011_223612.091_DOW8_RHI.nc',
  'houkasacrcfrM1.a1.20210922.150006.nc',
];

const cache = new Map<string, Promise<Uint8Array>>();
const bytesOf = (name: RadarFileName): Promise<Uint8Array> => {
  let bytes = cache.get(name);
  if (!bytes) cache.set(name, (bytes = radarFile(name).then((path) => new Uint8Array(readFileSync(path)))));
  return bytes;
};

/** The real files in the fuzzer's order, filtered as its `--files` does: a case's index picks its file. */
const fuzzInputs = (files?: string[]): Promise<FuzzInput[]> =>
  Promise.all(
    allRadarFileNames()
      .filter((name) => !files || files.some((f) => name.includes(f)))
      .map(async (name) => ({ name, bytes: await bytesOf(name) })),
  );

async function replay(seed: number, index: number, files?: string[]): Promise<{ source: string; error: unknown }> {
  const c = makeCase(seed, index, await fuzzInputs(files));
  const path = join(scratch, `seed${seed}-case${index}-${c.source}`);
  writeFileSync(path, c.bytes);
  const error = await openVolume(path).then(
    async (volume) => {
      // whatever opens must also survive reading every field
      try {
        for (const sweep of volume.header.sweeps) {
          for (const moment of sweep.moments) await volume.readField(sweep.index, moment);
        }
      } finally {
        volume.close();
      }
      return null;
    },
    (err: unknown) => err,
  );
  return { source: c.source, error };
}

const GAMIC = '2014-08-10--182000.ppi.mvol';
const MLL = 'MLL2217907250U.003.nc';

/** Global heap collections of the two files (byte offsets), and what the damaged heap blocks. */
const HEAP_FINDINGS = [
  { seed: 9001, index: 11, source: GAMIC, heap: 1952, blocked: '/scan0/how attribute timestamp' },
  { seed: 9001, index: 221, source: GAMIC, heap: 1952, blocked: '/scan0/how attribute timestamp' },
  { seed: 9001, index: 1106, source: GAMIC, heap: 1952, blocked: '/scan0/how attribute timestamp' },
  { seed: 4242, index: 266, source: GAMIC, heap: 1952, blocked: '/scan0/how attribute timestamp' },
  { seed: 9001, index: 411, source: MLL, heap: 12114, blocked: 'the dimension scale name of /time' },
];

describe('HDF5 fuzzer findings: a damaged global heap', () => {
  for (const f of HEAP_FINDINGS) {
    it(`seed ${f.seed} case ${f.index} (${f.source}) is refused, not a hang`, { timeout: 30_000 }, async () => {
      const { source, error } = await replay(f.seed, f.index);
      expect(source).toBe(f.source);
      expect(error).toBeInstanceOf(ReaderError);
      const err = error as ReaderError;
      expect(err.code).toBe('corrupt');
      expect(err.message).toContain(`${source}: cannot read ${f.blocked}: `);
      expect(err.message).toContain(`the HDF5 global heap collection at byte ${f.heap} is damaged`);
    });
  }
});

describe('HDF5 fuzzer findings: damaged counts and slow rejections', () => {
  it('seed 9001 case 1573 of the HDF5 run (ODIM nrays 2·10^16) is refused at open, naming the sweep', async () => {
    const { source, error } = await replay(9001, 1573, HDF5_FILES);
    expect(source).toBe('selul_pvol_201503300845.h5');
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).message).toBe(
      'seed9001-case1573-selul_pvol_201503300845.h5: ODIM dataset2/where nrays is 21314145864481030, not a count of bins or rays',
    );
  });

  it('seed 1 case 4 (an ODIM file spliced with a CfRadial tail) is refused promptly', { timeout: 30_000 }, async () => {
    const { source, error } = await replay(1, 4);
    expect(source).toBe('selul_pvol_201503300845.h5');
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).message).toBe(
      'seed1-case4-selul_pvol_201503300845.h5: cannot read the attributes of /what (HDF5 cannot open it: damaged metadata)',
    );
  });
});
