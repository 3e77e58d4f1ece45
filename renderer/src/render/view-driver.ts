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
  /** ms of the last field draw */
  lastDrawMs: number;
  draws: number;
}

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
  readonly stats: DrawStats = { renderer: null, lastDrawMs: 0, draws: 0 };
  /** called after each draw (the component mirrors the stats onto its element) */
  onDrawn: () => void = () => undefined;

  constructor(
    private readonly glCanvas: HTMLCanvasElement,
    private readonly canvas2d: HTMLCanvasElement,
    private readonly overlay: HTMLCanvasElement,
    private readonly preference: RendererKind | 'auto',
    private readonly measure = false,
  ) {}

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
    const w = Math.round(this.cssWidth * this.dpr);
    const h = Math.round(this.cssHeight * this.dpr);
    for (const c of [this.glCanvas, this.canvas2d, this.overlay]) {
      if (c.width !== w) c.width = w;
      if (c.height !== h) c.height = h;
    }
    this.fieldDirty = true;
    this.schedule();
  }

  update(next: ViewState): void {
    const s = this.state;
    if (next.field !== s.field || next.transform !== s.transform) this.fieldDirty = true;
    this.state = next;
    this.schedule();
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

  private drawField(): number {
    const { field } = this.state;
    const started = performance.now();
    const renderer = this.pick(field);
    const mapping = deviceMapping(this.transform(), this.cssWidth, this.cssHeight, this.dpr);
    renderer.draw(field, mapping);
    const other = renderer === this.renderer ? this.fallback : this.renderer;
    if (other && other !== renderer) other.draw(null, mapping);
    if (this.measure && renderer.kind === 'webgl') {
      const gl = this.glCanvas.getContext('webgl2');
      gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    }
    const ms = performance.now() - started;
    this.stats.renderer = renderer.kind;
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
    this.renderer?.dispose();
    this.fallback?.dispose();
  }
}
