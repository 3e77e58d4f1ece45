/**
 * A private temporary copy of in-memory HDF5 bytes (a file that came out of a gzip/bzip2 wrapper).
 *
 * h5wasm's Node build reads real paths through NODERAWFS, so the bytes are written to a fresh private
 * folder under the OS temp directory and removed when the HDF5 file is closed. Writing to disk rather
 * than into the wasm heap keeps the 2 GiB heap free for data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempCopy {
  path: string;
  /** Delete the copy and its folder; never throws (a leftover temp file must not hide the real error). */
  remove(): void;
}

export function materialiseBytes(bytes: Uint8Array): TempCopy {
  const dir = mkdtempSync(join(tmpdir(), 'unfold-h5-'));
  const path = join(dir, 'content.h5');
  try {
    writeFileSync(path, bytes, { mode: 0o600 });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    path,
    remove: () => {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort: the OS cleans its temp folder eventually
      }
    },
  };
}
