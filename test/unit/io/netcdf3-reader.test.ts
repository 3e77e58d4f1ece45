// Our NetCDF classic reader: the NetCDF-3 copy of the KaSACR file against its NetCDF-4 original
// (identical volumes) and Py-ART; CDF-2 and CDF-5 copies made by netCDF-C's nccopy; CDF-5-only types
// against values written by python3-netcdf4; crafted and truncated headers.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenedVolume } from '../../../common/volume';
import { openNetcdf3 } from '../../../main/io/netcdf3/netcdf3-reader';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { radarFile } from '../../support/radar-data';
import { expectParity, referenceRun } from '../../support/reader-parity';

const CLASSIC = 'houkasacrcfrM1.a1.20210922.150006.classic.nc';
const NETCDF4 = 'houkasacrcfrM1.a1.20210922.150006.nc';
const PYTHON = '/usr/bin/python3';
const scratch = mkdtempSync(join(tmpdir(), 'unfold-nc3-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const works = (cmd: string, args: string[]): boolean => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const hasNccopy = works('nccopy', ['-k', 'classic', '/dev/null', '/dev/null']) || works('which', ['nccopy']);
const hasNetcdf4Python = works(PYTHON, ['-c', 'import netCDF4']);

/** Typed arrays replaced by a digest of their bytes: vitest's deep equality is slow on big arrays. */
function digestArrays(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return `${value.constructor.name}(${bytes.length}) ${createHash('sha256').update(bytes).digest('hex')}`;
  }
  if (Array.isArray(value)) return value.map(digestArrays);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, digestArrays(v)]));
  }
  return value;
}

/** Everything a volume gives (header, geometry, every field of every sweep), for comparing readings. */
async function snapshot(volume: OpenedVolume): Promise<unknown> {
  const { path: _p, format: _f, formatDetail: _d, ...header } = volume.header;
  const sweeps = [];
  for (let s = 0; s < header.sweeps.length; s++) {
    const fields = [];
    for (const m of header.moments) fields.push(await volume.readField(s, m));
    sweeps.push({ geometry: await volume.readGeometry(s), fields });
  }
  return digestArrays({ header, sweeps });
}

describe('NetCDF-3 classic (CDF-1): the KaSACR copy', () => {
  it('gives the same volume as the NetCDF-4 original, field by field', async () => {
    const classic = await openVolume(await radarFile(CLASSIC));
    const original = await openVolume(await radarFile(NETCDF4));
    expect(classic.header.format).toBe('cfradial-netcdf3');
    expect(classic.header.formatDetail).toMatch(/CDF-1 classic/);
    expect(classic.header.moments).toHaveLength(8);
    // All 8 fields of every sweep, byte-identical (NaN where the original has no value).
    expect(await snapshot(classic)).toEqual(await snapshot(original));
    classic.close();
    original.close();
  });

  it('reads the same file from inside a gzip wrapper (from memory)', async () => {
    const path = join(scratch, 'kasacr.classic.nc.gz');
    writeFileSync(path, gzipSync(readFileSync(await radarFile(CLASSIC))));
    const wrapped = await openVolume(path);
    const plain = await openVolume(await radarFile(CLASSIC));
    expect(await snapshot(wrapped)).toEqual(await snapshot(plain));
    wrapped.close();
    plain.close();
  });

  it('reads velocity exactly as Py-ART does from the NetCDF-4 original', async () => {
    const volume = await openVolume(await radarFile(CLASSIC));
    await expectParity(volume, referenceRun('houkasacrcfrM1.a1.20210922.150006'));
    volume.close();
  });

  it.skipIf(!hasNetcdf4Python)(
    'reads raw record variables as netCDF4-python does (short rows of odd length)',
    async () => {
      const path = await radarFile(CLASSIC);
      // 967 shorts = 1934 bytes per record, padded to 1936: a reader that ignores the padding drifts.
      const script = `
import netCDF4, json, sys
d = netCDF4.Dataset(sys.argv[1]); d.set_auto_maskandscale(False)
v = d['mean_doppler_velocity'][:]
print(json.dumps({'last': v[63, -3:].tolist(), 'mid': v[30, 480:483].tolist(), 'idx': d['r_calib_index'][:].tolist(),
  'az': d['azimuth'][60:62].tolist(), 'mode': netCDF4.chartostring(d['sweep_mode'][:]).tolist()}))`;
      const expected = JSON.parse(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' })) as {
        last: number[];
        mid: number[];
        idx: number[];
        az: number[];
        mode: string[];
      };
      const ds = await openNetcdf3({
        path,
        head: readFileSync(path).subarray(0, 4096),
        wrapped: false,
        bytes: async () => readFileSync(path),
      });
      expect(ds.formatDetail).toBe('NetCDF-3 (CDF-1 classic)');
      const vel = await ds.readNumeric('mean_doppler_velocity');
      expect(vel).toBeInstanceOf(Int16Array);
      expect(Array.from(vel.subarray(63 * 967 + 964, 63 * 967 + 967))).toEqual(expected.last);
      const row30 = await ds.readNumeric('mean_doppler_velocity', { start: 30, count: 1 });
      expect(Array.from(row30.subarray(480, 483))).toEqual(expected.mid);
      expect(Array.from(await ds.readNumeric('r_calib_index'))).toEqual(expected.idx);
      expect(Array.from(await ds.readNumeric('azimuth', { start: 60, count: 2 }))).toEqual(
        expected.az.map(Math.fround),
      );
      expect((await ds.readText('sweep_mode')).map((s) => s.trim())).toEqual(expected.mode.map((s) => s.trim()));
      ds.close();
    },
  );
});

describe('NetCDF-3 64-bit offset (CDF-2) and 64-bit data (CDF-5)', () => {
  it.skipIf(!hasNccopy).each([
    ['64-bit-offset', 'CDF-2 64-bit offset'],
    ['cdf5', 'CDF-5 64-bit data'],
  ])('nccopy -k %s of the KaSACR file reads as the classic one', async (kind, detail) => {
    const target = join(scratch, `kasacr-${kind}.nc`);
    execFileSync('nccopy', ['-k', kind, await radarFile(CLASSIC), target]);
    const copy = await openVolume(target);
    const classic = await openVolume(await radarFile(CLASSIC));
    expect(copy.header.formatDetail).toContain(detail);
    expect(await snapshot(copy)).toEqual(await snapshot(classic));
    copy.close();
    classic.close();
  });

  it.skipIf(!hasNetcdf4Python)('reads CDF-5 unsigned and 64-bit types, interleaved records and fills', async () => {
    const target = join(scratch, 'types.cdf5.nc');
    const script = `
import netCDF4, numpy as np, sys
d = netCDF4.Dataset(sys.argv[1], 'w', format='NETCDF3_64BIT_DATA')
d.createDimension('time', None); d.createDimension('n', 3)
a = d.createVariable('u8', 'u1', ('time', 'n')); b = d.createVariable('u16', 'u2', ('time', 'n'))
c = d.createVariable('i64', 'i8', ('time',)); e = d.createVariable('u32', 'u4', ('n',))
f = d.createVariable('s', 'i2', ('time', 'n'), fill_value=-5); f.scale_factor = np.float32(0.5)
f.set_auto_maskandscale(False)
a[0:2, :] = [[1, 2, 255], [4, 5, 6]]; b[0:2, :] = [[65535, 1, 2], [3, 4, 5]]
c[0:2] = [-(2**40), 2**40]; e[:] = [4000000000, 1, 2]; f[0:2, :] = [[1, -5, 3], [4, 5, 6]]
d.close()`;
    execFileSync(PYTHON, ['-c', script, target]);
    const bytes = readFileSync(target);
    expect(bytes[3]).toBe(5);
    const ds = await openNetcdf3({
      path: target,
      head: bytes.subarray(0, 4096),
      wrapped: false,
      bytes: async () => bytes,
    });
    expect(Array.from(await ds.readNumeric('u8'))).toEqual([1, 2, 255, 4, 5, 6]);
    expect(Array.from(await ds.readNumeric('u16'))).toEqual([65535, 1, 2, 3, 4, 5]);
    expect(Array.from(await ds.readNumeric('i64'))).toEqual([-(2 ** 40), 2 ** 40]);
    expect(Array.from(await ds.readNumeric('u32'))).toEqual([4000000000, 1, 2]);
    expect(Array.from(await ds.readNumeric('s', { start: 1, count: 1 }))).toEqual([4, 5, 6]);
    expect(ds.attributes('s')).toMatchObject({ _FillValue: -5, scale_factor: 0.5 });
    ds.close();
  });
});

/** A CDF-1 header with one dimension `d` of `length` and one float variable over it, or over (d, d). */
function craftedHeader(length: number, begin: number, attributeCount = 0, rank = 1): Uint8Array {
  const words: number[] = [];
  const name = (s: string): void => {
    words.push(s.length);
    const padded = s.padEnd(Math.ceil(s.length / 4) * 4, '\0');
    for (let i = 0; i < padded.length; i += 4)
      words.push(Buffer.from(padded.slice(i, i + 4), 'latin1').readUInt32BE(0));
  };
  words.push(0x43444601, 0); // "CDF\x01", numrecs
  words.push(0x0a, 1);
  name('d');
  words.push(length);
  words.push(0, 0); // no global attributes
  words.push(0x0b, 1);
  name('v');
  words.push(rank, ...new Array<number>(rank).fill(0)); // dimension 0 for every axis
  if (attributeCount > 0) words.push(0x0c, attributeCount);
  else words.push(0, 0);
  words.push(5, length * 4, begin); // float, vsize, begin
  const out = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => out.writeUInt32BE(w >>> 0, i * 4));
  return out;
}

describe('NetCDF-3 bad input', () => {
  const write = (name: string, bytes: Uint8Array): string => {
    const path = join(scratch, name);
    writeFileSync(path, bytes);
    return path;
  };
  const failure = async (path: string): Promise<ReaderError> => {
    const err = await openVolume(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderError);
    return err as ReaderError;
  };

  it('refuses a truncated file, naming the file and the variable that does not fit', async () => {
    const whole = readFileSync(await radarFile(CLASSIC));
    const err = await failure(write('cut.nc', whole.subarray(0, 600_000)));
    expect(err.code).toBe('truncated');
    expect(err.message).toMatch(/^cut\.nc: NetCDF-3: variable \w+ needs bytes up to \d+, the file has 600000/);
  });

  it('refuses a file cut inside its header', async () => {
    const whole = readFileSync(await radarFile(CLASSIC));
    const err = await failure(write('cut-header.nc', whole.subarray(0, 3000)));
    expect(['truncated', 'corrupt']).toContain(err.code);
    expect(err.message).toMatch(/^cut-header\.nc: .*header/);
  });

  it('refuses absurd dimensions without allocating them', async () => {
    // v(d, d) with d = 2^31: 2^64 bytes.
    const header = craftedHeader(2 ** 31, 200, 0, 2);
    const err = await failure(write('absurd.nc', Buffer.concat([header, Buffer.alloc(200)])));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/absurd\.nc: NetCDF-3: variable v has absurd dimensions/);
  });

  it('refuses a variable that claims more bytes than the file has', async () => {
    const header = craftedHeader(2 ** 31, 200);
    const err = await failure(write('big.nc', Buffer.concat([header, Buffer.alloc(200)])));
    expect(err.code).toBe('truncated');
    expect(err.message).toMatch(/big\.nc: NetCDF-3: variable v needs bytes up to 8589934792, the file has \d+/);
  });

  it('refuses an absurd attribute count in bounded time', async () => {
    const header = craftedHeader(4, 200, 0x7fffffff);
    const started = performance.now();
    const err = await failure(write('attrs.nc', Buffer.concat([header, Buffer.alloc(64)])));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/attrs\.nc: bad NetCDF-3 header: attribute count 2147483647 at byte \d+ does not fit/);
    expect(performance.now() - started).toBeLessThan(5000); // generous: a hang would take forever
  });

  it('does not take a wrong version byte for NetCDF', async () => {
    const bytes = Buffer.from(craftedHeader(4, 60));
    bytes[3] = 3;
    const err = await failure(write('cdf3.nc', Buffer.concat([bytes, Buffer.alloc(16)])));
    expect(err.code).toBe('unrecognised-format');
  });

  it('reads a crafted minimal file, so the crafted headers above are well formed', async () => {
    const header = craftedHeader(2, 0);
    const bytes = Buffer.concat([header, Buffer.from([0x3f, 0x80, 0, 0, 0x40, 0, 0, 0])]);
    bytes.writeUInt32BE(header.length, header.length - 4); // begin = right after the header
    const path = write('ok.nc', bytes);
    const ds = await openNetcdf3({ path, head: bytes.subarray(0, 4096), wrapped: false, bytes: async () => bytes });
    expect(Array.from(await ds.readNumeric('v'))).toEqual([1, 2]);
    ds.close();
    // It is NetCDF but not CfRadial: the reader says so.
    const err = await failure(path);
    expect(err.code).toBe('unsupported');
    expect(err.message).toMatch(/ok\.nc: a NetCDF-3 file, but not CfRadial/);
  });
});
