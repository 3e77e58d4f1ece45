/**
 * Range rings, azimuth spokes (PPI) and the ground-range / height grid (RHI) with kilometre labels, planned
 * as screen-space primitives by pure functions (testable) and drawn on the overlay canvas of a sweep view.
 */
import { niceStep } from './colour-scale';
import { toScreen, visibleBounds, type ViewTransform } from './view-transform';

export interface OverlayPlan {
  /** screen px */
  circles: { cx: number; cy: number; r: number }[];
  lines: { x1: number; y1: number; x2: number; y2: number }[];
  labels: { x: number; y: number; text: string; align: 'left' | 'center' | 'right' }[];
}

const km = (v: number): string => `${Number(v.toPrecision(6))} km`;

/** Rings every nice step (about five from the centre to the shorter side's edge), spokes every 30°, labels towards the view centre. */
export function ppiOverlay(t: ViewTransform, w: number, h: number, maxRangeKm: number): OverlayPlan {
  const plan: OverlayPlan = { circles: [], lines: [], labels: [] };
  const centre = toScreen(t, { x: 0, y: 0 }, w, h);
  const step = niceStep(Math.min(w, h) / t.scale / 2, 5);
  // direction from the radar towards the view centre, for ring labels (north-east when centred)
  let dx = t.cx;
  let dy = t.cy;
  const len = Math.hypot(dx, dy);
  if (len < step / 2) [dx, dy] = [Math.SQRT1_2, Math.SQRT1_2];
  else [dx, dy] = [dx / len, dy / len];
  const b = visibleBounds(t, w, h);
  const nearest = Math.hypot(Math.max(b.xMin, 0, -b.xMax), Math.max(b.yMin, 0, -b.yMax));
  const farthest = Math.hypot(Math.max(-b.xMin, b.xMax), Math.max(-b.yMin, b.yMax));
  const count = Math.min(200, Math.floor(maxRangeKm / step));
  for (let k = 1; k <= count; k++) {
    const r = k * step;
    if (r < nearest || r > farthest) continue;
    plan.circles.push({ cx: centre.px, cy: centre.py, r: r * t.scale });
    const at = toScreen(t, { x: r * dx, y: r * dy }, w, h);
    plan.labels.push({ x: at.px + 3, y: at.py - 3, text: km(r), align: 'left' });
  }
  const outer = Math.min(maxRangeKm, farthest);
  for (let az = 0; az < 360; az += 30) {
    const a = (az * Math.PI) / 180;
    const end = toScreen(t, { x: outer * Math.sin(a), y: outer * Math.cos(a) }, w, h);
    plan.lines.push({ x1: centre.px, y1: centre.py, x2: end.px, y2: end.py });
    if (outer === maxRangeKm) {
      plan.labels.push({ x: end.px, y: end.py, text: `${az}°`, align: 'center' });
    }
  }
  return plan;
}

/** Vertical lines every nice ground-range step, horizontal lines every nice height step, axis labels in km. */
export function rhiOverlay(t: ViewTransform, w: number, h: number): OverlayPlan {
  const plan: OverlayPlan = { circles: [], lines: [], labels: [] };
  const b = visibleBounds(t, w, h);
  const xStep = niceStep(b.xMax - b.xMin, 6);
  for (let x = Math.ceil(b.xMin / xStep) * xStep; x <= b.xMax; x += xStep) {
    const { px } = toScreen(t, { x, y: 0 }, w, h);
    plan.lines.push({ x1: px, y1: 0, x2: px, y2: h });
    plan.labels.push({ x: px, y: h - 4, text: km(x), align: 'center' });
  }
  const yStep = niceStep(b.yMax - b.yMin, 5);
  for (let y = Math.ceil(b.yMin / yStep) * yStep; y <= b.yMax; y += yStep) {
    const { py } = toScreen(t, { x: 0, y }, w, h);
    plan.lines.push({ x1: 0, y1: py, x2: w, y2: py });
    plan.labels.push({ x: 4, y: py - 3, text: km(y), align: 'left' });
  }
  return plan;
}

export interface OverlayStyle {
  line: string;
  label: string;
  halo: string;
  cursor: string;
}

export const OVERLAY_STYLE: OverlayStyle = {
  line: 'rgba(220, 225, 235, 0.28)',
  label: 'rgba(230, 235, 245, 0.9)',
  halo: 'rgba(10, 12, 16, 0.75)',
  cursor: 'rgba(255, 255, 255, 0.95)',
};

/** Draw a plan (and the linked cursor, screen px) on a 2D context already scaled to CSS pixels. */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  plan: OverlayPlan,
  cursor: { px: number; py: number } | null,
  style: OverlayStyle = OVERLAY_STYLE,
): void {
  ctx.lineWidth = 1;
  ctx.strokeStyle = style.line;
  ctx.beginPath();
  for (const c of plan.circles) {
    ctx.moveTo(c.cx + c.r, c.cy);
    ctx.arc(c.cx, c.cy, c.r, 0, 2 * Math.PI);
  }
  for (const l of plan.lines) {
    ctx.moveTo(l.x1, l.y1);
    ctx.lineTo(l.x2, l.y2);
  }
  ctx.stroke();
  // labels with a dark halo, readable over any colour of the field
  ctx.font = '11px system-ui, sans-serif';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  ctx.strokeStyle = style.halo;
  ctx.fillStyle = style.label;
  for (const l of plan.labels) {
    ctx.textAlign = l.align;
    ctx.strokeText(l.text, l.x, l.y);
    ctx.fillText(l.text, l.x, l.y);
  }
  ctx.lineWidth = 1;
  if (cursor) {
    ctx.strokeStyle = style.cursor;
    ctx.beginPath();
    ctx.moveTo(cursor.px - 8, cursor.py);
    ctx.lineTo(cursor.px + 8, cursor.py);
    ctx.moveTo(cursor.px, cursor.py - 8);
    ctx.lineTo(cursor.px, cursor.py + 8);
    ctx.stroke();
  }
}
