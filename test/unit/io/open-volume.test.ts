/**
 * The opener's own failures, each a ReaderError that names the file: missing, empty, a folder, an
 * unknown format, and corrupt gzip/bzip2 wrappers around a real file (bzip2 made by Debian's bzip2).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { radarFile } from '../../support/radar-data';

const dir = mkdtempSync(join(tmpdir(), 'unfold-open-'));

async function failure(path: string): Promise<ReaderError> {
  const err = await openVolume(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReaderError);
  return err as ReaderError;
}

describe('openVolume failures', () => {
  it('names a missing file, an empty file, a folder and an unknown format', async () => {
    expect(await failure(join(dir, 'nothing.nc'))).toMatchObject({
      code: 'not-found',
      message: 'nothing.nc: no such file',
    });
    writeFileSync(join(dir, 'empty.h5'), '');
    expect(await failure(join(dir, 'empty.h5'))).toMatchObject({
      code: 'truncated',
      message: 'empty.h5: the file is empty',
    });
    mkdirSync(join(dir, 'folder.nc'));
    expect((await failure(join(dir, 'folder.nc'))).message).toBe('folder.nc: is a folder, not a radar file');
    writeFileSync(join(dir, 'notes.nc'), 'this is not radar data\n'.repeat(20));
    const unknown = await failure(join(dir, 'notes.nc'));
    expect(unknown.code).toBe('unrecognised-format');
    expect(unknown.message).toMatch(/^notes\.nc: not a radar format Unfold reads/);
  });

  it('opens a real volume through gzip and bzip2 wrappers', async () => {
    const original = readFileSync(await radarFile('SUR210819000227.RAWKPJV'));
    writeFileSync(join(dir, 'sur.gz'), gzipSync(original));
    const bz = spawnSync('bzip2', ['-c'], { input: original, maxBuffer: 64 * 1024 * 1024 });
    if (bz.error) throw new Error('Debian bzip2 is needed for this test');
    writeFileSync(join(dir, 'sur.bz2'), bz.stdout);
    for (const name of ['sur.gz', 'sur.bz2']) {
      const volume = await openVolume(join(dir, name));
      expect(volume.header.format).toBe('sigmet-iris');
      expect(volume.header.sweeps).toHaveLength(1);
      volume.close();
    }
  });

  it('reports a corrupt or truncated wrapper as corrupt, naming the file and the wrapper', async () => {
    const original = readFileSync(await radarFile('SUR210819000227.RAWKPJV'));
    const gz = gzipSync(original);
    writeFileSync(join(dir, 'cut.gz'), gz.subarray(0, gz.length >> 1));
    const bz = spawnSync('bzip2', ['-c'], { input: original, maxBuffer: 64 * 1024 * 1024 }).stdout;
    const flipped = Buffer.from(bz);
    flipped[flipped.length >> 1]! ^= 0x10;
    writeFileSync(join(dir, 'flipped.bz2'), flipped);
    const gzError = await failure(join(dir, 'cut.gz'));
    expect(gzError.code).toBe('corrupt');
    expect(gzError.message).toMatch(/^cut\.gz: the gzip wrapper is corrupt or truncated/);
    const bzError = await failure(join(dir, 'flipped.bz2'));
    expect(bzError.code).toBe('corrupt');
    expect(bzError.message).toMatch(/^flipped\.bz2: the bzip2 wrapper is corrupt or truncated/);
  });
});
