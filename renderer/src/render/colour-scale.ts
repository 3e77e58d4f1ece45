/**
 * Colour scales: which table and which value range a field is drawn with, and the value → table index
 * mapping shared by the canvas rasteriser, the WebGL shader (same formula) and the colour bar.
 *
 * Velocity is scaled to ±Nyquist (m/s); dealiased velocity to ±(1 + largest |fold|) × Nyquist so that the
 * unfolded extremes stay on the table; fold numbers use a seven-class table over −3.5 … +3.5 so that each
 * integer fold is one class. Other moments take the registry's display range.
 */
import { momentInfo, type ColourTable, type MomentName } from '../../../common/moments';
import { LUT_SIZE } from './colour-tables';

export interface ColourScale {
  table: ColourTable;
  /** value at the low end of the table, in `unitsLabel` */
  min: number;
  /** value at the high end of the table, in `unitsLabel` */
  max: number;
  unitsLabel: string;
}

/** Fold numbers: one class per integer −3 … +3. */
export const FOLD_SCALE: ColourScale = { table: 'fold', min: -3.5, max: 3.5, unitsLabel: 'folds' };

/** Diverging velocity scale ±limit m/s. */
export function velocityScale(limit: number): ColourScale {
  const l = Number.isFinite(limit) && limit > 0 ? limit : 30;
  return { table: 'velocity', min: -l, max: l, unitsLabel: 'm/s' };
}

/** The scale of a moment as read from the file; velocity is scaled to ±Nyquist when the Nyquist is known. */
export function scaleForMoment(moment: MomentName, nyquist: number | null): ColourScale {
  const info = momentInfo(moment);
  if (info.colourTable === 'fold') return FOLD_SCALE;
  if (info.colourTable === 'velocity') {
    if (info.isVelocity && nyquist !== null && nyquist > 0) return velocityScale(nyquist);
    return velocityScale(Math.max(Math.abs(info.displayRange[0]), Math.abs(info.displayRange[1])));
  }
  return { table: info.colourTable, min: info.displayRange[0], max: info.displayRange[1], unitsLabel: info.unitsLabel };
}

/** Largest |fold| in a fold array (0 when it holds none). */
export function maxAbsFold(folds: Int8Array): number {
  let m = 0;
  for (let i = 0; i < folds.length; i++) {
    const f = folds[i]!;
    const a = f < 0 ? -f : f;
    if (a > m) m = a;
  }
  return m;
}

/** Scale of dealiased velocity: ±(1 + max |fold|) × Nyquist, at most ±4 × Nyquist. */
export function correctedVelocityScale(nyquist: number, maxFold: number): ColourScale {
  return velocityScale(nyquist * Math.min(4, 1 + Math.max(0, maxFold)));
}

/**
 * Nudge added to the class position before truncation: values that fall exactly on a class boundary in
 * exact arithmetic (0 m/s is the middle of a ±Nyquist table) land in the same class in float32 (WebGL)
 * and float64 (canvas). A 512th of a class is invisible.
 */
export const CLASS_NUDGE = 1 / 512;

/**
 * Table index of a value: floor((v − min) × (256 / (max − min)) + CLASS_NUDGE), clamped to 0 … 255;
 * −1 for NaN (missing). The canvas rasteriser and the WebGL fragment shader use this same expression.
 */
export function colourIndex(value: number, scale: ColourScale): number {
  if (Number.isNaN(value)) return -1;
  const t = (value - scale.min) * (LUT_SIZE / (scale.max - scale.min)) + CLASS_NUDGE;
  return t <= 0 ? 0 : t >= LUT_SIZE - 1 ? LUT_SIZE - 1 : Math.floor(t);
}

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) close to span / count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Tick values for a colour bar: integers for the fold scale, else nice steps within [min, max]. */
export function scaleTicks(scale: ColourScale, count = 6): number[] {
  if (scale.table === 'fold') {
    const ticks: number[] = [];
    for (let k = Math.ceil(scale.min); k <= Math.floor(scale.max); k++) ticks.push(k);
    return ticks;
  }
  const step = niceStep(scale.max - scale.min, count);
  const ticks: number[] = [];
  const eps = step * 1e-6;
  for (let v = Math.ceil((scale.min - eps) / step) * step; v <= scale.max + eps; v += step) {
    ticks.push(Math.abs(v) < eps ? 0 : Number(v.toPrecision(12)));
  }
  return ticks;
}

/** Position 0 … 1 of a value along the scale (for placing colour-bar ticks). */
export function scalePosition(value: number, scale: ColourScale): number {
  return (value - scale.min) / (scale.max - scale.min);
}
