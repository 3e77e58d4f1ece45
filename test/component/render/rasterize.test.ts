/**
 * The canvas rasteriser on synthetic sweeps whose value encodes the ray: pixels land on the right ray and
 * gate in PPI and RHI, missing gates stay transparent, and every pixel agrees with the readout lookup.
 */
import { describe, expect, it } from 'vitest';
import { colourIndex } from '../../../renderer/src/render/colour-scale';
import { colourLut } from '../../../renderer/src/render/colour-tables';
import { colourIndexAt, gateIndexAt, rasterize } from '../../../renderer/src/render/rasterize';
import { prepareField } from '../../../renderer/src/render/raster-field';
import { deviceMapping, fitPpi, fitRhi } from '../../../renderer/src/render/view-transform';
import { syntheticField } from './fields';

const SIZE = 200;

function draw(field: ReturnType<typeof syntheticField>, t = fitPpi(100, SIZE, SIZE)) {
  const pixels = new Uint8ClampedArray(SIZE * SIZE * 4);
  rasterize(prepareField(field), colourLut(field.scale.table), deviceMapping(t, SIZE, SIZE, 1), {
    width: SIZE,
    height: SIZE,
    pixels,
  });
  return { pixels, t };
}

const pixelAt = (pixels: Uint8ClampedArray, x: number, y: number): number[] =>
  Array.from(pixels.subarray((y * SIZE + x) * 4, (y * SIZE + x) * 4 + 4));

describe('rasterize (PPI)', () => {
  const scale = { table: 'generic' as const, min: 0, max: 360, unitsLabel: '°' };
  const field = syntheticField({ value: (ray) => ray, scale });
  const lut = colourLut('generic');
  const colourOf = (value: number): number[] => {
    const c = colourIndex(value, scale);
    return [lut[c * 4]!, lut[c * 4 + 1]!, lut[c * 4 + 2]!, 255];
  };

  it('colours east of the radar with the ray at azimuth 90° and north with ray 0', () => {
    const { pixels } = draw(field);
    expect(pixelAt(pixels, 150, 100)).toEqual(colourOf(90));
    expect(pixelAt(pixels, 100, 40)).toEqual(colourOf(0));
    // just above the west axis (just below it is ray 269)
    expect(pixelAt(pixels, 40, 99)).toEqual(colourOf(270));
  });

  it('leaves pixels beyond the last gate transparent', () => {
    const { pixels } = draw(field);
    expect(pixelAt(pixels, 2, 2)).toEqual([0, 0, 0, 0]);
  });

  it('leaves missing gates transparent', () => {
    const holes = syntheticField({ value: (ray, gate) => (gate >= 40 && gate < 60 ? NaN : ray), scale });
    const { pixels, t } = draw(holes);
    // 50 km east is in the gap of NaN gates (gates 40–59 cover 40–60 km)
    const x = Math.round(100 + 50 * t.scale);
    expect(pixelAt(pixels, x, 100)[3]).toBe(0);
    expect(pixelAt(pixels, Math.round(100 + 30 * t.scale), 100)[3]).toBe(255);
  });

  it('agrees with the readout lookup at every pixel', () => {
    const f = syntheticField({
      rays: 720,
      angleStep: 0.5,
      gates: 160,
      gateStep: 625,
      value: (r, g) => (r * 7 + g) % 360,
      scale,
    });
    const t = fitPpi(100, SIZE, SIZE);
    const { pixels } = draw(f, t);
    const p = prepareField(f);
    const m = deviceMapping(t, SIZE, SIZE, 1);
    let mismatches = 0;
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const point = { x: m.originX + (x + 0.5) * m.kmPerPxX, y: m.originY - (y + 0.5) * m.kmPerPxY };
        const c = colourIndexAt(p, point);
        const px = pixelAt(pixels, x, y);
        const expected = c < 0 ? [0, 0, 0, 0] : [lut[c * 4]!, lut[c * 4 + 1]!, lut[c * 4 + 2]!, 255];
        if (px.join() !== expected.join()) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});

describe('rasterize (RHI)', () => {
  it('maps height and ground range to elevation and range', () => {
    // 90 rays from 0.5° to 89.5°, 50 gates of 1 km; value = elevation ray index
    const scale = { table: 'generic' as const, min: 0, max: 90, unitsLabel: '' };
    const field = syntheticField({ geometry: 'rhi', rays: 90, angleStep: 1, gates: 50, value: (ray) => ray, scale });
    const t = fitRhi(50, 50, SIZE, SIZE);
    const p = prepareField(field);
    // a point 20 km out at 10 km height is at about 26.5° elevation (curvature lowers it slightly)
    const index = gateIndexAt(p, { x: 20, y: 10 });
    expect(Math.floor(index / field.gates)).toBe(26);
    expect(index % field.gates).toBe(22);
    // below the lowest ray (0.0 … 0.0°) nothing is drawn
    expect(gateIndexAt(p, { x: 40, y: -1 })).toBe(-1);
    const { pixels } = draw(field, t);
    expect(pixels.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);
  });
});
