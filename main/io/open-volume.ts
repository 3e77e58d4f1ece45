/**
 * Opens any supported radar file: unwraps gzip/bzip2 layers, sniffs the format by magic bytes (never by
 * extension) and hands over to the matching reader. Every failure is a ReaderError naming the file.
 */
import { createReadStream } from 'node:fs';
import { open as openFile, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { OpenedVolume } from '../../common/volume';
import { decompressRecords } from './compress/decompress-records';
import { ReaderError } from './reader-error';
import type { RadarReader, ReaderOptions, ReaderSource } from './reader';
import { READERS } from './readers';

const HEAD_BYTES = 4096;
/** Refuse to inflate a wrapper beyond this (bytes): a corrupt or hostile file must not exhaust memory. */
const MAX_UNWRAPPED_BYTES = 2 * 1024 ** 3;

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
/** bzip2 stream: 'BZh' + block size digit 1-9 (a NEXRAD msg31 file holds bzip2 *records*, not a wrapper) */
const isBzip2 = (b: Uint8Array): boolean =>
  b.length >= 4 && b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68 && b[3]! >= 0x31 && b[3]! <= 0x39;

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await openFile(path, 'r');
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Remove gzip/bzip2 wrappers. bzip2 goes through decompressRecords: the native decoder off the main
 * thread when the unfold_io addon loads, else our TypeScript decoder (same output, same errors).
 */
async function unwrap(path: string, raw: Uint8Array): Promise<Uint8Array> {
  let bytes = raw;
  // Wrappers may nest (a .gz of a .bz2 is rare but harmless to support); stop after a few layers.
  for (let layer = 0; layer < 3; layer++) {
    const kind = isGzip(bytes) ? 'gzip' : isBzip2(bytes) ? 'bzip2' : null;
    if (!kind) return bytes;
    try {
      if (kind === 'gzip') bytes = gunzipSync(bytes, { maxOutputLength: MAX_UNWRAPPED_BYTES });
      else [bytes] = (await decompressRecords([bytes], MAX_UNWRAPPED_BYTES)) as [Uint8Array];
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new ReaderError('corrupt', path, `the ${kind} wrapper is corrupt or truncated (${why})`, { cause: err });
    }
  }
  return bytes;
}

function fsError(path: string, err: unknown): ReaderError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ReaderError('not-found', path, 'no such file');
  if (code === 'EACCES' || code === 'EPERM') return new ReaderError('permission', path, 'permission denied');
  if (code === 'EISDIR') return new ReaderError('io', path, 'is a folder, not a radar file');
  return new ReaderError('io', path, `cannot read the file (${code ?? String(err)})`, { cause: err });
}

/** Build the reader's view of a file: its head, and its whole unwrapped content on demand. */
export async function makeSource(path: string): Promise<ReaderSource> {
  let rawHead: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (info.size === 0) throw new ReaderError('truncated', path, 'the file is empty');
    rawHead = await readHead(path);
  } catch (err) {
    if (err instanceof ReaderError) throw err;
    throw fsError(path, err);
  }
  const wrapped = isGzip(rawHead) || isBzip2(rawHead);
  if (!wrapped) {
    let cached: Promise<Uint8Array> | undefined;
    return {
      path,
      head: rawHead,
      wrapped,
      bytes: () => (cached ??= readFile(path).catch((err: unknown) => Promise.reject(fsError(path, err)))),
    };
  }
  let raw: Uint8Array;
  try {
    raw = await readFile(path);
  } catch (err) {
    throw fsError(path, err);
  }
  const content = await unwrap(path, raw);
  return { path, head: content.subarray(0, HEAD_BYTES), wrapped, bytes: () => Promise.resolve(content) };
}

/** The first bytes of a gzip stream, without inflating the rest (sniffing a folder of .gz volumes). */
function gunzipHead(path: string): Promise<Uint8Array> {
  return new Promise((resolveHead, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const input = createReadStream(path);
    const gunzip = createGunzip();
    const finish = (): void => {
      input.destroy();
      gunzip.destroy();
      resolveHead(new Uint8Array(Buffer.concat(chunks)).subarray(0, HEAD_BYTES));
    };
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) finish();
    });
    gunzip.on('end', finish);
    gunzip.on('error', reject);
    input.on('error', reject);
    input.pipe(gunzip);
  });
}

/**
 * The reader that recognises a file, or null: cheap enough to run over a whole campaign folder (reads
 * the head only; for a gzip wrapper inflates only its first bytes). Never throws.
 */
export async function sniffFile(path: string): Promise<RadarReader | null> {
  try {
    const head = await readHead(path);
    if (isGzip(head)) {
      const inner = await gunzipHead(path);
      const source: ReaderSource = {
        path,
        head: inner,
        wrapped: true,
        bytes: () => Promise.reject(new Error('head only')),
      };
      return READERS.find((r) => r.sniff(source)) ?? null;
    }
    const source = await makeSource(path);
    return READERS.find((r) => r.sniff(source)) ?? null;
  } catch {
    return null;
  }
}

/** Open a radar file of any supported format. */
export async function openVolume(file: string, options: ReaderOptions = {}): Promise<OpenedVolume> {
  const path = resolve(file);
  const source = await makeSource(path);
  const reader = READERS.find((r) => r.sniff(source));
  if (!reader) {
    throw new ReaderError(
      'unrecognised-format',
      path,
      'not a radar format Unfold reads (NEXRAD Level II, CfRadial NetCDF3/4, ODIM_H5, GAMIC, Sigmet/IRIS RAW, UF)',
    );
  }
  try {
    return await reader.open(source, options);
  } catch (err) {
    if (err instanceof ReaderError) throw err;
    // A reader bug or an unforeseen corruption: still name the file and the reader.
    const why = err instanceof Error ? err.message : String(err);
    throw new ReaderError('corrupt', path, `${reader.name} reader failed: ${why}`, { cause: err });
  }
}
