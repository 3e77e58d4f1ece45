/**
 * Typed facade of the unfold_io addon (our own bzip2 decoder in C++, decompressing many streams in
 * parallel, and the NEXRAD gate unpacker). The only importer of `unfold_io.node`: it finds and loads the addon, validates arguments
 * (`invalid parameter X: expected Y, got Z`) and turns decoder failures into `NativeBzip2Error`s with
 * a stable `code` and the index of the failing record. Used by main/io/compress (NEXRAD LDM records),
 * the NEXRAD field decoder and the benchmarks; callers fall back to TypeScript when the addon is missing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What went wrong, as the TypeScript decoder names it (Bzip2ErrorKind). */
export type NativeBzip2Kind = 'corrupt' | 'truncated' | 'too-large' | 'unsupported';

/** A stream that does not decompress: `code` is 'too-large' for the output cap, else 'corrupt'. */
export class NativeBzip2Error extends Error {
  constructor(
    readonly code: 'corrupt' | 'too-large' | 'invalid-input' | 'internal',
    readonly kind: NativeBzip2Kind,
    message: string,
    /** index of the failing record in bunzip2Records' input; null for bunzip2Sync */
    readonly recordIndex: number | null = null,
  ) {
    super(message);
    this.name = 'NativeBzip2Error';
  }
}

export interface BunzipRecordsOptions {
  /** worker threads (1..64); default: one per hardware thread, at most 8 and one per record */
  threads?: number;
}

export interface NativeIo {
  /** the .node file that was loaded */
  readonly addonPath: string;
  /**
   * Decompress independent bzip2 streams on the thread pool, in parallel; each output is capped at
   * `maxOutputBytes`. Rejects with a NativeBzip2Error naming the lowest failing record.
   */
  bunzip2Records(
    records: readonly Uint8Array[],
    maxOutputBytes: number,
    options?: BunzipRecordsOptions,
  ): Promise<Uint8Array[]>;
  /**
   * The same, handing each record to `onRecord` on this thread as soon as it is decoded (completion
   * order, roughly index order), while the others are still being decoded. Resolves after the last
   * onRecord call; on failure, every record below the failing one has been handed over. An exception
   * thrown by onRecord rejects the promise and drops the records after it.
   */
  bunzip2RecordsEach(
    records: readonly Uint8Array[],
    maxOutputBytes: number,
    onRecord: (index: number, bytes: Uint8Array) => void,
    options?: BunzipRecordsOptions,
  ): Promise<void>;
  /** Decompress one bzip2 file (possibly multi-stream) on the calling thread. */
  bunzip2Sync(bytes: Uint8Array, maxOutputBytes: number): Uint8Array;
  /** The number of threads bunzip2Records uses for `records` records. */
  recordThreads(records: number, requested?: number): number;
  /**
   * NEXRAD gate unpacking (readField's hot loop): for each ray r, the `layout[3r+2]` gates at byte
   * `layout[3r+1]` of `chunks[layout[3r]]` (8-bit, or 16-bit big-endian) go through `table` (raw ->
   * physical, 2^wordBits entries) into out[r*width ..], NaN up to `width`; chunk index 0xffffffff is a
   * ray without the moment (a NaN row). Every index and length is checked against the real buffers.
   */
  unpackGates(
    chunks: readonly Uint8Array[],
    layout: Uint32Array,
    wordBits: 8 | 16,
    table: Float32Array,
    out: Float32Array,
    width: number,
  ): void;
}

/** The raw addon exports (see native/io/binding/addon.cc). */
interface RawAddon {
  bunzip2RecordsEach(
    records: readonly Uint8Array[],
    maxOutputBytes: number,
    onRecord: (index: number, bytes: Uint8Array) => void,
    threads?: number,
  ): Promise<void>;
  bunzip2Sync(bytes: Uint8Array, maxOutputBytes: number): Uint8Array;
  recordThreads(records: number, requested?: number): number;
  unpackGates(
    chunks: readonly Uint8Array[],
    layout: Uint32Array,
    wordBits: number,
    table: Float32Array,
    out: Float32Array,
    width: number,
  ): void;
}

const ADDON_NAME = 'unfold_io.node';
const ADDON_RELATIVE = join('build', 'Release', ADDON_NAME);
const KINDS: readonly string[] = ['corrupt', 'truncated', 'too-large', 'unsupported'];

/**
 * Where the addon may be, in order: explicit path, $UNFOLD_IO_NATIVE_PATH, next to this file, the
 * repo's native/io relative to a bundle in out/main, the packaged app's resources, the working directory.
 */
export function ioAddonCandidates(addonPath?: string): string[] {
  if (addonPath !== undefined) return [resolve(addonPath)];
  const fromEnv = process.env['UNFOLD_IO_NATIVE_PATH'];
  if (fromEnv) return [resolve(fromEnv)];
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [
    join(here, ADDON_RELATIVE), // native/io/index.ts run from source (vitest, tsx)
    join(here, '..', '..', 'native', 'io', ADDON_RELATIVE), // bundled into out/main/*.js by electron-vite
  ];
  // packaged Electron app: shipped outside the asar as resources/native/unfold_io.node
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (typeof resources === 'string') candidates.push(join(resources, 'native', ADDON_NAME));
  candidates.push(join(process.cwd(), 'native', 'io', ADDON_RELATIVE)); // scripts run from the repo root
  return [...new Set(candidates.map((p) => resolve(p)))];
}

function loadRaw(path: string): RawAddon {
  const module = { exports: {} as Partial<RawAddon> };
  try {
    process.dlopen(module, path);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const hint = /NODE_MODULE_VERSION|different Node\.js version/.test(reason)
      ? ' It was built for another Node/Electron ABI: rebuild it with `npm run native:build`.'
      : '';
    throw new NativeBzip2Error(
      'internal',
      'corrupt',
      `the unfold_io addon at ${path} could not be loaded: ${reason}.${hint}`,
    );
  }
  const raw = module.exports;
  if (
    typeof raw.bunzip2RecordsEach !== 'function' ||
    typeof raw.bunzip2Sync !== 'function' ||
    typeof raw.recordThreads !== 'function' ||
    typeof raw.unpackGates !== 'function'
  ) {
    throw new NativeBzip2Error(
      'internal',
      'corrupt',
      `${path} is not the unfold_io addon (bunzip2RecordsEach missing)`,
    );
  }
  return raw as RawAddon;
}

const describe = (v: unknown): string =>
  v === null ? 'null' : ArrayBuffer.isView(v) ? v.constructor.name : Array.isArray(v) ? 'an array' : typeof v;

function invalid(what: string, expected: string, got: unknown): NativeBzip2Error {
  return new NativeBzip2Error(
    'invalid-input',
    'corrupt',
    `invalid parameter ${what}: expected ${expected}, got ${describe(got)}`,
  );
}

function checkMaxOutput(maxOutputBytes: unknown): void {
  if (typeof maxOutputBytes !== 'number' || !Number.isSafeInteger(maxOutputBytes) || maxOutputBytes < 1) {
    throw invalid('maxOutputBytes', 'a positive integer (bytes)', maxOutputBytes);
  }
}

function checkRecords(records: unknown): void {
  if (!Array.isArray(records)) throw invalid('records', 'an array of Uint8Array', records);
  records.forEach((r: unknown, i) => {
    if (!(r instanceof Uint8Array)) throw invalid(`records[${i}]`, 'a Uint8Array', r);
  });
}

function checkThreads(threads: unknown): void {
  if (
    threads !== undefined &&
    (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > 64)
  ) {
    throw invalid('threads', 'an integer from 1 to 64', threads);
  }
}

/** The addon's error (a plain Error with code/kind/recordIndex) as a NativeBzip2Error. */
function asNativeError(err: unknown): NativeBzip2Error {
  if (err instanceof NativeBzip2Error) return err;
  const e = err as { code?: unknown; kind?: unknown; recordIndex?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  const kind = typeof e.kind === 'string' && KINDS.includes(e.kind) ? (e.kind as NativeBzip2Kind) : 'corrupt';
  const code = e.code === 'too-large' || e.code === 'corrupt' || e.code === 'invalid-input' ? e.code : 'internal';
  return new NativeBzip2Error(code, kind, message, typeof e.recordIndex === 'number' ? e.recordIndex : null);
}

/**
 * Load the addon. Throws a NativeBzip2Error (code 'internal') listing the paths tried when none
 * exists or the file does not load. Each call loads a new addon instance (context-aware: one per worker
 * thread works), so callers keep the result (main/io/compress does, once per thread).
 */
export function loadNativeIo(addonPath?: string): NativeIo {
  const candidates = ioAddonCandidates(addonPath);
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) {
    throw new NativeBzip2Error(
      'internal',
      'corrupt',
      `the unfold_io addon (${ADDON_NAME}) was not found; tried: ${candidates.join(', ')}. ` +
        'Build it with `npm run native:build`, or pass its path (or set UNFOLD_IO_NATIVE_PATH).',
    );
  }
  const raw = loadRaw(found);
  const io: NativeIo = {
    addonPath: found,
    async bunzip2RecordsEach(records, maxOutputBytes, onRecord, options = {}) {
      checkRecords(records);
      checkMaxOutput(maxOutputBytes);
      checkThreads(options.threads);
      if (typeof onRecord !== 'function') throw invalid('onRecord', 'a function', onRecord);
      let thrownByCallback: unknown = undefined;
      const deliver = (index: number, bytes: Uint8Array): void => {
        try {
          onRecord(index, bytes);
        } catch (err) {
          thrownByCallback = err;
          throw err;
        }
      };
      try {
        await raw.bunzip2RecordsEach(records, maxOutputBytes, deliver, options.threads);
      } catch (err) {
        // the caller's own error comes back as it was thrown; the addon's become NativeBzip2Errors
        throw err === thrownByCallback ? err : asNativeError(err);
      }
    },
    async bunzip2Records(records, maxOutputBytes, options = {}) {
      const out: Uint8Array[] = new Array<Uint8Array>(records.length);
      await io.bunzip2RecordsEach(records, maxOutputBytes, (i, bytes) => (out[i] = bytes), options);
      return out;
    },
    bunzip2Sync(bytes, maxOutputBytes) {
      if (!(bytes instanceof Uint8Array)) throw invalid('bytes', 'a Uint8Array', bytes);
      checkMaxOutput(maxOutputBytes);
      try {
        return raw.bunzip2Sync(bytes, maxOutputBytes);
      } catch (err) {
        throw asNativeError(err);
      }
    },
    recordThreads(records, requested) {
      checkThreads(requested);
      return raw.recordThreads(records, requested);
    },
    unpackGates(chunks, layout, wordBits, table, out, width) {
      try {
        raw.unpackGates(chunks, layout, wordBits, table, out, width);
      } catch (err) {
        throw asNativeError(err);
      }
    },
  };
  return io;
}
