/**
 * Synthetic fields for the drawing tests: exact geometry (rays every 1° or 0.5°, uniform gates), values
 * chosen so that a pixel's colour tells which ray and gate it came from.
 */
import { velocityScale, type ColourScale } from '../../../renderer/src/render/colour-scale';
import type { RasterField } from '../../../renderer/src/render/raster-field';

export interface SyntheticOptions {
  rays?: number;
  gates?: number;
  /** metres */
  firstGate?: number;
  gateStep?: number;
  /** degrees per ray; ray i is centred at i * step + offset */
  angleStep?: number;
  angleOffset?: number;
  geometry?: 'ppi' | 'rhi';
  elevation?: number;
  scale?: ColourScale;
  value?: (ray: number, gate: number) => number;
}

export function syntheticField(o: SyntheticOptions = {}): RasterField {
  const rays = o.rays ?? 360;
  const gates = o.gates ?? 100;
  const firstGate = o.firstGate ?? 500;
  const step = o.gateStep ?? 1000;
  const angleStep = o.angleStep ?? 360 / rays;
  const offset = o.angleOffset ?? angleStep / 2;
  const geometry = o.geometry ?? 'ppi';
  const range = Float32Array.from({ length: gates }, (_, g) => firstGate + g * step);
  const angles = Float32Array.from({ length: rays }, (_, r) => offset + r * angleStep);
  const fixed = new Float32Array(rays).fill(o.elevation ?? 0.5);
  const value = o.value ?? ((r: number) => r);
  const data = new Float32Array(rays * gates);
  for (let r = 0; r < rays; r++) for (let g = 0; g < gates; g++) data[r * gates + g] = value(r, g);
  return {
    key: `synthetic/${Math.random()}`,
    title: 'synthetic',
    geometry,
    rays,
    gates,
    data,
    range,
    azimuth: geometry === 'ppi' ? angles : new Float32Array(rays).fill(184),
    elevation: geometry === 'ppi' ? fixed : angles,
    scale: o.scale ?? velocityScale(30),
    nyquist: 30,
    quantity: 'VRADH',
  };
}
