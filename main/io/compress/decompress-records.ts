/**
 * Decompresses many independent bzip2 streams (the LDM records of a NEXRAD volume) as fast as the
 * machine allows: with the native unfold_io addon when it loads (our C++ decoder, records spread over
 * threads, off the JavaScript thread), else with the TypeScript decoder one record at a time, yielding
 * to the event loop between records so that the app stays responsive. Both give byte-identical output
 * and the same error kinds. Used by the NEXRAD reader at open; the benchmark compares the two.
 */
import { NativeBzip2Error, type NativeIo } from '../../../native/io';
import { bunzip2, createBzip2Workspace } from './bzip2';
import { Bzip2Error, type Bzip2ErrorKind } from './bzip2-error';
import { nativeIo, nativeIoUnavailable } from './native-io';

export type Bzip2Engine = 'native' | 'typescript';

/** A record that does not decompress: the Bzip2Error of that record plus its index. */
export class RecordDecompressError extends Bzip2Error {
  constructor(
    kind: Bzip2ErrorKind,
    message: string,
    /** index of the record in the input list */
    readonly recordIndex: number,
  ) {
    super(kind, message);
    this.name = 'RecordDecompressError';
  }
}

export interface DecompressRecordsOptions {
  /** 'native' fails when the addon does not load; default: native when available, else TypeScript */
  engine?: Bzip2Engine | 'auto';
  /** the addon to use instead of the one nativeIo() finds (tests pass null to force the fallback) */
  native?: NativeIo | null;
  /** native worker threads (default: the addon's choice, one per hardware thread up to 8) */
  threads?: number;
  /** TypeScript fallback: await a macrotask every this many records (default 2) */
  yieldEvery?: number;
  /**
   * Called with each record as soon as it is decompressed (native: completion order, while others are
   * still being decoded; TypeScript: index order), so the caller can start on it. Not called for a
   * record after a failing one in the TypeScript path; the native path may hand over some. Errors it
   * throws propagate.
   */
  onRecord?: (index: number, bytes: Uint8Array) => void;
}

function pickNative(options: DecompressRecordsOptions): NativeIo | null {
  const engine = options.engine ?? 'auto';
  if (engine === 'typescript') return null;
  const io = options.native !== undefined ? options.native : nativeIo();
  if (!io && engine === 'native') {
    throw new Error(`the native bzip2 decoder is not available: ${nativeIoUnavailable() ?? 'none given'}`);
  }
  return io;
}

async function withNative(
  io: NativeIo,
  records: readonly Uint8Array[],
  maxOutputBytes: number,
  options: DecompressRecordsOptions,
): Promise<Uint8Array[]> {
  const out = new Array<Uint8Array>(records.length);
  const { onRecord, threads } = options;
  try {
    await io.bunzip2RecordsEach(
      records,
      maxOutputBytes,
      (index, bytes) => {
        out[index] = bytes;
        onRecord?.(index, bytes);
      },
      threads === undefined ? {} : { threads },
    );
  } catch (err) {
    if (err instanceof NativeBzip2Error && err.recordIndex !== null) {
      throw new RecordDecompressError(err.kind, err.message, err.recordIndex);
    }
    throw err;
  }
  return out;
}

async function withTypeScript(
  records: readonly Uint8Array[],
  maxOutputBytes: number,
  options: DecompressRecordsOptions,
): Promise<Uint8Array[]> {
  const yieldEvery = Math.max(1, options.yieldEvery ?? 2);
  const workspace = createBzip2Workspace();
  const out: Uint8Array[] = [];
  for (const [index, record] of records.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = bunzip2(record, maxOutputBytes, workspace);
    } catch (err) {
      if (err instanceof Bzip2Error) throw new RecordDecompressError(err.kind, err.message, index);
      throw err;
    }
    out.push(bytes);
    options.onRecord?.(index, bytes);
    if (out.length % yieldEvery === 0 && out.length < records.length) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return out;
}

/**
 * Decompress every record (each capped at `maxOutputBytes`). Rejects with a RecordDecompressError
 * for the lowest-numbered record that does not decompress.
 */
export async function decompressRecords(
  records: readonly Uint8Array[],
  maxOutputBytes: number,
  options: DecompressRecordsOptions = {},
): Promise<Uint8Array[]> {
  if (records.length === 0) return [];
  const io = pickNative(options);
  if (io) return withNative(io, records, maxOutputBytes, options);
  return withTypeScript(records, maxOutputBytes, options);
}
