/**
 * What the reader fuzzer does with one file: open it through `openVolume`, read the geometry and
 * every moment of every sweep (or a rotating few, for short runs), and check the volume contract on the way (array lengths agree with
 * the header, data values are finite or NaN). The outcome says how it went, with the stack of any
 * exception that is not a ReaderError, and of ReaderErrors that only the opener's safety net made
 * (an unforeseen exception inside a reader's `open`).
 */
import { openVolume } from '../../main/io/open-volume';
import { ReaderError } from '../../main/io/reader-error';
import type { OpenedVolume } from '../../common/volume';

export type Outcome =
  | { status: 'ok'; sweeps: number; fields: number }
  | { status: 'reader-error'; stage: Stage; code: string; message: string }
  | { status: 'safety-net'; stage: Stage; message: string; stack: string }
  | { status: 'exception'; stage: Stage; message: string; stack: string }
  | { status: 'invariant'; stage: Stage; message: string }
  | { status: 'timeout'; message: string }
  | { status: 'crash'; message: string };

/** Where in the exercise something happened: 'open', or 'sweep N MOMENT'. */
type Stage = string;

class InvariantError extends Error {}

const stackOf = (err: unknown): string =>
  err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : `thrown non-Error: ${String(err)}`;

function classify(err: unknown, stage: Stage): Outcome {
  if (err instanceof InvariantError) return { status: 'invariant', stage, message: err.message };
  if (err instanceof ReaderError) {
    const cause = err.cause;
    // open-volume.ts turns any non-ReaderError from a reader's open() into "<reader> reader failed: ...".
    if (/ reader failed: /.test(err.message) && cause !== undefined && !(cause instanceof ReaderError)) {
      return { status: 'safety-net', stage, message: err.message, stack: stackOf(cause) };
    }
    return { status: 'reader-error', stage, code: err.code, message: err.message };
  }
  return { status: 'exception', stage, message: err instanceof Error ? err.message : String(err), stack: stackOf(err) };
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new InvariantError(what);
}

function checkValues(data: Float32Array, where: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === Infinity || v === -Infinity) throw new InvariantError(`${where}: infinite value at index ${i}`);
  }
}

/** What to read: every moment of every sweep, or (for short runs) a rotating few per sweep. */
export interface ExerciseOptions {
  /** moments read per sweep: the velocity moment first, then others chosen by `rotate`; all when undefined */
  momentsPerSweep?: number;
  /** shifts which other moments a limited read picks, so successive cases cover different ones */
  rotate?: number;
}

function chooseMoments(moments: string[], options: ExerciseOptions): string[] {
  const limit = options.momentsPerSweep;
  if (limit === undefined || moments.length <= limit) return moments;
  const velocity = moments.filter((m) => m === 'VRADH');
  const others = moments.filter((m) => m !== 'VRADH');
  const start = (options.rotate ?? 0) % others.length;
  const rotated = [...others.slice(start), ...others.slice(0, start)];
  return [...velocity, ...rotated].slice(0, limit);
}

async function readEverything(
  volume: OpenedVolume,
  options: ExerciseOptions,
  setStage: (s: Stage) => void,
): Promise<number> {
  const { sweeps } = volume.header;
  check(sweeps.length > 0, 'the volume opened with no sweeps');
  let fields = 0;
  for (const sweep of sweeps) {
    setStage(`sweep ${sweep.index} geometry`);
    const g = await volume.readGeometry(sweep.index);
    check(
      g.azimuth.length === sweep.rayCount && g.elevation.length === sweep.rayCount && g.time.length === sweep.rayCount,
      `sweep ${sweep.index}: geometry lengths ${g.azimuth.length}/${g.elevation.length}/${g.time.length} ≠ rayCount ${sweep.rayCount}`,
    );
    for (const moment of chooseMoments(sweep.moments, options)) {
      setStage(`sweep ${sweep.index} ${moment}`);
      const f = await volume.readField(sweep.index, moment);
      const where = `sweep ${sweep.index} ${moment}`;
      check(f.rays === sweep.rayCount, `${where}: ${f.rays} rays, header says ${sweep.rayCount}`);
      check(f.data.length === f.rays * f.gates, `${where}: data length ${f.data.length} ≠ ${f.rays} × ${f.gates}`);
      check(f.range.length === f.gates, `${where}: range length ${f.range.length} ≠ ${f.gates} gates`);
      checkValues(f.data, where);
      fields++;
    }
  }
  return fields;
}

/** Open the file at `path` and read its sweeps (all of every sweep unless limited); never throws. */
export async function exercise(path: string, options: ExerciseOptions = {}): Promise<Outcome> {
  let stage: Stage = 'open';
  let volume: OpenedVolume | undefined;
  try {
    volume = await openVolume(path);
    const fields = await readEverything(volume, options, (s) => (stage = s));
    stage = 'close';
    volume.close();
    return { status: 'ok', sweeps: volume.header.sweeps.length, fields };
  } catch (err) {
    if (stage !== 'close') closeQuietly(volume);
    return classify(err, stage);
  }
}

/** After a failure the outcome is decided; a close() that fails as well adds nothing to it. */
function closeQuietly(volume: OpenedVolume | undefined): void {
  try {
    volume?.close();
  } catch {
    /* see above */
  }
}
