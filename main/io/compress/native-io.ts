/**
 * The unfold_io addon as the readers use it: loaded on first use, or null when it is missing, does not
 * load, or UNFOLD_IO_NATIVE=0 is set (then every caller takes its TypeScript path, which gives the same
 * results, only slower). Used by decompressRecords (bzip2 LDM records) and the NEXRAD field decoder
 * (gate unpacking). The cached result lives in this module instance, and module instances are per
 * thread (each worker thread loads its own), so nothing is shared between threads.
 */
import { loadNativeIo, type NativeIo } from '../../../native/io';

let cached: { io: NativeIo | null; reason: string | null } | undefined;

function loadOnce(): { io: NativeIo | null; reason: string | null } {
  if (process.env['UNFOLD_IO_NATIVE'] === '0') return { io: null, reason: 'UNFOLD_IO_NATIVE=0' };
  try {
    return { io: loadNativeIo(), reason: null };
  } catch (err) {
    return { io: null, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** The addon, or null when the TypeScript fallbacks are in use. */
export function nativeIo(): NativeIo | null {
  cached ??= loadOnce();
  return cached.io;
}

/** Why the addon is not in use (null when it is). */
export function nativeIoUnavailable(): string | null {
  cached ??= loadOnce();
  return cached.reason;
}
