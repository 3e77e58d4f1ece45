/**
 * Atomic file replacement: write a temporary file beside the target, flush it to disk, then rename it
 * over the target. A crash or a full disk leaves either the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class WriteError extends Error {
  readonly code: 'no-space' | 'permission' | 'not-found' | 'io';
  constructor(code: WriteError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WriteError';
    this.code = code;
  }
}

/** Turn a Node fs error into a message that names the file and says what to do. */
export function describeWriteError(path: string, err: unknown): WriteError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new WriteError('no-space', `${path}: the disk is full; nothing was written`, { cause: err });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new WriteError('permission', `${path}: no permission to write there`, { cause: err });
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new WriteError('not-found', `${path}: the folder does not exist`, { cause: err });
  }
  const why = err instanceof Error ? err.message : String(err);
  return new WriteError('io', `${path}: could not write (${why})`, { cause: err });
}

/** Temporary path in the target's folder (same file system, so rename is atomic). */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
}

/** Remove a temporary file; it may not exist (the failure may have come before it was created). */
export async function discardTemporary(temporary: string): Promise<void> {
  await rm(temporary, { force: true }).catch(() => undefined);
}

/** Move a finished temporary file over the target (fsync'd by the caller). */
export async function commitTemporary(temporary: string, path: string): Promise<void> {
  try {
    await rename(temporary, path);
  } catch (err) {
    await discardTemporary(temporary);
    throw describeWriteError(path, err);
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryPathFor(path);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await discardTemporary(temporary);
    throw describeWriteError(path, err);
  }
  await commitTemporary(temporary, path);
}
