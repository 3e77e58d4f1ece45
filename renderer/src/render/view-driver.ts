/**
 * Drives the canvases of one sweep view: sizes them to the panel (device pixels), keeps the renderer
 * (WebGL2, or canvas 2D where WebGL2 is absent or cannot take the field; the two field canvases are
 * stacked and the unused one is cleared to transparent), and redraws at most once per
 * animation frame — the field layer only when the field, zoom, pan or size changed, the overlay (rings,
 * spokes, labels, linked cursor) on every change. Records the time of the last field draw; with
 * `measure` on, it waits for the GPU (one-pixel readPixels) so the figure is the real cost.
 */
import { groundRange, beamHeight } from './geometry';
import { drawOverlay, ppiOverlay, rhiOverlay } from './overlay';
import { prepareField, type RasterField } from './raster-field';
import { CanvasSweepRenderer, createSweepRenderer, type RendererKind, type SweepRenderer } from './sweep-renderer';
import { deviceMapping, fitPpi, fitRhi, toScreen, type ViewTransform, type WorldPoint } from './view-transform';

export interface ViewState {
  field: RasterField | null;
  /** null = fit the field to the panel */
  transform: ViewTransform | null;
  cursor: WorldPoint | null;
  showOverlay: boolean;
}

export interface DrawStats {
  renderer: RendererKind | null;
  /** the 2D fallback canvas holds the field (the WebGL canvas is then empty) */
  fallback: boolean;
  /** ms of the last field draw */
  lastDrawMs: number;
  draws: number;
}

/** Field-layer resolution while panning and zooming, and the pause after which full resolution returns. */
export const INTERACTIVE_SCALE = 0.5;
const MIN_MOTION_SCALE = 0.25;
const SETTLE_MS = 150;

/** Highest height (km) an RHI fit shows: beams at 70° reach 100 km, the weather is in the lowest 20. */
const RHI_MAX_HEIGHT_KM = 20;

/** The transform that fits a field into a w × h panel. */
export function fitField(field: RasterField | null, w: number, h: number): ViewTransform {
  if (!field) return fitPpi(100, w, h);
  const p = prepareField(field);
  const maxKm = p.maxRange / 1000;
  if (field.geometry === 'ppi') return fitPpi(maxKm, w, h);
  let maxElevation = 0;
  for (const e of field.elevation) if (Number.isFinite(e) && e > maxElevation && e <= 90) maxElevation = e;
  const ground = groundRange(p.maxRange, 0) / 1000;
  const height = Math.min(RHI_MAX_HEIGHT_KM, beamHeight(p.maxRange, maxElevation) / 1000);
  return fitRhi(ground, Math.max(1, height), w, h);
}

export class ViewDriver {
  private renderer: SweepRenderer | null = null;
  private fallback: CanvasSweepRenderer | null = null;
  private frame = 0;
  private fieldDirty = true;
  private state: ViewState = { field: null, transform: null, cursor: null, showOverlay: true };
  private cssWidth = 1;
  private cssHeight = 1;
  private dpr = 1;
  readonly stats: DrawStats = { renderer: null, fallback: false, lastDrawMs: 0, draws: 0 };
  /** called after each draw (the component mirrors the stats onto its element) */
  onDrawn: () => void = () => undefined;
  /** resolution of the field layer: 1 at rest, `interactiveScale` while the view is being panned or zoomed */
  private fieldScale = 1;
  private settle: ReturnType<typeof setTimeout> | undefined;
  /** resolution used while interacting; adapts to the frame rate this machine achieves */
  private motionScale: number;
  /** time of the previous draw made while interacting, and recent intervals between such draws (ms) */
  private lastMotionDraw = 0;
  private motionIntervals: number[] = [];

  constructor(
    private readonly glCanvas: HTMLCanvasElement,
    private readonly canvas2d: HTMLCanvasElement,
    private readonly overlay: HTMLCanvasElement,
    private readonly preference: RendererKind | 'auto',
    private readonly measure = false,
    /** field-layer resolution during pan/zoom (1 = always full); full resolution returns when it stops */
    private readonly interactiveScale = INTERACTIVE_SCALE,
  ) {
    this.motionScale = interactiveScale;
  }

  /** Current transform (the fit when none is set). */
  transform(): ViewTransform {
    return this.state.transform ?? fitField(this.state.field, this.cssWidth, this.cssHeight);
  }

  fitted(): ViewTransform {
    return fitField(this.state.field, this.cssWidth, this.cssHeight);
  }

  size(): { w: number; h: number } {
    return { w: this.cssWidth, h: this.cssHeight };
  }

  resize(cssWidth: number, cssHeight: number, dpr: number): void {
    this.cssWidth = Math.max(1, cssWidth);
    this.cssHeight = Math.max(1, cssHeight);
    this.dpr = dpr > 0 ? dpr : 1;
    this.sizeCanvases();
    this.fieldDirty = true;
    this.schedule();
  }

  private sizeCanvases(): void {
    const size = (c: HTMLCanvasElement, scale: number): void => {
      const w = Math.max(1, Math.round(this.cssWidth * this.dpr * scale));
      const h = Math.max(1, Math.round(this.cssHeight * this.dpr * scale));
      if (c.width !== w) c.width = w;
      if (c.height !== h) c.height = h;
    };
    size(this.glCanvas, this.fieldScale);
    size(this.canvas2d, this.fieldScale);
    size(this.overlay, 1);
  }

  update(next: ViewState): void {
    const s = this.state;
    if (next.field !== s.field) this.fieldDirty = true;
    else if (next.transform !== s.transform) {
      this.fieldDirty = true;
      this.interacting();
    }
    this.state = next;
    this.schedule();
  }

  /**
   * Pan and zoom redraw the field layer at reduced resolution (a quarter of the pixels at 0.5), which
   * keeps software GL near 30 frames/s; 150 ms after the last change it is drawn at full resolution.
   */
  private interacting(): void {
    if (this.interactiveScale >= 1) return;
    if (this.fieldScale !== this.motionScale) {
      this.fieldScale = this.motionScale;
      this.sizeCanvases();
    }
    clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.fieldScale = 1;
      this.lastMotionDraw = 0;
      this.sizeCanvases();
      this.fieldDirty = true;
      this.schedule();
    }, SETTLE_MS);
  }

  /**
   * Adapt the motion resolution to the frame rate reached: slower than 30 redraws/s over the last
   * three → fewer pixels (down to MIN_MOTION_SCALE); faster than 50/s → more (up to the configured scale).
   */
  private adaptMotion(now: number): void {
    if (this.lastMotionDraw > 0) {
      this.motionIntervals = [...this.motionIntervals.slice(-2), now - this.lastMotionDraw];
      const mean = this.motionIntervals.reduce((a, b) => a + b, 0) / this.motionIntervals.length;
      let next = this.motionScale;
      if (this.motionIntervals.length === 3 && mean > 33) next = Math.max(MIN_MOTION_SCALE, this.motionScale * 0.8);
      else if (this.motionIntervals.length === 3 && mean < 20)
        next = Math.min(this.interactiveScale, this.motionScale * 1.25);
      if (next !== this.motionScale) {
        this.motionScale = next;
        this.motionIntervals = [];
        this.fieldScale = next;
        this.sizeCanvases();
      }
    }
    this.lastMotionDraw = now;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draw now (tests and the benchmark call this directly). Returns ms spent on the field layer. */
  draw(): number {
    let ms = 0;
    if (this.fieldDirty) {
      ms = this.drawField();
      this.fieldDirty = false;
    }
    this.drawOverlay();
    this.onDrawn();
    return ms;
  }

  private pick(field: RasterField | null): SweepRenderer {
    this.renderer ??= createSweepRenderer(this.glCanvas, this.preference);
    if (!field || this.renderer.accepts(field)) return this.renderer;
    this.fallback ??= new CanvasSweepRenderer(this.canvas2d);
    return this.fallback;
  }

  /**
   * Benchmark: draw the current field `n` times at the current view, each waited for; returns the ms of
   * each draw. Used only through the measure hook (see SweepCanvas.vue).
   */
  timeRedraws(n: number): number[] {
    clearTimeout(this.settle);
    if (this.fieldScale !== 1) {
      this.fieldScale = 1;
      this.sizeCanvases();
    }
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      this.fieldDirty = true;
      const started = performance.now();
      this.drawField(true);
      times.push(performance.now() - started);
    }
    return times;
  }

  private drawField(sync = this.measure): number {
    const { field } = this.state;
    const started = performance.now();
    if (this.fieldScale < 1) this.adaptMotion(started);
    const renderer = this.pick(field);
    // device pixels per CSS pixel of the field layer (its backing store may be reduced while interacting)
    const ratio = this.glCanvas.width / this.cssWidth;
    const mapping = deviceMapping(this.transform(), this.cssWidth, this.cssHeight, ratio);
    renderer.draw(field, mapping);
    const other = renderer === this.renderer ? this.fallback : this.renderer;
    if (other && other !== renderer) other.draw(null, mapping);
    if (sync && renderer.kind === 'webgl') {
      const gl = this.glCanvas.getContext('webgl2');
      gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    }
    const ms = performance.now() - started;
    this.stats.renderer = renderer.kind;
    this.stats.fallback = renderer === this.fallback;
    this.stats.lastDrawMs = ms;
    this.stats.draws++;
    return ms;
  }

  private drawOverlay(): void {
    const ctx = this.overlay.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    const { field, cursor, showOverlay } = this.state;
    if (!field) return;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const t = this.transform();
    const w = this.cssWidth;
    const h = this.cssHeight;
    const plan = !showOverlay
      ? { circles: [], lines: [], labels: [] }
      : field.geometry === 'ppi'
        ? ppiOverlay(t, w, h, prepareField(field).maxRange / 1000)
        : rhiOverlay(t, w, h);
    drawOverlay(ctx, plan, cursor ? toScreen(t, cursor, w, h) : null);
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    clearTimeout(this.settle);
    this.renderer?.dispose();
    this.fallback?.dispose();
  }
}
