/**
 * Planning a run: the velocity moment, the sweeps that have it, the Nyquist of each (file or override)
 * and Py-ART's wrap-around default, with clear refusals.
 */
import { describe, expect, it } from 'vitest';
import type { SweepHeader, VolumeHeader } from '../../../common/volume';
import { DealiasInputError, planDealias } from '../../../main/dealias/plan';

function sweep(index: number, moments: string[], nyquist: number | null): SweepHeader {
  return {
    index,
    number: index + 1,
    mode: 'azimuth_surveillance',
    fixedAngle: 0.5 * index,
    rayCount: 360,
    startTime: 0,
    nyquist,
    moments,
  };
}

function volume(overrides: Partial<VolumeHeader> = {}): VolumeHeader {
  return {
    path: '/data/KTEST20200101_000000_V06',
    format: 'nexrad-level2-msg31',
    formatDetail: 'test',
    site: { name: 'KTEST', latitude: 30, longitude: -97, altitude: 100 },
    instrument: { name: 'KTEST' },
    scanType: 'ppi',
    startTime: 0,
    endTime: 300,
    sweeps: [sweep(0, ['DBZH'], 8.5), sweep(1, ['DBZH', 'VRADH', 'WRADH'], 29.2), sweep(2, ['DBZH', 'VRADH'], null)],
    moments: ['DBZH', 'VRADH', 'WRADH'],
    attributes: {},
    warnings: [],
    ...overrides,
  };
}

describe('planDealias', () => {
  it('takes the first velocity moment and every sweep that has it, with the file Nyquist', () => {
    const plan = planDealias(volume(), { sweeps: [1], variant: 'fused', params: {} });
    expect(plan.moment).toBe('VRADH');
    expect(plan.sweeps).toEqual([{ sweep: 1, nyquist: 29.2, raysWrapAround: true }]);
    expect(plan.params.intervalSplits).toBe(3);
  });

  it('refuses a sweep without a Nyquist unless one is given, and names the sweep', () => {
    expect(() => planDealias(volume(), { sweeps: [], variant: 'fused', params: {} })).toThrow(
      'KTEST20200101_000000_V06: sweep 2 has no usable Nyquist velocity (none in the file); give one (m/s)',
    );
    const plan = planDealias(volume(), { sweeps: [], variant: 'fused', params: {}, nyquist: [25] });
    expect(plan.sweeps.map((s) => s.nyquist)).toEqual([25, 25]);
    const perSweep = planDealias(volume(), { sweeps: [], variant: 'fused', params: {}, nyquist: [25, 26] });
    expect(perSweep.sweeps.map((s) => s.nyquist)).toEqual([25, 26]);
  });

  it('refuses sweeps without the moment, unknown moments and non-increasing interval limits', () => {
    expect(() => planDealias(volume(), { sweeps: [0], variant: 'fused', params: {}, nyquist: [8] })).toThrow(
      'sweep 0 has no VRADH',
    );
    expect(() => planDealias(volume(), { sweeps: [1], variant: 'fused', params: {}, moment: 'VEL' })).toThrow(
      DealiasInputError,
    );
    expect(() =>
      planDealias(volume(), { sweeps: [1], variant: 'fused', params: { intervalLimits: [-10, 0, 0, 10] } }),
    ).toThrow('increase strictly');
  });

  it('wraps rays for PPIs (and sector PPIs, as Py-ART does) but not RHIs, unless told otherwise', () => {
    const rhi = planDealias(volume({ scanType: 'rhi' }), { sweeps: [1], variant: 'fused', params: {} });
    expect(rhi.sweeps[0]!.raysWrapAround).toBe(false);
    const sector = planDealias(volume({ scanType: 'sector' }), { sweeps: [1], variant: 'fused', params: {} });
    expect(sector.sweeps[0]!.raysWrapAround).toBe(true);
    const declared = planDealias(volume({ attributes: { scan_type: 'rhi' } }), {
      sweeps: [1],
      variant: 'fused',
      params: {},
    });
    expect(declared.sweeps[0]!.raysWrapAround).toBe(false);
    const forced = planDealias(volume(), { sweeps: [1], variant: 'fused', params: { raysWrapAround: false } });
    expect(forced.sweeps[0]!.raysWrapAround).toBe(false);
    const geometry = planDealias(volume(), { sweeps: [1], variant: 'fused', params: { wrapFromGeometry: true } });
    expect(geometry.sweeps[0]!.raysWrapAround).toBeNull();
  });
});
