/**
 * The canvas-2D path of the sweep view, as a pure function: fills an RGBA pixel buffer with a prepared
 * field at a given device mapping. Every device pixel is mapped back to its gate (cartesian → polar with
 * the 4/3-earth model, then the ray wedges and gate spacing), so there are no gaps between rays at any
 * zoom. The WebGL path draws the same wedges as geometry; tests compare both on real data.
 */
import { CLASS_NUDGE, colourIndex } from './colour-scale';
import { gateAt, rayAt } from './angle-index';
import { EFFECTIVE_RADIUS_M } from './geometry';
import type { PreparedField } from './raster-field';
import type { DeviceMapping, WorldPoint } from './view-transform';

const DEG = 180 / Math.PI;

/**
 * Index into the field's data (ray × gates + gate) of the gate under a world point (km), or −1.
 * Used by the readout; the rasteriser below inlines the same steps.
 */
export function gateIndexAt(p: PreparedField, point: WorldPoint): number {
  const re = EFFECTIVE_RADIUS_M;
  const x = point.x * 1000;
  const y = point.y * 1000;
  let angle: number;
  let range: number;
  if (p.field.geometry === 'ppi') {
    const g = Math.sqrt(x * x + y * y) / re;
    range = (re * Math.sin(g)) / Math.cos((p.coneElevation * Math.PI) / 180 + g);
    if (!(range >= 0)) return -1;
    angle = Math.atan2(x, y) * DEG;
  } else {
    const g = x / re;
    const half = Math.sin(g / 2);
    const dx = (re + y) * Math.sin(g);
    const dy = y * Math.cos(g) - 2 * re * half * half;
    range = Math.sqrt(dx * dx + dy * dy);
    angle = Math.atan2(dy, dx) * DEG;
  }
  if (angle < 0) angle += 360;
  const ray = rayAt(p.wedges, angle);
  if (ray < 0) return -1;
  const gate = gateAt(p.spacing, range);
  return gate < 0 ? -1 : ray * p.field.gates + gate;
}

export interface PixelTarget {
  /** device pixels */
  width: number;
  height: number;
  /** RGBA, length width × height × 4; missing gates are left transparent (0, 0, 0, 0) */
  pixels: Uint8ClampedArray;
}

/** Fill `target` with the field drawn through `lut` (256 × RGBA) at `mapping`. */
export function rasterize(p: PreparedField, lut: Uint8Array, mapping: DeviceMapping, target: PixelTarget): void {
  const { field, wedges, spacing } = p;
  const { width, height, pixels } = target;
  pixels.fill(0);
  const re = EFFECTIVE_RADIUS_M;
  const coneRad = (p.coneElevation * Math.PI) / 180;
  const isPpi = field.geometry === 'ppi';
  const maxRange = p.maxRange;
  const gates = field.gates;
  const data = field.data;
  // colour class = floor((v − min) × k + nudge), the same expression as colourIndex() and the shader
  const min = field.scale.min;
  const k = 256 / (field.scale.max - field.scale.min);
  const lutWords = new Uint32Array(lut.buffer, lut.byteOffset, lut.byteLength >> 2);
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.byteLength >> 2);
  for (let j = 0; j < height; j++) {
    const y = (mapping.originY - (j + 0.5) * mapping.kmPerPxY) * 1000;
    let o = j * width * 4;
    for (let i = 0; i < width; i++, o += 4) {
      const x = (mapping.originX + (i + 0.5) * mapping.kmPerPxX) * 1000;
      let angle: number;
      let range: number;
      if (isPpi) {
        const g = Math.sqrt(x * x + y * y) / re;
        range = (re * Math.sin(g)) / Math.cos(coneRad + g);
        if (!(range >= 0) || range >= maxRange) continue;
        angle = Math.atan2(x, y) * DEG;
      } else {
        const g = x / re;
        const half = Math.sin(g / 2);
        const dx = (re + y) * Math.sin(g);
        const dy = y * Math.cos(g) - 2 * re * half * half;
        range = Math.sqrt(dx * dx + dy * dy);
        if (range >= maxRange) continue;
        angle = Math.atan2(dy, dx) * DEG;
      }
      if (angle < 0) angle += 360;
      const ray = rayAt(wedges, angle);
      if (ray < 0) continue;
      const gate = gateAt(spacing, range);
      if (gate < 0) continue;
      const v = data[ray * gates + gate]!;
      if (v !== v) continue; // NaN: missing
      const t = (v - min) * k + CLASS_NUDGE;
      words[o >> 2] = lutWords[t <= 0 ? 0 : t >= 255 ? 255 : t | 0]!;
    }
  }
}

/** Colour index of the gate under a world point, or −1 (for tests and the colour-bar highlight). */
export function colourIndexAt(p: PreparedField, point: WorldPoint): number {
  const index = gateIndexAt(p, point);
  return index < 0 ? -1 : colourIndex(p.field.data[index]!, p.field.scale);
}
