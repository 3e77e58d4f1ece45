// The HDF5 container layer and its dispatcher: bad input (truncated, damaged, not a radar file, wrong
// magic), gzip-wrapped HDF5, and CfRadial NetCDF-4 written by netCDF-C (nccopy) and by h5wasm (what
// the CfRadial exporter does) read back through the same reader.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import h5wasm, { type Dataset } from 'h5wasm/node';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenedVolume } from '../../../common/volume';
import { dimensionOnlyScaleName, H5WASM_DTYPE } from '../../../main/io/hdf5/netcdf4-conventions';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { radarFile } from '../../support/radar-data';

const AU40 = '40_20181220_060630.pvol.h5';
const MLL = 'MLL2217907250U.003.nc';
const scratch = mkdtempSync(join(tmpdir(), 'unfold-h5-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const has = (cmd: string): boolean => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const write = (name: string, bytes: Uint8Array): string => {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
};

/** Byte equality of two typed arrays (vitest's deep equality is slow on big arrays). */
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

async function failure(path: string): Promise<ReaderError> {
  const err = await openVolume(path).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ReaderError);
  return err as ReaderError;
}

/** Every field of every sweep, read fully (what a bad file must survive). */
async function readAll(volume: OpenedVolume): Promise<number> {
  let values = 0;
  for (let s = 0; s < volume.header.sweeps.length; s++) {
    for (const m of volume.header.sweeps[s]!.moments) values += (await volume.readField(s, m)).data.length;
  }
  return values;
}

describe('HDF5 bad input', () => {
  it('refuses a truncated file before HDF5 sees it, with the sizes', async () => {
    const whole = readFileSync(await radarFile(AU40));
    const err = await failure(write('cut.h5', whole.subarray(0, 1_000_000)));
    expect(err.code).toBe('truncated');
    expect(err.message).toBe('cut.h5: the HDF5 file is truncated: 1000000 bytes, its superblock says 3468853');
    const tiny = await failure(write('tiny.h5', whole.subarray(0, 100)));
    expect(tiny.code).toBe('truncated');
  });

  it('refuses a file with a damaged superblock: an error, not a crash', async () => {
    const bytes = Buffer.from(readFileSync(await radarFile(AU40)));
    // v0 superblock, 8-byte addresses: the root group symbol table entry follows the four addresses at
    // 24..55; its object header address is at 64. Point it past the end of the file.
    bytes.writeBigUInt64LE(0x7fffffffn, 64);
    const err = await failure(write('bad-root.h5', bytes));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/^bad-root\.h5: /);
  });

  it('reports damaged (deflated) data as a ReaderError naming the dataset, not as wrong values', async () => {
    const bytes = Buffer.from(readFileSync(await radarFile(AU40)));
    bytes.fill(0x55, 2_000_000, 2_060_000); // overwrite 60 kB in the middle of the data
    // The metadata are intact, so the file opens; HDF5's read status is checked on every read.
    const volume = await openVolume(write('damaged.h5', bytes));
    const err = await readAll(volume).catch((e: unknown) => e);
    volume.close();
    expect(err).toBeInstanceOf(ReaderError);
    expect((err as ReaderError).message).toMatch(
      /^damaged\.h5: cannot read \/dataset\d+\/data\d+\/data: HDF5 reported a read error/,
    );
  });

  it('refuses a NetCDF-4 file whose link index is damaged, in bounded time (fuzzer finding)', async () => {
    // 12 zero bytes over the root group's v2 B-tree header: h5wasm's batch get_types then looped over
    // an unchecked link count for minutes.
    const bytes = Buffer.from(readFileSync(await radarFile('houkasacrcfrM1.a1.20210922.150006.nc')));
    bytes.fill(0, 8008, 8020);
    const started = performance.now();
    const err = await failure(write('btree.nc', bytes));
    expect(err.message).toMatch(/^btree\.nc: /);
    expect(performance.now() - started).toBeLessThan(10_000); // generous on a loaded machine
  });

  it('says when an HDF5 file follows no radar convention', async () => {
    const path = join(scratch, 'plain.h5');
    await h5wasm.ready;
    const f = new h5wasm.File(path, 'w');
    f.create_dataset({ name: 'numbers', data: new Float32Array([1, 2, 3]) });
    f.close();
    const err = await failure(path);
    expect(err.code).toBe('unsupported');
    expect(err.message).toMatch(/plain\.h5: an HDF5\/NetCDF-4 file, but not a radar convention/);
  });

  it('does not take a near-miss of the HDF5 signature for HDF5', async () => {
    const bytes = Buffer.from(readFileSync(await radarFile(AU40)).subarray(0, 5000));
    bytes[4] = 0x00; // \x89HDF\0\n\x1a\n
    const err = await failure(write('almost.h5', bytes));
    expect(err.code).toBe('unrecognised-format');
  });
});

describe('HDF5 from a gzip wrapper', () => {
  it('opens a gzipped ODIM file through a private temporary copy, removed on close', async () => {
    const path = write('au40.h5.gz', gzipSync(readFileSync(await radarFile(AU40))));
    const before = readdirSync(tmpdir()).filter(
      (n) => n.startsWith('unfold-h5-') && !n.startsWith('unfold-h5-test'),
    ).length;
    const wrapped = await openVolume(path);
    const plain = await openVolume(await radarFile(AU40));
    expect(wrapped.header.sweeps).toEqual(plain.header.sweeps);
    expect(sameBytes((await wrapped.readField(5, 'VRADH')).data, (await plain.readField(5, 'VRADH')).data)).toBe(true);
    wrapped.close();
    plain.close();
    const after = readdirSync(tmpdir()).filter(
      (n) => n.startsWith('unfold-h5-') && !n.startsWith('unfold-h5-test'),
    ).length;
    expect(after).toBe(before);
  });
});

describe('CfRadial NetCDF-4 written by other tools', () => {
  it.skipIf(!has('nccopy'))('reads an nccopy (netCDF-C) deflated copy of a real file as the original', async () => {
    const copy = join(scratch, 'mll-deflate.nc');
    execFileSync('nccopy', ['-k', 'nc4', '-d', '5', await radarFile(MLL), copy]);
    const a = await openVolume(copy);
    const b = await openVolume(await radarFile(MLL));
    expect(a.header.sweeps).toEqual(b.header.sweeps);
    expect(a.header.moments).toEqual(b.header.moments);
    expect(sameBytes((await a.readField(0, 'VRADH')).data, (await b.readField(0, 'VRADH')).data)).toBe(true);
    const [ga, gb] = [await a.readGeometry(0), await b.readGeometry(0)];
    expect(
      sameBytes(ga.azimuth, gb.azimuth) &&
        sameBytes(ga.time, gb.time) &&
        sameBytes(ga.nyquistPerRay!, gb.nyquistPerRay!),
    ).toBe(true);
    a.close();
    b.close();
  });

  it('reads back a CfRadial written with h5wasm the way the exporter writes it', async () => {
    const source = await openVolume(await radarFile(MLL));
    const vel = await source.readField(0, 'VRADH');
    const geometry = await source.readGeometry(0);
    const path = join(scratch, 'h5wasm-cfradial.nc');
    writeMinimalCfRadial(path, source, vel, geometry);
    const back = await openVolume(path);
    expect(back.header.format).toBe('cfradial-netcdf4');
    expect(back.header.sweeps[0]).toMatchObject({ rayCount: 360, nyquist: 8.25, mode: 'azimuth_surveillance' });
    const read = await back.readField(0, 'VRADH');
    expect(read.packing).toMatchObject({ type: 'i16', scale: Math.fround(0.01), fill: -32768 });
    // Packed to 0.01 m/s: every value within half a step of the original, NaN where it was NaN.
    let worst = 0;
    let nanMismatch = 0;
    for (let i = 0; i < vel.data.length; i++) {
      if (Number.isNaN(read.data[i]!) !== Number.isNaN(vel.data[i]!)) nanMismatch++;
      else if (!Number.isNaN(vel.data[i]!)) worst = Math.max(worst, Math.abs(read.data[i]! - vel.data[i]!));
    }
    expect(nanMismatch).toBe(0);
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-6);
    expect(sameBytes((await back.readGeometry(0)).azimuth, geometry.azimuth)).toBe(true);
    if (has('ncdump')) {
      // netCDF-C sees named dimensions, not phony_dim_N.
      const cdl = execFileSync('ncdump', ['-h', path], { encoding: 'utf8' });
      expect(cdl).toMatch(/short velocity\(time, range\)/);
      expect(cdl).toMatch(/char sweep_mode\(sweep, string_length\)/);
    }
    back.close();
    source.close();
  });
});

/** A small CfRadial 1.4 file written with h5wasm following netcdf4-conventions.ts. */
function writeMinimalCfRadial(
  path: string,
  source: OpenedVolume,
  vel: Awaited<ReturnType<OpenedVolume['readField']>>,
  g: Awaited<ReturnType<OpenedVolume['readGeometry']>>,
): void {
  const f = new h5wasm.File(path, 'w', { track_order: true, libver: ['earliest', 'v110'] });
  const dset = (name: string): Dataset => f.get(name) as Dataset;
  const sweep = source.header.sweeps[0]!;
  const add = (
    name: string,
    data: Float32Array | Float64Array | Int32Array | Int16Array,
    dtype: string,
    dims: string[],
  ): void => {
    const shape = dims.length === 2 ? [vel.rays, vel.gates] : [data.length];
    f.create_dataset({ name, data, shape, dtype });
    dims.forEach((d, i) => {
      if (d !== name) dset(name).attach_scale(i, `/${d}`);
    });
  };
  const text = (
    obj: { create_attribute: (n: string, v: string, s: null, d: string) => void },
    n: string,
    v: string,
  ): void => obj.create_attribute(n, v, null, `S${Math.max(1, v.length)}`);
  add(
    'time',
    Float64Array.from(g.time, (t) => t - g.time[0]!),
    H5WASM_DTYPE.f64,
    ['time'],
  );
  dset('time').make_scale('time');
  text(dset('time'), 'units', `seconds since ${new Date(g.time[0]! * 1000).toISOString().slice(0, 19)}Z`);
  add('range', vel.range, H5WASM_DTYPE.f32, ['range']);
  dset('range').make_scale('range');
  for (const [dim, n] of [
    ['sweep', 1],
    ['string_length', 32],
  ] as const) {
    f.create_dataset({ name: dim, data: new Float32Array(n), dtype: H5WASM_DTYPE.f32 });
    dset(dim).make_scale(dimensionOnlyScaleName(n));
  }
  add('azimuth', g.azimuth, H5WASM_DTYPE.f32, ['time']);
  add('elevation', g.elevation, H5WASM_DTYPE.f32, ['time']);
  add('nyquist_velocity', new Float32Array(vel.rays).fill(sweep.nyquist!), H5WASM_DTYPE.f32, ['time']);
  add('fixed_angle', new Float32Array([sweep.fixedAngle]), H5WASM_DTYPE.f32, ['sweep']);
  add('sweep_number', new Int32Array([0]), H5WASM_DTYPE.i32, ['sweep']);
  add('sweep_start_ray_index', new Int32Array([0]), H5WASM_DTYPE.i32, ['sweep']);
  add('sweep_end_ray_index', new Int32Array([vel.rays - 1]), H5WASM_DTYPE.i32, ['sweep']);
  f.create_dataset({
    name: 'sweep_mode',
    data: [...'azimuth_surveillance'.padEnd(32, '\0')],
    shape: [1, 32],
    dtype: 'S1',
  });
  dset('sweep_mode').attach_scale(0, '/sweep');
  dset('sweep_mode').attach_scale(1, '/string_length');
  for (const [n, v] of [
    ['latitude', source.header.site.latitude],
    ['longitude', source.header.site.longitude],
    ['altitude', source.header.site.altitude],
  ] as const) {
    f.create_dataset({ name: n, data: new Float64Array([v]), shape: [], dtype: H5WASM_DTYPE.f64 });
  }
  const packed = Int16Array.from(vel.data, (v) => (Number.isNaN(v) ? -32768 : Math.round(v / 0.01)));
  add('velocity', packed, H5WASM_DTYPE.i16, ['time', 'range']);
  const v = dset('velocity');
  v.create_attribute('scale_factor', new Float32Array([0.01]), [], H5WASM_DTYPE.f32);
  v.create_attribute('add_offset', new Float32Array([0]), [], H5WASM_DTYPE.f32);
  v.create_attribute('_FillValue', new Int16Array([-32768]), [], H5WASM_DTYPE.i16);
  text(v, 'units', 'meters_per_second');
  text(f, 'Conventions', 'CF/Radial instrument_parameters');
  text(f, 'instrument_name', source.header.site.name);
  f.close();
  if (!existsSync(path)) throw new Error('h5wasm did not write the file');
}
