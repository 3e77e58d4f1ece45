/**
 * NEXRAD Level II reader on the real WSR-88D files: sweep structure, rays, fixed angles and Nyquist per
 * sweep against Py-ART's reading (reference.json), velocity gate by gate against Py-ART's array
 * (velocity.npy.gz), site coordinates against NOAA's published WSR-88D locations, and the gate layout
 * the data README documents.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedVolume } from '../../../common/volume';
import { openVolume } from '../../../main/io/open-volume';
import { referenceRuns, type ReferenceRun } from '../../support/reference';
import { radarFile, type RadarFileName } from '../../support/radar-data';

/** Each real file is opened once and shared by the describes below (opening a msg31 volume is the slow part). */
const opened = new Map<RadarFileName, Promise<OpenedVolume>>();
const openShared = (file: RadarFileName): Promise<OpenedVolume> => {
  let volume = opened.get(file);
  if (!volume) opened.set(file, (volume = radarFile(file).then((path) => openVolume(path))));
  return volume;
};
afterAll(async () => {
  for (const volume of opened.values()) (await volume).close();
});

const run = (name: string): ReferenceRun => {
  const found = referenceRuns().find((r) => r.name === name);
  if (!found) throw new Error(`no reference run ${name}`);
  return found;
};

/** NOAA NCEI WSR-88D station list (nexrad-stations.txt), degrees north / east. */
const NOAA_SITES: Record<string, [number, number]> = {
  KLBB: [33.654139, -101.81416],
  KCRP: [27.784017, -97.51125],
  KLIX: [30.336667, -89.825417],
};

const CASES: Array<{ file: RadarFileName; ref: string; icao: string; format: string }> = [
  { file: 'KLBB20160601_150025_V06', ref: 'KLBB20160601_150025_V06', icao: 'KLBB', format: 'nexrad-level2-msg31' },
  { file: 'KCRP20200101_000431_V06', ref: 'KCRP20200101_000431_V06', icao: 'KCRP', format: 'nexrad-level2-msg31' },
  { file: 'KLIX20050828_180149.gz', ref: 'KLIX20050828_180149', icao: 'KLIX', format: 'nexrad-level2-msg1' },
];

for (const c of CASES) {
  describe(`${c.file} against Py-ART`, () => {
    let volume: OpenedVolume;
    const ref = run(c.ref);
    beforeAll(async () => {
      volume = await openShared(c.file);
    });

    it('has the format, site and scan metadata of a WSR-88D volume', () => {
      const h = volume.header;
      expect(h.format).toBe(c.format);
      expect(h.warnings).toEqual([]);
      expect(h.site.name).toBe(c.icao);
      expect(h.instrument.name).toBe(c.icao);
      expect(h.site.locationAssumed).toBeUndefined();
      const [lat, lon] = NOAA_SITES[c.icao]!;
      expect(Math.abs(h.site.latitude - lat)).toBeLessThan(0.01);
      expect(Math.abs(h.site.longitude - lon)).toBeLessThan(0.01);
      expect(h.scanType).toBe('ppi');
      expect(h.sweeps.every((s) => s.mode === 'azimuth_surveillance')).toBe(true);
      expect(h.endTime).toBeGreaterThan(h.startTime);
    });

    it('has Py-ART sweep structure: sweeps, rays, fixed angles, Nyquist', () => {
      const { meta } = ref;
      const sweeps = volume.header.sweeps;
      expect(sweeps.length).toBe(meta.nsweeps);
      sweeps.forEach((s, i) => {
        expect(s.rayCount, `rays of sweep ${i}`).toBe(
          meta.sweep_end_ray_index[i]! - meta.sweep_start_ray_index[i]! + 1,
        );
        expect(Math.abs(s.fixedAngle - meta.fixed_angles[i]!), `fixed angle of sweep ${i}`).toBeLessThan(1e-4);
        // Py-ART reports 0 where legacy surveillance radials carry no Nyquist; we report null there
        const expected = meta.nyquist_per_sweep[i]!;
        if (expected === 0) expect(s.nyquist, `Nyquist of sweep ${i}`).toBeNull();
        else expect(Math.abs(s.nyquist! - expected), `Nyquist of sweep ${i}`).toBeLessThan(1e-4);
      });
    });

    it('velocity equals Py-ART gate for gate in every sweep (padding NaN in the reference)', async () => {
      const { meta } = ref;
      const velocity = ref.velocity();
      const ngates = meta.ngates;
      for (const s of volume.header.sweeps) {
        const first = meta.sweep_start_ray_index[s.index]!;
        if (!s.moments.includes('VRADH')) {
          // a surveillance cut: Py-ART has no velocity there either
          const rows = velocity.subarray(first * ngates, (first + s.rayCount) * ngates);
          expect(rows.every(Number.isNaN), `reference velocity of sweep ${s.index}`).toBe(true);
          continue;
        }
        const field = await volume.readField(s.index, 'VRADH');
        expect(field.rays).toBe(s.rayCount);
        let mismatches = 0;
        let valid = 0;
        for (let r = 0; r < field.rays; r++) {
          for (let g = 0; g < ngates; g++) {
            const expected = velocity[(first + r) * ngates + g]!;
            if (g >= field.gates) {
              if (!Number.isNaN(expected)) mismatches++;
              continue;
            }
            const actual = field.data[r * field.gates + g]!;
            if (!Object.is(actual, expected) && !(Number.isNaN(actual) && Number.isNaN(expected))) mismatches++;
            else if (!Number.isNaN(actual)) valid++;
          }
        }
        expect(mismatches, `velocity mismatches in sweep ${s.index}`).toBe(0);
        expect(valid, `valid gates of sweep ${s.index}`).toBe(ref.meta.per_sweep[s.index]!.valid_gates);
      }
    });

    it('geometry: one azimuth, elevation, time and Nyquist per ray, azimuths covering the circle', async () => {
      for (const s of volume.header.sweeps) {
        const g = await volume.readGeometry(s.index);
        expect(g.azimuth.length).toBe(s.rayCount);
        expect(g.time.length).toBe(s.rayCount);
        expect(g.azimuth.every((a) => a >= 0 && a < 360)).toBe(true);
        expect(Math.abs(g.elevation[0]! - s.fixedAngle)).toBeLessThan(1);
        expect(g.time[0]).toBe(s.startTime);
        expect(g.time.every((t) => t >= volume.header.startTime && t <= volume.header.endTime)).toBe(true);
        if (s.nyquist !== null) {
          expect(g.nyquistPerRay![0]).toBeCloseTo(s.nyquist, 5);
          // Nyquist and unambiguous range are stored independently; together they give the wavelength,
          // lambda = 4 Vn / PRF = 8 Vn r_max / c, which must be the WSR-88D's S band (~10-11 cm)
          const wavelength = (8 * s.nyquist * s.unambiguousRange!) / 299_792_458;
          expect(wavelength).toBeGreaterThan(0.095);
          expect(wavelength).toBeLessThan(0.115);
          expect(g.unambiguousRangePerRay![0]).toBe(s.unambiguousRange);
        }
        // a full PPI: azimuth advances ray by ray by less than 2 deg, covering at least one turn
        // (legacy sweeps overlap: 362-367 rays at 1 deg)
        let turn = 0;
        for (let i = 1; i < s.rayCount; i++) {
          const step = (((g.azimuth[i]! - g.azimuth[i - 1]!) % 360) + 360) % 360;
          expect(step).toBeGreaterThan(0);
          expect(step).toBeLessThan(2);
          turn += step;
        }
        expect(turn).toBeGreaterThan(358.5);
      }
    });
  });
}

describe('KLBB gate layout and values (data README)', () => {
  let volume: OpenedVolume;
  beforeAll(async () => {
    volume = await openShared('KLBB20160601_150025_V06');
  });

  it('REF has 1832 gates in the surveillance cut, VEL 1192 in the Doppler cut down to 232 at the top', async () => {
    const ref = await volume.readField(0, 'DBZH');
    expect(ref.gates).toBe(1832);
    expect(ref.range[0]).toBe(2125);
    expect(ref.range[1]! - ref.range[0]!).toBe(250);
    expect(ref.sourceName).toBe('REF');
    expect(volume.header.sweeps[0]!.moments).not.toContain('VRADH');
    const vel = await volume.readField(1, 'VRADH');
    expect(vel.gates).toBe(1192);
    expect(vel.range[0]).toBe(2125);
    const top = await volume.readField(10, 'VRADH');
    expect(top.gates).toBe(232);
    // ZDR in the surveillance cut has its own, shorter range axis
    expect((await volume.readField(0, 'ZDR')).gates).toBe(1192);
  });

  it('reflectivity and dual-pol values stay in their packed ranges; some echo is present', async () => {
    const ref = await volume.readField(0, 'DBZH');
    const valid = ref.data.filter((v) => !Number.isNaN(v));
    expect(valid.length).toBeGreaterThan(10_000);
    expect(valid.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(-32); // raw 2: (2 - 66) / 2
    expect(valid.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(94.5); // raw 255
    expect(valid.filter((v) => v > 20).length).toBeGreaterThan(1000);
    expect(ref.packing).toMatchObject({ type: 'u8', scale: 0.5, offset: -33, fill: 0, rangeFolded: 1 });
    const phi = await volume.readField(0, 'PHIDP');
    expect(phi.packing?.type).toBe('u16');
    expect(phi.data.every((v) => Number.isNaN(v) || (v >= 0 && v <= 360))).toBe(true);
    const rho = await volume.readField(0, 'RHOHV');
    expect(rho.data.every((v) => Number.isNaN(v) || (v > 0 && v < 1.1))).toBe(true);
  });

  it('takes its site from the VOL block: altitude = ground height + feedhorn height', () => {
    // NCEI lists KLBB's antenna at 3378 ft = 1029.6 m (ground + tower + feedhorn)
    expect(Math.abs(volume.header.site.altitude - 1029.6)).toBeLessThan(2);
  });

  it('starts at the time the file name and the README give (2016-06-01 15:00:26 UTC, within seconds)', () => {
    expect(Math.abs(volume.header.startTime - Date.UTC(2016, 5, 1, 15, 0, 26) / 1000)).toBeLessThan(5);
  });

  it('rejects an unknown sweep or moment with a ReaderError naming the file', async () => {
    await expect(volume.readField(0, 'VRADH')).rejects.toThrow(/KLBB20160601_150025_V06: sweep 0 has no VRADH/);
    await expect(volume.readField(99, 'DBZH')).rejects.toMatchObject({ name: 'ReaderError' });
  });
});

describe('KLIX legacy message 1 layout (data README)', () => {
  let volume: OpenedVolume;
  beforeAll(async () => {
    volume = await openShared('KLIX20050828_180149.gz');
  });

  it('REF at 1 km, VEL and SW at 250 m from -375 m, velocity in 0.5 m/s steps', async () => {
    const ref = await volume.readField(0, 'DBZH');
    expect(ref.gates).toBe(460);
    expect(ref.range[1]! - ref.range[0]!).toBe(1000);
    const vel = await volume.readField(1, 'VRADH');
    expect(vel.gates).toBe(920);
    expect(vel.range[0]).toBe(-375);
    expect(vel.range[1]! - vel.range[0]!).toBe(250);
    expect(vel.data.every((v) => Number.isNaN(v) || Number.isInteger(v * 2))).toBe(true);
    expect((await volume.readField(1, 'WRADH')).gates).toBe(920);
    expect(volume.header.formatDetail).toBe('AR2V0001 (message 1)');
  });

  it('honours the velocity resolution code: code 4 (1.0 m/s) doubles every velocity, an unknown code warns', async () => {
    const raw = gunzipSync(readFileSync(await radarFile('KLIX20050828_180149.gz')));
    /** Copy of the archive with the resolution code (data header byte 42) of every message-1 radial set. */
    const withCode = (code: number): Buffer => {
      const copy = Buffer.from(raw);
      for (let p = 24; p + 2432 <= copy.length; p += 2432)
        if (copy[p + 15] === 1) copy.writeUInt16BE(code, p + 28 + 42);
      return copy;
    };
    const dir = mkdtempSync(join(tmpdir(), 'unfold-msg1-'));
    try {
      writeFileSync(join(dir, 'coarse'), withCode(4));
      writeFileSync(join(dir, 'odd'), withCode(3));
      const coarse = await openVolume(join(dir, 'coarse'));
      const fine = (await volume.readField(1, 'VRADH')).data;
      const doubled = (await coarse.readField(1, 'VRADH')).data;
      expect(doubled.length).toBe(fine.length);
      expect(doubled.every((v, i) => (Number.isNaN(v) ? Number.isNaN(fine[i]!) : v === 2 * fine[i]!))).toBe(true);
      expect(coarse.header.warnings).toEqual([]);
      coarse.close();
      const odd = await openVolume(join(dir, 'odd'));
      expect(odd.header.warnings.join(' ')).toMatch(/unknown velocity resolution code 3; assumed 0.5 m\/s/);
      odd.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('legacy ARCHIVE2 header without a site id (synthesised from the KLIX bytes)', () => {
  let dir: string;
  let archive2: string;
  let unknownSite: string;
  beforeAll(async () => {
    const klix = gunzipSync(readFileSync(await radarFile('KLIX20050828_180149.gz')));
    dir = mkdtempSync(join(tmpdir(), 'unfold-archive2-'));
    // 'ARCHIVE2.' + extension, the original date/time, and a blank site id, as pre-2008 archives have
    const blank = Buffer.from(klix);
    blank.write('ARCHIVE2.001', 0, 'latin1');
    blank.fill(0, 20, 24);
    archive2 = join(dir, 'archive2.gz');
    writeFileSync(archive2, gzipSync(blank));
    const unknown = Buffer.from(blank);
    unknown.write('ZZZZ', 20, 'latin1');
    unknownSite = join(dir, 'archive2-zzzz');
    writeFileSync(unknownSite, unknown);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens with an assumed location at 0 N 0 E, flagged, with a warning', async () => {
    const volume = await openVolume(archive2);
    const { site, warnings, sweeps, formatDetail } = volume.header;
    expect(formatDetail).toBe('ARCHIVE2 (message 1)');
    expect(site).toMatchObject({ latitude: 0, longitude: 0, altitude: 0, locationAssumed: true });
    expect(warnings.join(' ')).toMatch(/names no radar site .* assumed 0 N 0 E/);
    // the data itself is untouched
    expect(sweeps.length).toBe(16);
    expect((await volume.readField(1, 'VRADH')).gates).toBe(920);
    volume.close();
  });

  it('uses the site override when one is given, still flagged as not from the file', async () => {
    const override = { name: 'KLIX', latitude: 30.3367, longitude: -89.8254, altitude: 45 };
    const volume = await openVolume(archive2, { siteOverride: override });
    expect(volume.header.site).toEqual({ ...override, locationAssumed: true });
    expect(volume.header.warnings).toEqual([]);
    volume.close();
  });

  it('a site id missing from the WSR-88D table is named in the warning', async () => {
    const volume = await openVolume(unknownSite);
    expect(volume.header.site).toMatchObject({ name: 'ZZZZ', latitude: 0, longitude: 0, locationAssumed: true });
    expect(volume.header.warnings.join(' ')).toMatch(/site ZZZZ is not in the WSR-88D site table/);
    volume.close();
  });
});

describe('a bzip2-wrapped archive (whole file .bz2)', () => {
  it('opens through the opener like the plain file', async () => {
    const raw = gunzipSync(readFileSync(await radarFile('KLIX20050828_180149.gz')));
    const dir = mkdtempSync(join(tmpdir(), 'unfold-bz2-'));
    try {
      const path = join(dir, 'KLIX20050828_180149.bz2');
      const compressed = spawnSync('bzip2', ['-1', '-c'], { input: raw, maxBuffer: 1 << 28 });
      expect(compressed.status).toBe(0);
      writeFileSync(path, compressed.stdout);
      const volume = await openVolume(path);
      expect(volume.header.format).toBe('nexrad-level2-msg1');
      expect(volume.header.sweeps.length).toBe(16);
      expect((await volume.readField(1, 'VRADH')).gates).toBe(920);
      volume.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
