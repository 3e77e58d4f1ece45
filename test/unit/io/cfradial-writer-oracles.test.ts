/**
 * The CfRadial export read by tools we did not write: Debian's ncdump (netCDF-C), netCDF4-python and
 * xarray. Real volumes (a CfRadial PPI and a NEXRAD message-31 volume with split cuts and moments of
 * different gate counts) are exported with a corrected velocity built from Py-ART's own fold numbers;
 * the tests check named dimensions, every variable and attribute, the values against what our reader
 * decoded, and valid_min / valid_max against Py-ART's output metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedVolume, SweepField } from '../../../common/volume';
import { momentInfo } from '../../../common/moments';
import { openVolume } from '../../../main/io/open-volume';
import { type CorrectedVelocityExport, writeCfRadial } from '../../../main/io/writers/cfradial-writer';
import {
  type CdlHeader,
  type Netcdf4Facts,
  ncdumpHeader,
  netcdf4Facts,
  xarrayFacts,
} from '../../support/netcdf-oracles';
import { type RadarFileName, radarFile } from '../../support/radar-data';
import { NO_FOLD, correctedFromReference, referenceRun, scratchFolder } from './cfradial-writer-support';

interface Case {
  file: RadarFileName;
  run: string;
  /** fields whose values netCDF4-python hands back for comparison (all fields of small files) */
  fields: 'all' | string[];
}

const CASES: Case[] = [
  { file: 'MLL2217907250U.003.nc', run: 'MLL2217907250U.003', fields: 'all' },
  { file: 'KCRP20200101_000431_V06', run: 'KCRP20200101_000431_V06', fields: ['VRADH', 'PHIDP'] },
];

/** Compare one sweep of a field with what netCDF4-python read (NaN = masked); counts values checked. */
function compareSweep(
  field: SweepField,
  written: Float64Array,
  firstRay: number,
  range: Float64Array,
  scale: number | undefined,
): number {
  const spacing = range[1]! - range[0]!;
  const shift = Math.round((field.range[0]! - range[0]!) / spacing);
  expect(Math.abs(range[shift]! - field.range[0]!)).toBeLessThan(0.01 * spacing);
  let checked = 0;
  for (let r = 0; r < field.rays; r++) {
    const row = (firstRay + r) * range.length;
    for (let g = 0; g < range.length; g++) {
      const j = g - shift;
      const ours = j >= 0 && j < field.gates ? field.data[r * field.gates + j]! : NaN;
      const theirs = written[row + g]!;
      if (Number.isNaN(ours) || Number.isNaN(theirs)) {
        if (Number.isNaN(ours) !== Number.isNaN(theirs)) {
          throw new Error(`${field.moment} ray ${r} gate ${g}: ours ${ours}, netCDF4 ${theirs}`);
        }
        continue;
      }
      // Packed: the same raw code (float32 scale_factor/add_offset shift values by far less than a step).
      const tolerance = scale !== undefined ? scale * 0.01 + 1e-5 * Math.abs(ours) : 1e-6 * Math.abs(ours);
      if (Math.abs(ours - theirs) > tolerance)
        throw new Error(`${field.moment} ray ${r} gate ${g}: ${ours} vs ${theirs}`);
      checked++;
    }
  }
  return checked;
}

describe.each(CASES)('CfRadial export of $file read by external tools', ({ file, run, fields }) => {
  const scratch = scratchFolder('oracles');
  let volume: OpenedVolume;
  let corrected: CorrectedVelocityExport;
  let out: string;
  let cdl: CdlHeader;
  let nc4: Netcdf4Facts;
  let fieldNames: Map<string, string>;

  beforeAll(async () => {
    volume = await openVolume(await radarFile(file));
    corrected = await correctedFromReference(volume, referenceRun(run));
    out = await writeCfRadial(volume, `${scratch.dir}/${run}.nc`, corrected);
    cdl = ncdumpHeader(out);
    fieldNames = new Map(volume.header.moments.map((m) => [m, momentInfo(m).cfName]));
    const wanted = fields === 'all' ? volume.header.moments : fields;
    nc4 = netcdf4Facts(out, [
      'range',
      'time',
      'azimuth',
      'elevation',
      'corrected_velocity',
      'velocity_fold_number',
      ...wanted.map((m) => fieldNames.get(m)!),
    ]);
  }, 180_000);

  afterAll(() => {
    volume?.close();
    scratch.remove();
  });

  it('ncdump sees a NetCDF-4 file with named dimensions and CfRadial variables', () => {
    const rays = volume.header.sweeps.reduce((n, s) => n + s.rayCount, 0);
    expect(cdl.kind).toBe('netCDF-4');
    expect(Object.keys(cdl.dimensions).filter((d) => d.startsWith('phony_dim'))).toEqual([]);
    expect(cdl.dimensions).toMatchObject({ time: rays, sweep: volume.header.sweeps.length, string_length_32: 32 });
    expect(cdl.variables['time']).toMatchObject({ type: 'double', dims: ['time'] });
    expect(cdl.variables['range']).toMatchObject({ type: 'float', dims: ['range'] });
    expect(cdl.variables['sweep_mode']).toMatchObject({ type: 'char', dims: ['sweep', 'string_length_32'] });
    for (const name of ['sweep_number', 'sweep_start_ray_index', 'sweep_end_ray_index']) {
      expect(cdl.variables[name]).toMatchObject({ type: 'int', dims: ['sweep'] });
    }
    expect(cdl.variables['nyquist_velocity']).toMatchObject({ type: 'float', dims: ['time'] });
    for (const cfName of fieldNames.values()) expect(cdl.variables[cfName]?.dims).toEqual(['time', 'range']);
    expect(cdl.variables['corrected_velocity']).toEqual({
      type: 'float',
      dims: ['time', 'range'],
      attributes: expect.objectContaining({
        _FillValue: '-9999.f',
        units: 'meters_per_second',
        standard_name: 'corrected_radial_velocity_of_scatterers_away_from_instrument',
        long_name: 'Corrected mean doppler velocity',
        coordinates: 'elevation azimuth range',
      }),
    });
    expect(cdl.variables['velocity_fold_number']).toMatchObject({ type: 'byte', attributes: { _FillValue: '-128b' } });
    expect(cdl.globals).toMatchObject({ Conventions: 'CF-1.7', version: 'CF-Radial-1.4' });
    expect(cdl.globals['history']?.endsWith(corrected.historyLine)).toBe(true);
  });

  it('netCDF4-python reads every variable and attribute ncdump lists', () => {
    expect(nc4.dataModel).toBe('NETCDF4');
    expect(Object.keys(nc4.variables).sort()).toEqual(Object.keys(cdl.variables).sort());
    for (const [name, variable] of Object.entries(cdl.variables)) {
      expect(nc4.variables[name]!.dims, name).toEqual(variable.dims);
      expect(Object.keys(nc4.variables[name]!.attributes).sort(), name).toEqual(
        Object.keys(variable.attributes).sort(),
      );
    }
    expect(Object.keys(nc4.globals).sort()).toEqual(Object.keys(cdl.globals).sort());
  });

  it('the sweep table and per-ray geometry are the volume’s', async () => {
    const { sweeps } = volume.header;
    const starts = nc4.variables['sweep_start_ray_index'];
    expect(starts?.shape).toEqual([sweeps.length]);
    expect(nc4.text['sweep_mode']).toEqual(sweeps.map((s) => (s.mode === 'other' ? 'pointing' : s.mode)));
    const base = Date.parse(String(nc4.variables['time']!.attributes['units']).replace('seconds since ', '')) / 1000;
    let firstRay = 0;
    for (const sweep of sweeps) {
      const geometry = await volume.readGeometry(sweep.index);
      const rays = (name: string): number[] => [...nc4.data[name]!.subarray(firstRay, firstRay + sweep.rayCount)];
      expect(rays('azimuth')).toEqual([...geometry.azimuth]);
      expect(rays('elevation')).toEqual([...geometry.elevation]);
      const timeError = Math.max(...rays('time').map((t, r) => Math.abs(base + t - geometry.time[r]!)));
      expect(timeError).toBeLessThan(1e-6);
      firstRay += sweep.rayCount;
    }
  });

  it('every field carries the registry’s CF attributes and, when packed, the input’s packing', async () => {
    for (const moment of volume.header.moments) {
      const info = momentInfo(moment);
      const variable = nc4.variables[fieldNames.get(moment)!]!;
      expect(variable.attributes, moment).toMatchObject({
        long_name: info.longName,
        coordinates: 'elevation azimuth range',
        ...(info.standardName ? { standard_name: info.standardName } : {}),
        ...(info.units ? { units: info.units } : {}),
      });
      const sweep = volume.header.sweeps.find((s) => s.moments.includes(moment))!;
      const packing = (await volume.readField(sweep.index, moment)).packing;
      if (variable.dtype === 'float32') continue;
      // Integer storage only ever comes from an integer packing of the input, with its scale and offset.
      expect(packing?.type, moment).toMatch(/^[ui](8|16|32)$/);
      expect(variable.attributes['scale_factor'] as number).toBeCloseTo(packing!.scale, 6);
      expect(variable.attributes['add_offset'] as number).toBeCloseTo(packing!.offset, 4);
    }
  });

  it('every field holds the values our reader decoded, within packing precision', async () => {
    const wanted = fields === 'all' ? volume.header.moments : fields;
    for (const moment of wanted) {
      const name = fieldNames.get(moment)!;
      const scaleAttr = nc4.variables[name]!.attributes['scale_factor'];
      const scale = typeof scaleAttr === 'number' ? scaleAttr : undefined;
      let firstRay = 0;
      let checked = 0;
      for (const sweep of volume.header.sweeps) {
        if (sweep.moments.includes(moment)) {
          const field = await volume.readField(sweep.index, moment);
          checked += compareSweep(field, nc4.data[name]!, firstRay, nc4.data['range']!, scale);
        } else {
          // A moment missing in a sweep is fill there.
          const rows = nc4.data[name]!.subarray(
            firstRay * nc4.data['range']!.length,
            (firstRay + sweep.rayCount) * nc4.data['range']!.length,
          );
          expect(rows.every(Number.isNaN), `${name} in sweep ${sweep.index}`).toBe(true);
        }
        firstRay += sweep.rayCount;
      }
      expect(checked, name).toBeGreaterThan(1000);
    }
  });

  it('corrected_velocity and the fold numbers are the dealias result, with Py-ART’s valid limits', () => {
    const range = nc4.data['range']!;
    const written = nc4.data['corrected_velocity']!;
    const folds = nc4.data['velocity_fold_number']!;
    let firstRay = 0;
    let unfolded = 0;
    const wrong: string[] = [];
    for (const sweep of volume.header.sweeps) {
      const run = corrected.sweeps.get(sweep.index);
      const gates = run ? run.corrected.length / sweep.rayCount : 0;
      for (let r = 0; r < sweep.rayCount; r++) {
        for (let g = 0; g < range.length; g++) {
          const at = (firstRay + r) * range.length + g;
          const expected = run && g < gates ? run.corrected[r * gates + g]! : NaN;
          const fold = run && g < gates && !Number.isNaN(expected) ? run.folds[r * gates + g]! : NO_FOLD;
          const velocityOk = Number.isNaN(expected) ? Number.isNaN(written[at]!) : written[at] === expected;
          const foldOk = fold === NO_FOLD ? Number.isNaN(folds[at]!) : folds[at] === fold;
          if (!(velocityOk && foldOk) && wrong.length < 5) {
            wrong.push(
              `sweep ${sweep.index} ray ${r} gate ${g}: ${written[at]}/${folds[at]}, expected ${expected}/${fold}`,
            );
          }
          if (fold !== NO_FOLD && fold !== 0) unfolded++;
        }
      }
      firstRay += sweep.rayCount;
    }
    expect(wrong).toEqual([]);
    expect(unfolded).toBeGreaterThan(100);
    const metadata = referenceRun(run).meta as unknown as { output_metadata: { valid_min: number; valid_max: number } };
    const attrs = nc4.variables['corrected_velocity']!.attributes;
    expect(attrs['valid_max']).toBeCloseTo(metadata.output_metadata.valid_max, 4);
    expect(attrs['valid_min']).toBeCloseTo(metadata.output_metadata.valid_min, 4);
  });

  it('xarray opens it with (time, range) fields and CF-decoded times', async () => {
    const facts = xarrayFacts(out);
    expect(facts.sizes).toMatchObject({ time: nc4.dimensions['time'], range: nc4.dimensions['range'] });
    expect(facts.coords).toEqual(expect.arrayContaining(['time', 'range']));
    expect(facts.variables['corrected_velocity']).toEqual({ dims: ['time', 'range'], dtype: 'float32' });
    for (const cfName of fieldNames.values()) expect(facts.variables[cfName]?.dims).toEqual(['time', 'range']);
    const firstRayTime = (await volume.readGeometry(0)).time[0]!;
    expect(Date.parse(`${facts.timeRange![0]}Z`) / 1000).toBeCloseTo(firstRayTime, 2);
  });
});
