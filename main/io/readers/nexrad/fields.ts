/**
 * Decodes one moment of one sweep from the packed radials into a contiguous Float32Array
 * [ray][gate] (NaN for below-threshold raw 0 and range-folded raw 1), and the sweep's per-ray
 * geometry. Each moment keeps its own gate count and range axis: in a msg31 surveillance cut REF has
 * 1832 gates while ZDR/PHI/RHO have 1192; rays with fewer gates than the sweep's widest are NaN-padded.
 * The gate loop runs in the unfold_io addon when it loads (several times faster than the TypeScript
 * loop, which stays as the fallback and gives identical values).
 */
import type { Packing, SweepField, SweepGeometry } from '../../../../common/volume';
import { momentFromSourceName, momentInfo } from '../../../../common/moments';
import type { NativeIo } from '../../../../native/io';
import { nativeIo } from '../../compress/native-io';
import type { MomentRef, Radial } from './radial';
import type { SweepRays } from './sweeps';

/** Raw values with a meaning of their own in every NEXRAD moment. */
const RAW_BELOW_THRESHOLD = 0;
const RAW_RANGE_FOLDED = 1;

/** Source names of the moments present in a sweep, in order of first appearance. */
export function sweepMomentNames(sweep: SweepRays): string[] {
  const names = new Set<string>();
  for (const ray of sweep.rays) for (const m of ray.moments) names.add(m.name);
  return [...names];
}

const findMoment = (ray: Radial, name: string): MomentRef | undefined => ray.moments.find((m) => m.name === name);

/**
 * Lookup table raw -> physical for one packing (256 entries for 8-bit moments, 65536 for 16-bit), NaN
 * for the two flag values. A table lookup per gate is several times cheaper than a division, and gives
 * the identical float32 value.
 */
function packingTable(m: MomentRef): Float32Array {
  const table = new Float32Array(1 << m.wordSize);
  for (let raw = 0; raw < table.length; raw++) {
    table[raw] = raw <= RAW_RANGE_FOLDED ? NaN : (raw - m.addOffset) / m.scale;
  }
  return table;
}

/** Unpack one ray's gates into out[at..at+gates), NaN-filling up to `width` (the sweep's widest ray). */
function decodeRay(
  chunk: Uint8Array,
  m: MomentRef,
  out: Float32Array,
  at: number,
  width: number,
  table: Float32Array,
): void {
  const n = m.gates;
  const src = chunk.subarray(m.dataOffset, m.dataOffset + (n * m.wordSize) / 8);
  if (m.wordSize === 8) {
    for (let g = 0; g < n; g++) out[at + g] = table[src[g]!]!;
  } else {
    for (let g = 0; g < n; g++) out[at + g] = table[(src[2 * g]! << 8) | src[2 * g + 1]!]!; // big-endian
  }
  if (n < width) out.fill(NaN, at + n, at + width);
}

/** Rays [start, end) of a sweep that share one packing, so one lookup table serves them all. */
interface PackingRun {
  start: number;
  end: number;
  ref: MomentRef;
}

const samePacking = (a: MomentRef, b: MomentRef): boolean =>
  a.wordSize === b.wordSize && a.scale === b.scale && a.addOffset === b.addOffset;

function packingRuns(moments: (MomentRef | undefined)[], first: MomentRef): PackingRun[] {
  const runs: PackingRun[] = [{ start: 0, end: 0, ref: first }];
  moments.forEach((m, i) => {
    const run = runs[runs.length - 1]!;
    if (m && !samePacking(m, run.ref)) runs.push({ start: i, end: i + 1, ref: m });
    else run.end = i + 1;
  });
  return runs;
}

/** Ray without the moment in the native layout: a NaN row. */
const NO_MOMENT = 0xffffffff;

/** The native unpacker (unfold_io addon): one call per packing run, bounds checked by the addon. */
function unpackNative(
  io: NativeIo,
  chunks: Uint8Array[],
  sweep: SweepRays,
  moments: (MomentRef | undefined)[],
  run: PackingRun,
  data: Float32Array,
  gates: number,
): void {
  const layout = new Uint32Array(3 * (run.end - run.start));
  for (let i = run.start, k = 0; i < run.end; i++, k += 3) {
    const m = moments[i];
    layout[k] = m ? sweep.rays[i]!.chunk : NO_MOMENT;
    layout[k + 1] = m ? m.dataOffset : 0;
    layout[k + 2] = m ? m.gates : 0;
  }
  const out = data.subarray(run.start * gates, run.end * gates);
  io.unpackGates(chunks, layout, run.ref.wordSize, packingTable(run.ref), out, gates);
}

/** The same in TypeScript, when the addon is not there. */
function unpackTypeScript(
  chunks: Uint8Array[],
  sweep: SweepRays,
  moments: (MomentRef | undefined)[],
  run: PackingRun,
  data: Float32Array,
  gates: number,
): void {
  const table = packingTable(run.ref);
  for (let i = run.start; i < run.end; i++) {
    const m = moments[i];
    if (m) decodeRay(chunks[sweep.rays[i]!.chunk]!, m, data, i * gates, gates, table);
    else data.fill(NaN, i * gates, (i + 1) * gates);
  }
}

/**
 * Decode `sourceName` for every ray of the sweep; null when no ray carries it. `io` is the native
 * unpacker (default: the unfold_io addon when it loads; null forces the TypeScript loop).
 */
export function decodeField(
  chunks: Uint8Array[],
  sweep: SweepRays,
  sourceName: string,
  io: NativeIo | null = nativeIo(),
): SweepField | null {
  const moments = sweep.rays.map((ray) => findMoment(ray, sourceName));
  let layout: MomentRef | undefined;
  let gates = 0;
  for (const m of moments) {
    if (!m) continue;
    layout ??= m;
    gates = Math.max(gates, m.gates);
  }
  if (!layout) return null;
  const rays = sweep.rays.length;
  const data = new Float32Array(rays * gates); // every element is written below (gates or NaN)
  for (const run of packingRuns(moments, layout)) {
    if (io) unpackNative(io, chunks, sweep, moments, run, data, gates);
    else unpackTypeScript(chunks, sweep, moments, run, data, gates);
  }
  const range = new Float32Array(gates);
  for (let g = 0; g < gates; g++) range[g] = layout.firstGate + g * layout.gateSpacing;
  // stored as physical = raw * scale + offset, the model's convention
  const packing: Packing = {
    type: layout.wordSize === 8 ? 'u8' : 'u16',
    scale: 1 / layout.scale,
    offset: -layout.addOffset / layout.scale,
    fill: RAW_BELOW_THRESHOLD,
    rangeFolded: RAW_RANGE_FOLDED,
  };
  const moment = momentFromSourceName('nexrad', sourceName);
  return { moment, sourceName, rays, gates, range, data, packing, units: momentInfo(moment).units };
}

export function sweepGeometry(sweep: SweepRays): SweepGeometry {
  const n = sweep.rays.length;
  const geometry = {
    azimuth: new Float32Array(n),
    elevation: new Float32Array(n),
    time: new Float64Array(n),
    nyquistPerRay: new Float32Array(n),
    unambiguousRangePerRay: new Float32Array(n),
  };
  sweep.rays.forEach((ray, i) => {
    geometry.azimuth[i] = ray.azimuth;
    geometry.elevation[i] = ray.elevation;
    geometry.time[i] = ray.time;
    geometry.nyquistPerRay[i] = ray.nyquist;
    geometry.unambiguousRangePerRay[i] = ray.unambiguousRange;
  });
  return geometry;
}
