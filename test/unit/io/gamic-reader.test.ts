// GAMIC HDF5 reader on BoXPol's 2014-08-10--182000.ppi.mvol (no Py-ART reference): header against the
// data README, raw values and attributes against h5dump, the decoding rule and the derived Nyquist.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import { radarFile } from '../../support/radar-data';

const GAMIC = '2014-08-10--182000.ppi.mvol';

const hasH5dump = ((): boolean => {
  try {
    execFileSync('h5dump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Raw values of rows [0, rows) × gates [0, gates) of a dataset, as h5dump prints them. */
function h5raw(path: string, dataset: string, rows: number, gates: number): number[] {
  const out = execFileSync('h5dump', ['-d', dataset, '-s', '0,0', '-c', `${rows},${gates}`, path], {
    encoding: 'utf8',
  });
  const body = out.slice(out.indexOf('DATA {'));
  return [...body.matchAll(/\(\d+,\d+\): ([^\n]+)/g)].flatMap((m) =>
    m[1]!
      .split(',')
      .filter((x) => x.trim() !== '')
      .map(Number),
  );
}

function h5attr(path: string, attribute: string): string {
  const out = execFileSync('h5dump', ['-a', attribute, path], { encoding: 'utf8' });
  return /\(0\): ("?)(.*?)\1\s*$/m.exec(out)![2]!;
}

describe('GAMIC HDF5: BoXPol PPI', () => {
  it('opens with the geometry of README item 13', async () => {
    const volume = await openVolume(await radarFile(GAMIC));
    const h = volume.header;
    expect(h.format).toBe('gamic-h5');
    expect(h.scanType).toBe('ppi');
    expect(h.sweeps).toHaveLength(1);
    expect(h.sweeps[0]).toMatchObject({ rayCount: 360, mode: 'azimuth_surveillance', prf: 950 });
    expect(h.sweeps[0]!.fixedAngle).toBeCloseTo(1.5, 2);
    expect(new Date(h.startTime * 1000).toISOString()).toBe('2014-08-10T18:23:35.000Z');
    expect(h.site).toMatchObject({ latitude: 50.73052, longitude: 7.071663, altitude: 99.5 });
    expect(h.instrument.wavelength).toBe(0.03213);
    // WH and WV would both be WRADH: WV keeps its GAMIC name rather than being hidden.
    expect(h.moments).toEqual(expect.arrayContaining(['DBZH', 'DBZV', 'TH', 'VRADH', 'VRADV', 'WRADH', 'WV', 'ZDR']));
    expect(h.moments).toHaveLength(12);
    const g = await volume.readGeometry(0);
    // ray_header timestamps are microseconds since 1970; ray 0 is at 18:23:35 exactly.
    expect(g.time[0]).toBe(Date.UTC(2014, 7, 10, 18, 23, 35) / 1000);
    expect(g.azimuth[0]).toBeCloseTo((182.010498046875 + 183.021240234375) / 2, 4);
    volume.close();
  });

  it('derives the dual-PRF Nyquist (unfolding 3 = 4:5) that equals the velocity coding range', async () => {
    const volume = await openVolume(await radarFile(GAMIC));
    const sweep = volume.header.sweeps[0]!;
    // λ·PRF/4 = 0.03213 · 950 / 4 = 7.631 m/s single-PRF; × 4 for the 4:5 ratio.
    expect(sweep.nyquistSource).toBe('dual-prf');
    expect(sweep.nyquist).toBeCloseTo((4 * 0.03213 * 950) / 4, 9);
    const vh = await volume.readField(0, 'VRADH');
    // README item 13: VH is coded over ±30.52 m/s and is unthresholded (every gate valid).
    expect(Math.abs(sweep.nyquist! - 30.5235)).toBeLessThan(1e-4);
    expect(vh.data.every((v) => Number.isFinite(v) && Math.abs(v) <= 30.5236)).toBe(true);
    expect(volume.header.warnings).toEqual([]);
    volume.close();
  });

  it.skipIf(!hasH5dump)(
    'decodes raw values with min + (raw − 1)·(max − min)/(2^bits − 2), against h5dump',
    async () => {
      const path = await radarFile(GAMIC);
      const volume = await openVolume(path);
      for (const [moment, dataset] of [
        ['VRADH', '/scan0/moment_5'],
        ['PHIDP', '/scan0/moment_1'],
      ] as const) {
        const min = Number(h5attr(path, `${dataset}/dyn_range_min`));
        const max = Number(h5attr(path, `${dataset}/dyn_range_max`));
        const bits = h5attr(path, `${dataset}/format`) === 'UV16' ? 16 : 8;
        const raw = h5raw(path, dataset, 2, 6);
        const field = await volume.readField(0, moment);
        const got = [...field.data.subarray(0, 6), ...field.data.subarray(field.gates, field.gates + 6)];
        const expected = raw.map((r) => (r === 0 ? NaN : min + ((r - 1) * (max - min)) / (2 ** bits - 2)));
        got.forEach((v, i) => expect(v, `${moment} value ${i}`).toBeCloseTo(expected[i]!, 4));
      }
      // The gate spacing is range_step × range_samples, which h5dump's how/range ÷ bin_count confirms.
      const vh = await volume.readField(0, 'VRADH');
      const spacing = Number(h5attr(path, '/scan0/how/range')) / Number(h5attr(path, '/scan0/how/bin_count'));
      expect(vh.range[1]! - vh.range[0]!).toBe(spacing);
      expect(vh.range[0]).toBe(spacing / 2);
      volume.close();
    },
  );

  it('puts 0 m/s at raw 128 of the symmetric UV8 velocity code', async () => {
    const volume = await openVolume(await radarFile(GAMIC));
    const vh = await volume.readField(0, 'VRADH');
    const { scale, offset } = vh.packing!;
    expect(128 * scale + offset).toBeCloseTo(0, 9);
    expect(vh.packing).toMatchObject({ type: 'u8', fill: 0 });
    volume.close();
  });
});
