/**
 * WebGL2 sweep renderer: one full-screen triangle; the field as an R32F texture (rays × gates), the
 * angle table as an R32F texture and the colour table as a 256 × 1 RGBA texture; polar → cartesian per
 * fragment (shaders.ts). A field is uploaded once (≈ 5 MiB for 720 × 1832); pan and zoom redraw with new
 * uniforms only. Under `--disable-gpu` Chromium runs this on SwiftShader (software GL).
 */
import { colourLut, LUT_SIZE } from './colour-tables';
import { EFFECTIVE_RADIUS_M } from './geometry';
import { prepareField, type PreparedField, type RasterField } from './raster-field';
import { FRAGMENT_SHADER, MISSING_SENTINEL, VERTEX_SHADER } from './shaders';
import type { SweepRenderer } from './sweep-renderer';
import type { DeviceMapping } from './view-transform';

const UNIFORMS = [
  'uData',
  'uAngles',
  'uLut',
  'uOrigin',
  'uKmPerPx',
  'uHeightPx',
  'uMode',
  'uCone',
  'uRe',
  'uGate0',
  'uGateStep',
  'uMaxRange',
  'uGates',
  'uBins',
  'uMin',
  'uMax',
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

/** Copy of the data with NaN replaced by the sentinel the shader tests for. */
export function withSentinel(data: Float32Array): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    out[i] = v === v ? v : MISSING_SENTINEL;
  }
  return out;
}

export class WebGlSweepRenderer implements SweepRenderer {
  readonly kind = 'webgl' as const;
  private readonly uniforms: Record<UniformName, WebGLUniformLocation | null>;
  private readonly dataTexture: WebGLTexture;
  private readonly angleTexture: WebGLTexture;
  private readonly lutTexture: WebGLTexture;
  private uploaded: RasterField | null = null;
  private lutTable: string | null = null;
  private readonly maxTexture: number;

  private constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly program: WebGLProgram,
  ) {
    this.uniforms = Object.fromEntries(UNIFORMS.map((n) => [n, gl.getUniformLocation(program, n)])) as Record<
      UniformName,
      WebGLUniformLocation | null
    >;
    this.maxTexture = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    this.dataTexture = this.texture(0);
    this.angleTexture = this.texture(1);
    this.lutTexture = this.texture(2);
  }

  /** A renderer on `canvas`, or null when WebGL2 is not available there. */
  static create(canvas: HTMLCanvasElement): WebGlSweepRenderer | null {
    const gl = canvas.getContext('webgl2', {
      antialias: false,
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
    // one triangle covering the viewport
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW);
    const position = gl.getAttribLocation(program, 'aPosition');
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0);
    return new WebGlSweepRenderer(gl, program);
  }

  private texture(unit: number): WebGLTexture {
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

  private upload(p: PreparedField): void {
    const { gl } = this;
    const { field } = p;
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.dataTexture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, field.gates, field.rays, 0, gl.RED, gl.FLOAT, withSentinel(field.data));
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.angleTexture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, p.angleTable.length, 1, 0, gl.RED, gl.FLOAT, p.angleTable);
    this.uploaded = field;
  }

  private uploadLut(table: RasterField['scale']['table']): void {
    const { gl } = this;
    gl.activeTexture(gl.TEXTURE2);
    gl.bindTexture(gl.TEXTURE_2D, this.lutTexture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, LUT_SIZE, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, colourLut(table));
    this.lutTable = table;
  }

  draw(field: RasterField | null, mapping: DeviceMapping): void {
    const { gl } = this;
    const { width, height } = gl.canvas as HTMLCanvasElement;
    gl.viewport(0, 0, width, height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (!field) return;
    const p = prepareField(field);
    if (this.uploaded !== field) this.upload(p);
    if (this.lutTable !== field.scale.table) this.uploadLut(field.scale.table);
    const u = this.uniforms;
    gl.useProgram(this.program);
    gl.uniform1i(u.uData, 0);
    gl.uniform1i(u.uAngles, 1);
    gl.uniform1i(u.uLut, 2);
    gl.uniform2f(u.uOrigin, mapping.originX, mapping.originY);
    gl.uniform2f(u.uKmPerPx, mapping.kmPerPxX, mapping.kmPerPxY);
    gl.uniform1f(u.uHeightPx, height);
    gl.uniform1i(u.uMode, field.geometry === 'ppi' ? 0 : 1);
    gl.uniform1f(u.uCone, (p.coneElevation * Math.PI) / 180);
    gl.uniform1f(u.uRe, EFFECTIVE_RADIUS_M);
    gl.uniform1f(u.uGate0, p.spacing.firstEdge);
    gl.uniform1f(u.uGateStep, p.spacing.step);
    gl.uniform1f(u.uMaxRange, p.maxRange);
    gl.uniform1i(u.uGates, field.gates);
    gl.uniform1i(u.uBins, p.angleTable.length);
    gl.uniform1f(u.uMin, field.scale.min);
    gl.uniform1f(u.uMax, field.scale.max);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  dispose(): void {
    const { gl } = this;
    gl.deleteTexture(this.dataTexture);
    gl.deleteTexture(this.angleTexture);
    gl.deleteTexture(this.lutTexture);
    gl.deleteProgram(this.program);
    this.uploaded = null;
  }
}
