/**
 * WebGL2 sweep renderer: a field is uploaded once — its wedge geometry as a vertex buffer (sweep-geometry.ts)
 * and its values as an R32F texture, straight from the typed array, with the colour table as a 256 × 1
 * texture — and every redraw after a pan or zoom only sets two uniforms and draws the triangles (one per
 * PPI ray). Under `--disable-gpu` Chromium runs this on SwiftShader
 * (software GL), where per-pixel and per-triangle costs count: the fragment shader does a few
 * multiply-adds and one texture fetch.
 */
import { EFFECTIVE_RADIUS_M } from './geometry';
import { prepareField, type RasterField } from './raster-field';
import { FRAGMENT_SHADER, VERTEX_SHADER } from './shaders';
import { CLASS_NUDGE } from './colour-scale';
import { colourLut, LUT_SIZE } from './colour-tables';
import { buildSweepGeometry, FLOATS_PER_VERTEX } from './sweep-geometry';
import type { SweepRenderer } from './sweep-renderer';
import type { DeviceMapping } from './view-transform';

const UNIFORMS = [
  'uData',
  'uLut',
  'uMin',
  'uK',
  'uNudge',
  'uMode',
  'uRe',
  'uSinCone',
  'uCosCone',
  'uGate0',
  'uGateStep',
  'uGates',
  'uOrigin',
  'uKmPerPx',
  'uSizePx',
] as const;
type UniformName = (typeof UNIFORMS)[number];

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
    throw new Error(`sweep shader does not compile: ${gl.getShaderInfoLog(shader) ?? 'unknown error'}`);
  }
  return shader;
}

export class WebGlSweepRenderer implements SweepRenderer {
  readonly kind = 'webgl' as const;
  private readonly uniforms: Record<UniformName, WebGLUniformLocation | null>;
  private readonly dataTexture: WebGLTexture;
  private readonly lutTexture: WebGLTexture;
  private lutTable: string | null = null;
  private readonly buffer: WebGLBuffer;
  private readonly maxTexture: number;
  private uploaded: RasterField | null = null;
  private vertexCount = 0;

  private constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly program: WebGLProgram,
  ) {
    this.uniforms = Object.fromEntries(UNIFORMS.map((n) => [n, gl.getUniformLocation(program, n)])) as Record<
      UniformName,
      WebGLUniformLocation | null
    >;
    this.maxTexture = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    this.dataTexture = this.nearestTexture(0);
    this.lutTexture = this.nearestTexture(1);
    this.buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffer);
    const stride = FLOATS_PER_VERTEX * 4;
    const attribute = (name: string, size: number, offset: number): void => {
      const at = gl.getAttribLocation(program, name);
      gl.enableVertexAttribArray(at);
      gl.vertexAttribPointer(at, size, gl.FLOAT, false, stride, offset * 4);
    };
    attribute('aPosition', 2, 0);
    attribute('aRay', 1, 2);
  }

  /** A renderer on `canvas`, or null when WebGL2 is not available there. */
  static create(canvas: HTMLCanvasElement): WebGlSweepRenderer | null {
    const gl = canvas.getContext('webgl2', {
      antialias: false,
      depth: false,
      stencil: false,
      preserveDrawingBuffer: true,
      premultipliedAlpha: false,
    });
    if (!gl) return null;
    const program = gl.createProgram();
    gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX_SHADER));
    gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT_SHADER));
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      throw new Error(`sweep shader does not link: ${gl.getProgramInfoLog(program) ?? 'unknown error'}`);
    }
    gl.useProgram(program);
    return new WebGlSweepRenderer(gl, program);
  }

  private nearestTexture(unit: number): WebGLTexture {
    const { gl } = this;
    const texture = gl.createTexture();
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    return texture;
  }

  accepts(field: RasterField): boolean {
    const p = prepareField(field);
    return p.spacing.uniform && field.gates <= this.maxTexture && field.rays <= this.maxTexture;
  }

  private upload(field: RasterField): void {
    const { gl } = this;
    const p = prepareField(field);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.dataTexture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, field.gates, field.rays, 0, gl.RED, gl.FLOAT, field.data);
    const geometry = buildSweepGeometry(p);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffer);
    gl.bufferData(gl.ARRAY_BUFFER, geometry.vertices, gl.STATIC_DRAW);
    this.vertexCount = geometry.vertexCount;
    this.uploaded = field;
  }

  draw(field: RasterField | null, mapping: DeviceMapping): void {
    const { gl } = this;
    const { width, height } = gl.canvas as HTMLCanvasElement;
    gl.viewport(0, 0, width, height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (!field) return;
    if (this.uploaded !== field) this.upload(field);
    if (this.lutTable !== field.scale.table) {
      gl.activeTexture(gl.TEXTURE1);
      gl.bindTexture(gl.TEXTURE_2D, this.lutTexture);
      gl.texImage2D(
        gl.TEXTURE_2D,
        0,
        gl.RGBA8,
        LUT_SIZE,
        1,
        0,
        gl.RGBA,
        gl.UNSIGNED_BYTE,
        colourLut(field.scale.table),
      );
      this.lutTable = field.scale.table;
    }
    const p = prepareField(field);
    const u = this.uniforms;
    gl.useProgram(this.program);
    gl.uniform1i(u.uData, 0);
    gl.uniform1i(u.uLut, 1);
    gl.uniform1f(u.uMin, field.scale.min);
    gl.uniform1f(u.uK, LUT_SIZE / (field.scale.max - field.scale.min));
    gl.uniform1f(u.uNudge, CLASS_NUDGE);
    gl.uniform1i(u.uMode, field.geometry === 'ppi' ? 0 : 1);
    gl.uniform1f(u.uRe, EFFECTIVE_RADIUS_M);
    gl.uniform1f(u.uSinCone, Math.sin((p.coneElevation * Math.PI) / 180));
    gl.uniform1f(u.uCosCone, Math.cos((p.coneElevation * Math.PI) / 180));
    gl.uniform1f(u.uGate0, p.spacing.firstEdge);
    gl.uniform1f(u.uGateStep, p.spacing.step);
    gl.uniform1i(u.uGates, field.gates);
    gl.uniform2f(u.uOrigin, mapping.originX, mapping.originY);
    gl.uniform2f(u.uKmPerPx, mapping.kmPerPxX, mapping.kmPerPxY);
    gl.uniform2f(u.uSizePx, width, height);
    gl.drawArrays(gl.TRIANGLES, 0, this.vertexCount);
  }

  dispose(): void {
    const { gl } = this;
    gl.deleteTexture(this.dataTexture);
    gl.deleteTexture(this.lutTexture);
    gl.deleteBuffer(this.buffer);
    gl.deleteProgram(this.program);
    this.uploaded = null;
  }
}
