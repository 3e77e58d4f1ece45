/**
 * Positional reads from a file on disk or from bytes already in memory (a NetCDF-3 file that came out
 * of a gzip/bzip2 wrapper). The NetCDF-3 reader reads its header and then only the byte ranges of the
 * variables it is asked for, so a big file is never loaded whole.
 */
import { type FileHandle, open } from 'node:fs/promises';

export interface ByteSource {
  /** total bytes */
  readonly size: number;
  /** `length` bytes from `offset`; fewer only if the source ends first */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(offset + length, bytes.length)),
    close: async () => {},
  };
}

export async function fileSource(path: string): Promise<ByteSource> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      read: async (offset, length) => {
        const want = Math.max(0, Math.min(length, size - offset));
        const buf = new Uint8Array(want);
        let done = 0;
        // A positional read may return fewer bytes than asked; loop until done or end of file.
        while (done < want) {
          const { bytesRead } = await handle.read(buf, done, want - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === want ? buf : buf.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
