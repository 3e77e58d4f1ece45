/**
 * The two drawing back-ends of a sweep view behind one interface: WebGL2 (the fast path: the field is a
 * float texture uploaded once, pan and zoom only change uniforms) and canvas 2D (the fallback where WebGL2
 * is absent, and for fields the shader cannot take: non-uniform gate spacing or textures beyond the GPU's
 * size limit). `createSweepRenderer` picks one; both draw the same gates for the same pixels.
 */
import { colourLut } from './colour-tables';
import { rasterize } from './rasterize';
import { prepareField, type RasterField } from './raster-field';
import type { DeviceMapping } from './view-transform';
import { WebGlSweepRenderer } from './webgl-renderer';

export type RendererKind = 'webgl' | 'canvas';

export interface SweepRenderer {
  readonly kind: RendererKind;
  /** draw `field` (or clear, for null) on the whole canvas at `mapping`; the canvas is sized by the caller */
  draw(field: RasterField | null, mapping: DeviceMapping): void;
  /** true when this renderer can draw the field (else the caller falls back to canvas) */
  accepts(field: RasterField): boolean;
  dispose(): void;
}

/** Canvas-2D renderer: rasterize() into an ImageData, then putImageData. */
export class CanvasSweepRenderer implements SweepRenderer {
  readonly kind = 'canvas' as const;
  private readonly ctx: CanvasRenderingContext2D;
  private image: ImageData | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser offers neither WebGL2 nor a 2D canvas');
    this.ctx = ctx;
  }

  accepts(): boolean {
    return true;
  }

  draw(field: RasterField | null, mapping: DeviceMapping): void {
    const { width, height } = this.canvas;
    if (!field) {
      this.ctx.clearRect(0, 0, width, height);
      return;
    }
    if (!this.image || this.image.width !== width || this.image.height !== height) {
      this.image = this.ctx.createImageData(width, height);
    }
    rasterize(prepareField(field), colourLut(field.scale.table), mapping, {
      width,
      height,
      pixels: this.image.data,
    });
    this.ctx.putImageData(this.image, 0, 0);
  }

  dispose(): void {
    this.image = null;
  }
}

/**
 * WebGL2 when available and wanted, else canvas 2D. A canvas has one context type for life, so a view that
 * must fall back for one field re-creates its canvas (see SweepCanvas.vue).
 */
export function createSweepRenderer(canvas: HTMLCanvasElement, preferred: RendererKind | 'auto'): SweepRenderer {
  if (preferred !== 'canvas') {
    const gl = WebGlSweepRenderer.create(canvas);
    if (gl) return gl;
  }
  return new CanvasSweepRenderer(canvas);
}
