/**
 * Colour tables and scales: the velocity table diverges around grey, reflectivity follows the NWS bands,
 * fold numbers get one class each, and the value → class mapping is the one the shader uses.
 */
import { describe, expect, it } from 'vitest';
import {
  colourIndex,
  correctedVelocityScale,
  FOLD_SCALE,
  maxAbsFold,
  niceStep,
  scaleForMoment,
  scaleTicks,
} from '../../../renderer/src/render/colour-scale';
import { colourAt, colourLut, COLOUR_STOPS, LUT_SIZE } from '../../../renderer/src/render/colour-tables';

const rgb = (lut: Uint8Array, i: number): [number, number, number] => [lut[i * 4]!, lut[i * 4 + 1]!, lut[i * 4 + 2]!];

describe('colour tables', () => {
  it('builds an opaque 256-entry RGBA table for every table id', () => {
    for (const table of Object.keys(COLOUR_STOPS) as (keyof typeof COLOUR_STOPS)[]) {
      const lut = colourLut(table);
      expect(lut.length).toBe(LUT_SIZE * 4);
      for (let i = 0; i < LUT_SIZE; i++) expect(lut[i * 4 + 3]).toBe(255);
    }
  });

  it('velocity diverges: green toward the radar, grey at zero, red away', () => {
    const lut = colourLut('velocity');
    const [r0, g0] = rgb(lut, 30);
    const [rm, gm, bm] = rgb(lut, 128);
    const [r1, g1] = rgb(lut, 225);
    expect(g0).toBeGreaterThan(r0 + 100);
    expect(r1).toBeGreaterThan(g1 + 100);
    expect(Math.max(rm, gm, bm) - Math.min(rm, gm, bm)).toBeLessThan(30);
  });

  it('reflectivity at 52 dBZ is the NWS red band and below 5 dBZ is grey', () => {
    const scale = scaleForMoment('DBZH', null);
    expect(rgb(colourLut('reflectivity'), colourIndex(52, scale))).toEqual([253, 0, 0]);
    const [r, g, b] = rgb(colourLut('reflectivity'), colourIndex(-5, scale));
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(20);
  });

  it('gives each fold number −3 … +3 its own colour, grey for 0', () => {
    const lut = colourLut('fold');
    const colours = [-3, -2, -1, 0, 1, 2, 3].map((k) => rgb(lut, colourIndex(k, FOLD_SCALE)).join(','));
    expect(new Set(colours).size).toBe(7);
    expect(colours[3]).toBe('120,120,120');
  });

  it('interpolates linearly between stops and steps at repeated stops', () => {
    const stops = [
      [0, 0, 0, 0],
      [0.5, 100, 200, 50],
      [0.5, 0, 0, 0],
      [1, 10, 10, 10],
    ] as const;
    expect(colourAt(stops, 0.25)).toEqual([50, 100, 25]);
    expect(colourAt(stops, 0.5)).toEqual([0, 0, 0]);
    expect(colourAt(stops, 2)).toEqual([10, 10, 10]);
  });
});

describe('colour scales', () => {
  it('scales velocity to ±Nyquist, other moments to their registry range', () => {
    expect(scaleForMoment('VRADH', 8.57)).toMatchObject({
      table: 'velocity',
      min: -8.57,
      max: 8.57,
      unitsLabel: 'm/s',
    });
    expect(scaleForMoment('VRADH', null)).toMatchObject({ min: -30, max: 30 });
    expect(scaleForMoment('DBZH', 20)).toMatchObject({ table: 'reflectivity', min: -20, max: 75, unitsLabel: 'dBZ' });
    expect(scaleForMoment('SOMETHING_ELSE', null).table).toBe('generic');
  });

  it('scales dealiased velocity to the largest fold', () => {
    expect(maxAbsFold(Int8Array.from([0, 1, -2, 1]))).toBe(2);
    expect(correctedVelocityScale(10, 2)).toMatchObject({ min: -30, max: 30 });
    expect(correctedVelocityScale(10, 9)).toMatchObject({ max: 40 });
  });

  it('maps values to classes with clamping, NaN to −1', () => {
    const s = { table: 'generic' as const, min: 0, max: 256, unitsLabel: '' };
    expect(colourIndex(0, s)).toBe(0);
    expect(colourIndex(10.9, s)).toBe(10);
    expect(colourIndex(-5, s)).toBe(0);
    expect(colourIndex(1000, s)).toBe(255);
    expect(colourIndex(NaN, s)).toBe(-1);
  });

  it('puts values on exact class boundaries in the upper class, as float32 WebGL does', () => {
    const s = { table: 'velocity' as const, min: -29.2, max: 29.2, unitsLabel: 'm/s' };
    expect(colourIndex(0, s)).toBe(128);
    expect(colourIndex(29.2, s)).toBe(255);
    expect(colourIndex(-29.2, s)).toBe(0);
  });

  it('chooses nice ticks', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(17, 4)).toBe(5);
    expect(scaleTicks({ table: 'velocity', min: -29.2, max: 29.2, unitsLabel: 'm/s' })).toEqual([-20, -10, 0, 10, 20]);
    expect(scaleTicks(FOLD_SCALE)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });
});
