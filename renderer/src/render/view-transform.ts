/**
 * Zoom and pan of the sweep views as a plain value, shared by linked panels (same centre and scale in
 * world coordinates, whatever each panel's pixel size). World coordinates are kilometres: x east and
 * y north for a PPI; x ground range and y height above the radar for an RHI (drawn with a vertical
 * exaggeration so that a 15 km high, 60 km long section fills the panel). Screen coordinates are CSS
 * pixels from the top-left corner of the panel.
 */

export interface ViewTransform {
  /** km: world point at the panel centre */
  cx: number;
  cy: number;
  /** CSS pixels per km, horizontally */
  scale: number;
  /** vertical pixels per km = scale × exaggeration (1 for PPI) */
  exaggeration: number;
}

export interface WorldPoint {
  /** km east (PPI) or ground range (RHI) */
  x: number;
  /** km north (PPI) or height above the radar (RHI) */
  y: number;
}

export const MIN_SCALE = 1e-3;
export const MAX_SCALE = 1e4;

const clampScale = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** PPI: the whole circle of `maxRangeKm` in a panel of w × h CSS pixels. */
export function fitPpi(maxRangeKm: number, w: number, h: number): ViewTransform {
  const r = maxRangeKm > 0 ? maxRangeKm : 100;
  return { cx: 0, cy: 0, scale: clampScale(Math.min(w, h) / (2.04 * r)), exaggeration: 1 };
}

/** RHI: ground range 0 … maxGroundKm and height 0 … maxHeightKm, exaggerated vertically up to 8×. */
export function fitRhi(maxGroundKm: number, maxHeightKm: number, w: number, h: number): ViewTransform {
  const g = maxGroundKm > 0 ? maxGroundKm : 50;
  const z = maxHeightKm > 0 ? maxHeightKm : 15;
  const sx = (0.94 * w) / g;
  const sy = (0.88 * h) / z;
  const scale = clampScale(Math.min(sx, sy * 8));
  const exaggeration = Math.max(1, Math.min(8, sy / scale));
  return { cx: (0.47 * w) / scale, cy: (0.45 * h) / (scale * exaggeration), scale, exaggeration };
}

export function toWorld(t: ViewTransform, px: number, py: number, w: number, h: number): WorldPoint {
  return { x: t.cx + (px - w / 2) / t.scale, y: t.cy - (py - h / 2) / (t.scale * t.exaggeration) };
}

export function toScreen(t: ViewTransform, p: WorldPoint, w: number, h: number): { px: number; py: number } {
  return { px: w / 2 + (p.x - t.cx) * t.scale, py: h / 2 - (p.y - t.cy) * t.scale * t.exaggeration };
}

/** Zoom by `factor` keeping the world point under (px, py) in place. */
export function zoomAt(t: ViewTransform, factor: number, px: number, py: number, w: number, h: number): ViewTransform {
  const anchor = toWorld(t, px, py, w, h);
  const scale = clampScale(t.scale * factor);
  return {
    cx: anchor.x - (px - w / 2) / scale,
    cy: anchor.y + (py - h / 2) / (scale * t.exaggeration),
    scale,
    exaggeration: t.exaggeration,
  };
}

/** Move the content by (dx, dy) CSS pixels (drag direction). */
export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
  return { ...t, cx: t.cx - dx / t.scale, cy: t.cy + dy / (t.scale * t.exaggeration) };
}

export interface WorldBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export function visibleBounds(t: ViewTransform, w: number, h: number): WorldBounds {
  const a = toWorld(t, 0, h, w, h);
  const b = toWorld(t, w, 0, w, h);
  return { xMin: a.x, xMax: b.x, yMin: a.y, yMax: b.y };
}

/**
 * Mapping of device pixels to world km for the rasterisers: the centre of device pixel (i, j) is at
 * x = originX + (i + 0.5) · kmPerPxX, y = originY − (j + 0.5) · kmPerPxY (j counted from the top).
 */
export interface DeviceMapping {
  originX: number;
  originY: number;
  kmPerPxX: number;
  kmPerPxY: number;
}

export function deviceMapping(t: ViewTransform, w: number, h: number, devicePixelRatio: number): DeviceMapping {
  return {
    originX: t.cx - w / 2 / t.scale,
    originY: t.cy + h / 2 / (t.scale * t.exaggeration),
    kmPerPxX: 1 / (t.scale * devicePixelRatio),
    kmPerPxY: 1 / (t.scale * t.exaggeration * devicePixelRatio),
  };
}
