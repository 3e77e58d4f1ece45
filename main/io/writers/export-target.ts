/**
 * The file-system side of an export: refuse a target that is the input file (same path, or the same
 * inode through a hard or symbolic link), reserve the temporary file beside the target (which is where
 * a missing folder or a missing permission shows up, before any work), classify failures, and remove
 * the temporary file on any failure so nothing partial is left behind.
 */
import { constants } from 'node:fs';
import { open, rm, stat, statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { temporaryPathFor } from '../../util/atomic-write';
import { ExportError, exportErrorFrom } from './export-error';

const isMissing = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Rejects with 'same-as-input' when writing `outPath` would replace `inputPath`; 'invalid' for a folder. */
export async function assertSafeTarget(inputPath: string, outPath: string): Promise<void> {
  if (resolve(inputPath) === resolve(outPath)) {
    throw new ExportError('same-as-input', `${outPath}: is the input file; choose another name`);
  }
  let target;
  try {
    target = await stat(outPath);
  } catch (err) {
    if (isMissing(err)) return;
    throw exportErrorFrom(outPath, err);
  }
  if (target.isDirectory()) throw new ExportError('invalid', `${outPath}: is a folder, not a file name`);
  try {
    const input = await stat(inputPath);
    if (input.dev === target.dev && input.ino === target.ino) {
      throw new ExportError('same-as-input', `${outPath}: is the input file (a link to it); choose another name`);
    }
  } catch (err) {
    if (err instanceof ExportError) throw err;
    // The input may have gone away since it was opened; then it cannot be overwritten either.
  }
}

/** Create the temporary file beside `outPath` (exclusively) and return its path. */
export async function reserveTemporary(outPath: string): Promise<string> {
  const temporary = temporaryPathFor(outPath);
  try {
    const handle = await open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    await handle.close();
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw exportErrorFrom(outPath, err);
  }
  return temporary;
}

/** Flush the finished temporary file to disk: a delayed ENOSPC/EIO must surface before the rename. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * An ExportError for a failure while writing `outPath`. fs errors carry a code; HDF5 failures do not
 * (h5wasm only prints them), so a full disk is recognised by the free space left in the folder.
 */
export async function classifyFailure(outPath: string, err: unknown): Promise<ExportError> {
  if (err instanceof ExportError) return err;
  // Node fs errors carry an errno name (ENOSPC, EACCES, ...); other errors (a reader's) have their own codes.
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return exportErrorFrom(outPath, err);
  const why = err instanceof Error ? err.message : String(err);
  try {
    const fs = await statfs(dirname(outPath));
    const free = fs.bavail * fs.bsize;
    if (free < 1 << 20) {
      return new ExportError('no-space', `${outPath}: the disk is full (${free} bytes free); nothing was written`, {
        cause: err,
      });
    }
  } catch {
    // statfs unsupported here: fall through to a generic I/O error.
  }
  return new ExportError('io', `${outPath}: nothing was written: ${why}`, { cause: err });
}

/** Remove a temporary file, ignoring a file that is already gone. */
export async function discardTemporary(temporary: string): Promise<void> {
  await rm(temporary, { force: true }).catch(() => undefined);
}
