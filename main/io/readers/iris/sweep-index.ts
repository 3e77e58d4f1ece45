/**
 * Walks the data records of an IRIS RAW file once, at open, and indexes its sweeps: the
 * ingest_data_headers of each sweep, where each ray of each data type starts in the stream, which rays
 * were recorded, and their angles and times. Gate data is decoded later, per sweep and moment, by
 * `sweep-decoder.ts`, from the positions stored here.
 *
 * Sweeps follow each other in record order: a sweep's first record carries one ingest_data_header per
 * data type, then its rays (all data types of ray 0, then of ray 1, ...) flow on through as many
 * records as needed; the next sweep starts in the next record. As in Py-ART, a sweep that is truncated
 * or corrupt ends the volume there, with a warning, and the complete sweeps before it are kept.
 */
import { ReaderError } from '../../reader-error';
import { DATA_TYPE_XHDR } from './data-types';
import { RAY_HEADER_WORDS, RecordCursor, readRay, type StreamPosition } from './ray-stream';
import {
  INGEST_DATA_HEADER_BYTES,
  RECORD_BYTES,
  RECORD_WORDS,
  STRUCT_INGEST_DATA_HEADER,
  bin2ToDegrees,
  readIngestDataHeader,
  signedDegrees,
  type IngestDataHeader,
  type IrisHeaders,
} from './structures';

/** More rays than this in one sweep is not a real IRIS sweep (0.1° resolution gives 3600). */
export const MAX_RAYS_PER_SWEEP = 10_000;
/** Gates in one decoded sweep field at most (128 MiB of float32): more means a corrupt header. */
export const MAX_GATES_PER_SWEEP = 2 ** 25;

export interface IrisSweepIndex {
  /** one per data type, in data-type-mask order */
  headers: IngestDataHeader[];
  /** rays the file reserves per data type (recorded or not) */
  raysExpected: number;
  /** per data type: stream position of each ray, in file order (recorded or not) */
  rayStarts: Float64Array[];
  /** file-order indices of the rays kept: those recorded for the first moment, as Py-ART keeps them */
  kept: Int32Array;
  /** degrees, per kept ray */
  azimuth: Float32Array;
  elevation: Float32Array;
  /** seconds since epoch, per kept ray */
  time: Float64Array;
}

interface WalkContext {
  view: DataView;
  /** the file's records as words */
  words: Uint16Array;
  recordCount: number;
  headers: IrisHeaders;
  path: string;
  /** data-type slot of the first moment (the first type that is not the extended header) */
  momentSlot: number;
  /** data-type slot of the extended header, or -1 */
  xhdrSlot: number;
}

/** Index every complete sweep; warnings collect what was skipped and why. */
export function indexSweeps(
  bytes: Uint8Array,
  words: Uint16Array,
  headers: IrisHeaders,
  path: string,
  warnings: string[],
): IrisSweepIndex[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordCount = Math.floor(bytes.byteLength / RECORD_BYTES);
  if (bytes.byteLength % RECORD_BYTES !== 0) warnings.push('the file ends with a partial record, which was ignored');
  const momentSlot = headers.dataTypes.findIndex((t) => t !== DATA_TYPE_XHDR);
  const ctx: WalkContext = {
    view,
    words,
    recordCount,
    headers,
    path,
    momentSlot,
    xhdrSlot: headers.dataTypes.indexOf(DATA_TYPE_XHDR),
  };
  const sweeps: IrisSweepIndex[] = [];
  let lead = 2;
  for (let s = 0; s < headers.sweepCount; s++) {
    try {
      if (lead >= recordCount) throw new ReaderError('truncated', path, 'the file ends before this sweep');
      const { sweep, lastRecord } = walkSweep(ctx, lead);
      sweeps.push(sweep);
      lead = lastRecord + 1;
    } catch (err) {
      if (!(err instanceof ReaderError)) throw err;
      const why = err.message.slice(err.message.indexOf(': ') + 2);
      const problem = `sweep ${s + 1} of ${headers.sweepCount} is truncated or corrupt (${why})`;
      if (sweeps.length === 0) throw new ReaderError(err.code, path, problem, { cause: err });
      warnings.push(`${problem}; kept the ${sweeps.length} complete sweeps before it`);
      break;
    }
  }
  return sweeps;
}

function readSweepHeaders(ctx: WalkContext, lead: number): IngestDataHeader[] {
  const headers = ctx.headers.dataTypes.map((_, k) => readIngestDataHeader(ctx.view, lead * RECORD_BYTES, k));
  headers.forEach((h, k) => {
    if (h.structId !== STRUCT_INGEST_DATA_HEADER) {
      throw new ReaderError('corrupt', ctx.path, `record ${lead + 1} lacks ingest_data_header ${k + 1}`);
    }
  });
  const expected = headers[0]!.raysExpected;
  const absurd =
    expected <= 0 || expected > MAX_RAYS_PER_SWEEP || expected * ctx.headers.binCount > MAX_GATES_PER_SWEEP;
  if (absurd || headers.some((h) => h.raysExpected !== expected)) {
    const counts = headers.map((h) => h.raysExpected).join(', ');
    throw new ReaderError('corrupt', ctx.path, `implausible ray counts in the ingest_data_headers (${counts})`);
  }
  return headers;
}

/** Angles and time offsets of the kept rays, from their 6-word ray headers. */
class RayHeaders {
  readonly azimuth: number[] = [];
  readonly elevation: number[] = [];
  /** seconds since the sweep start (ray header word 5) */
  readonly offsets: number[] = [];

  add(header: Uint16Array): void {
    const [az0, el0, az1, el1] = [0, 1, 2, 3].map((i) => bin2ToDegrees(header[i]!));
    this.azimuth.push(meanAzimuth(az0!, az1!));
    this.elevation.push((signedDegrees(el0!) + signedDegrees(el1!)) / 2);
    this.offsets.push(header[5]!);
  }
}

function walkSweep(ctx: WalkContext, lead: number): { sweep: IrisSweepIndex; lastRecord: number } {
  const { headers: file, path } = ctx;
  const headers = readSweepHeaders(ctx, lead);
  const nTypes = file.dataTypes.length;
  const raysExpected = headers[0]!.raysExpected;
  const maxWords = RAY_HEADER_WORDS + file.binCount;
  const scratch = new Uint16Array(maxWords);
  const rayStarts = file.dataTypes.map(() => new Float64Array(raysExpected));
  const kept: number[] = [];
  const rays = new RayHeaders();
  const xhdrMs: number[] = [];
  const start = lead * RECORD_WORDS + (12 + INGEST_DATA_HEADER_BYTES * nTypes) / 2;
  const cursor = new RecordCursor(ctx.words, path, start as StreamPosition);
  for (let r = 0; r < raysExpected; r++) {
    for (let k = 0; k < nTypes; k++) {
      rayStarts[k]![r] = cursor.position;
      const wanted = k === ctx.momentSlot || k === ctx.xhdrSlot;
      scratch.fill(0, 0, RAY_HEADER_WORDS + 2);
      const length = readRay(cursor, maxWords, wanted ? scratch : null, path);
      // extended_header_v0 starts with the ray time in ms since the sweep start (int32)
      if (k === ctx.xhdrSlot && length >= 0) xhdrMs[r] = scratch[6]! | (scratch[7]! << 16);
      if (k === ctx.momentSlot && length >= 0) {
        kept.push(r);
        rays.add(scratch);
      }
    }
  }
  const time = rayTimes(headers[ctx.momentSlot]!, kept, rays.offsets, ctx.xhdrSlot >= 0 ? xhdrMs : null);
  const sweep: IrisSweepIndex = {
    headers,
    raysExpected,
    rayStarts,
    kept: Int32Array.from(kept),
    azimuth: Float32Array.from(rays.azimuth),
    elevation: Float32Array.from(rays.elevation),
    time,
  };
  return { sweep, lastRecord: cursor.lastRecord };
}

/** Mean of the start and end azimuths of a ray, across north when the ray spans it. */
function meanAzimuth(az0: number, az1: number): number {
  let mean = (az0 + az1) / 2;
  if (Math.abs(az0 - az1) > 180) mean += 180;
  return mean >= 360 ? mean - 360 : mean;
}

/**
 * Ray times. The extended header gives milliseconds since the sweep start; without it the ray header
 * gives whole seconds, and (as Py-ART reasons) the sweep start is then truncated to the second too, so
 * that times never come after the ray was collected.
 */
function rayTimes(header: IngestDataHeader, kept: number[], offsets: number[], xhdrMs: number[] | null): Float64Array {
  const time = new Float64Array(kept.length);
  kept.forEach((r, i) => {
    const ms = xhdrMs?.[r];
    time[i] =
      ms !== undefined ? header.sweepStart.epochSeconds + ms / 1000 : header.sweepStart.epochSecondsWhole + offsets[i]!;
  });
  return time;
}
