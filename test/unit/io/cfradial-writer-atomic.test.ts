/**
 * The export never damages anything: it refuses to write over its input (same path, hard link,
 * symbolic link), fails with a clean ExportError naming the file on a missing folder, a path under a
 * file, a folder it may not write and a full disk, and after any failure the previous target is
 * intact and no temporary file is left. Full and read-only disks are small tmpfs mounts (root only:
 * skipped with a message where mounting is not permitted). Uses the small ARM KaSACR CfRadial file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedVolume } from '../../../common/volume';
import { openVolume } from '../../../main/io/open-volume';
import { ExportError, writeCfRadial } from '../../../main/io/writers/cfradial-writer';
import { radarFile } from '../../support/radar-data';
import { scratchFolder } from './cfradial-writer-support';

const scratch = scratchFolder('atomic');
let input: string;
let volume: OpenedVolume;

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const temporaries = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.part'));

/** The ExportError `promise` rejects with (fails the test if it resolves or rejects otherwise). */
async function exportError(promise: Promise<unknown>): Promise<ExportError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExportError);
  return err as ExportError;
}

beforeAll(async () => {
  // A private copy: the refusal tests link to it, and the shared data must never be at risk.
  input = join(scratch.dir, 'input.nc');
  copyFileSync(await radarFile('houkasacrcfrM1.a1.20210922.150006.nc'), input);
  volume = await openVolume(input);
});

afterAll(() => {
  volume?.close();
  scratch.remove();
});

describe('refusing to overwrite the input', () => {
  it('the same path, a hard link or a symbolic link to the input is refused and the input is untouched', async () => {
    const before = sha(input);
    const hard = join(scratch.dir, 'hard-link.nc');
    const soft = join(scratch.dir, 'soft-link.nc');
    linkSync(input, hard);
    symlinkSync(input, soft);
    for (const target of [input, join(scratch.dir, '.', 'input.nc'), hard, soft]) {
      const err = await exportError(writeCfRadial(volume, target));
      expect(err.code, target).toBe('same-as-input');
      expect(err.message).toContain(target);
    }
    expect(sha(input)).toBe(before);
    expect(temporaries(scratch.dir)).toEqual([]);
  });
});

describe('clean errors naming the file', () => {
  it('a missing folder and a path under a file are not-found', async () => {
    const file = join(scratch.dir, 'a-file.txt');
    writeFileSync(file, 'not a folder');
    for (const target of [join(scratch.dir, 'no', 'such', 'folder', 'out.nc'), join(file, 'out.nc')]) {
      const err = await exportError(writeCfRadial(volume, target));
      expect(err.code, target).toBe('not-found');
      expect(err.message).toContain(target);
    }
  });

  it('a folder the process may not write is a permission error (even for root)', async () => {
    const target = '/sys/unfold-export-test.nc';
    const err = await exportError(writeCfRadial(volume, target));
    expect(err.code).toBe('permission');
    expect(err.message).toContain(target);
  });

  it('a folder as the target, or inconsistent dealias arrays, are invalid and leave nothing behind', async () => {
    const folder = join(scratch.dir, 'a-folder.nc');
    mkdirSync(folder);
    expect((await exportError(writeCfRadial(volume, folder))).code).toBe('invalid');
    const target = join(scratch.dir, 'bad-corrected.nc');
    const bad = {
      sourceMoment: 'VRADH',
      sweeps: new Map([[0, { corrected: new Float32Array(10), folds: new Int8Array(10) }]]),
      nyquist: new Map([[0, 6.06]]),
      setLimits: true,
      includeFolds: true,
      historyLine: 'test',
    };
    const err = await exportError(writeCfRadial(volume, target, bad));
    expect(err.code).toBe('invalid');
    expect(err.message).toMatch(/sweep 0 has 10 values/);
    expect(readdirSync(scratch.dir)).not.toContain('bad-corrected.nc');
    expect(temporaries(scratch.dir)).toEqual([]);
  });

  it('a reader failure in the middle of the export leaves the previous target and no temporary file', async () => {
    const target = join(scratch.dir, 'reader-fails.nc');
    writeFileSync(target, 'previous export');
    let reads = 0;
    const failing: OpenedVolume = {
      header: volume.header,
      readGeometry: (sweep) => volume.readGeometry(sweep),
      close: () => undefined,
      readField: async (sweep, moment) => {
        // The survey pass reads every field once; fail in the writing pass.
        if (++reads > volume.header.moments.length + 1) throw new Error('simulated decode failure');
        return volume.readField(sweep, moment);
      },
    };
    const err = await exportError(writeCfRadial(failing, target));
    expect(err.code).toBe('io');
    expect(err.message).toContain('simulated decode failure');
    expect(readFileSync(target, 'utf8')).toBe('previous export');
    expect(temporaries(scratch.dir)).toEqual([]);
  });
});

describe('replacing a previous export', () => {
  it('writes over an older file of the same name atomically and leaves no temporary file', async () => {
    const target = join(scratch.dir, 'again.nc');
    writeFileSync(target, 'previous export');
    const progress: number[] = [];
    expect(await writeCfRadial(volume, target, undefined, (f) => progress.push(f))).toBe(target);
    expect(readFileSync(target).subarray(0, 8)).toEqual(Buffer.from('\x89HDF\r\n\x1a\n', 'latin1'));
    expect(temporaries(scratch.dir)).toEqual([]);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
  });
});

/** Mount a small tmpfs (root only); null with a reason when not permitted here. */
function mountTmpfs(dir: string, options: string): string | null {
  mkdirSync(dir, { recursive: true });
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  return result.status === 0 ? null : `mount -t tmpfs not permitted here (${result.stderr.trim() || result.error})`;
}

const unmount = (dir: string): void => void spawnSync('umount', [dir]);

describe('full and read-only disks (tmpfs mounts)', () => {
  it('a full disk is no-space, the previous target is intact and no temporary file remains', async (ctx) => {
    const dir = join(scratch.dir, 'tiny');
    const problem = mountTmpfs(dir, 'size=64k');
    if (problem) {
      console.warn(`SKIPPED full-disk test: ${problem}`);
      ctx.skip();
    }
    try {
      const target = join(dir, 'out.nc');
      writeFileSync(target, 'previous export');
      const err = await exportError(writeCfRadial(volume, target));
      expect(err.code).toBe('no-space');
      expect(err.message).toContain(target);
      expect(readdirSync(dir)).toEqual(['out.nc']);
      expect(readFileSync(target, 'utf8')).toBe('previous export');
    } finally {
      unmount(dir);
    }
  });

  it('a read-only file system is a permission error', async (ctx) => {
    const dir = join(scratch.dir, 'readonly');
    const problem = mountTmpfs(dir, 'size=1m,ro');
    if (problem) {
      console.warn(`SKIPPED read-only test: ${problem}`);
      ctx.skip();
    }
    try {
      const target = join(dir, 'out.nc');
      const err = await exportError(writeCfRadial(volume, target));
      expect(err.code).toBe('permission');
      expect(err.message).toContain(target);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      unmount(dir);
    }
  });
});
