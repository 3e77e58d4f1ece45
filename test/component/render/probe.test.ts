/**
 * The cursor readout: position (azimuth, ranges, beam height, latitude/longitude) and value with units,
 * fold number and region on dealiased results.
 */
import { describe, expect, it } from 'vitest';
import { formatLatLon, formatValue, probePosition, probeValue } from '../../../renderer/src/render/probe';
import { prepareField } from '../../../renderer/src/render/raster-field';
import { syntheticField } from './fields';

const site = { name: 'KCRP', latitude: 27.784, longitude: -97.511, altitude: 14 };

describe('probe', () => {
  it('reads position and value on a PPI', () => {
    const field = syntheticField({ elevation: 0.5, value: (ray, gate) => ray + gate / 1000 });
    const p = prepareField(field);
    const pos = probePosition(p, { x: 30, y: 0 }, site, 0.5);
    expect(pos.azimuth).toBe(90);
    expect(pos.groundKm).toBeCloseTo(30, 9);
    expect(pos.rangeKm).toBeGreaterThan(30);
    expect(pos.rangeKm).toBeLessThan(30.01);
    expect(pos.heightKm * 1000).toBeGreaterThan(30_000 * Math.sin((0.5 * Math.PI) / 180));
    expect(pos.lat).toBeCloseTo(27.784, 2);
    expect(pos.lon).toBeGreaterThan(-97.511 + 0.29);
    const value = probeValue(p, { x: 30, y: 0 });
    expect(value.ray).toBe(90);
    // 30 km ground range is a little more than 30 km slant range: gate 30 covers 30–31 km
    expect(value.gate).toBe(30);
    expect(value.value).toBeCloseTo(90.03, 4);
    expect(value.unitsLabel).toBe('m/s');
    expect(value.fold).toBeUndefined();
  });

  it('reports fold and region on dealiased fields, null outside the sweep', () => {
    const field = syntheticField({ rays: 4, gates: 10, angleStep: 90, angleOffset: 0 });
    field.folds = new Int8Array(40).fill(2);
    field.regions = Int32Array.from({ length: 40 }, (_, i) => i + 100);
    const p = prepareField(field);
    const v = probeValue(p, { x: 0, y: 3.2 });
    expect(v).toMatchObject({ ray: 0, gate: 3, fold: 2, region: 103 });
    expect(probeValue(p, { x: 0, y: 500 })).toMatchObject({ value: null, ray: null });
  });

  it('reads an RHI: x is ground range along the fixed azimuth, y height', () => {
    const field = syntheticField({ geometry: 'rhi', rays: 90, angleStep: 1, gates: 50 });
    const pos = probePosition(prepareField(field), { x: 20, y: 5 }, site, 184);
    expect(pos.azimuth).toBe(184);
    expect(pos.heightKm).toBe(5);
    expect(pos.elevation).toBeGreaterThan(13);
    expect(pos.elevation).toBeLessThan(14.1);
    expect(pos.lat).toBeLessThan(site.latitude);
  });

  it('formats values and coordinates', () => {
    expect(formatValue(-12.345, 'm/s')).toBe('-12.35 m/s');
    expect(formatValue(null, 'm/s')).toBe('—');
    expect(formatValue(2, 'folds')).toBe('2 folds');
    expect(formatValue(0.98, '')).toBe('0.98');
    expect(formatLatLon(27.784, -97.511)).toBe('27.7840° N, 97.5110° W');
  });
});
