/**
 * The renderer's only way to main: the preload's `window.unfold` in the desktop app, or the loopback
 * HTTP bridge in browser mode. Both implement the same typed contract (common/api.ts). Dropped files are
 * the one transport-specific thing: the desktop app asks the preload for the file's path; browser mode
 * uploads the bytes to its local server, which answers with the path it saved them under.
 */
import type { ApiResult, UnfoldBridge } from '../../../common/api';
import { createWebBridge, uploadFile } from './web-bridge';

declare global {
  interface Window {
    unfold?: UnfoldBridge;
    unfoldFiles?: { pathOf(file: File): string };
  }
}

export const api: UnfoldBridge = window.unfold ?? createWebBridge();

export const isDesktop = (): boolean => window.unfold !== undefined;

/** Thrown by `unwrap` so UI code can use try/catch; keeps the typed error code. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiCallError(result.error.code, result.error.message);
}

/** The message of anything thrown, for the UI. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Path main can open for a dropped file: the real path (desktop) or an uploaded copy (browser mode). */
export async function pathOfDroppedFile(file: File): Promise<string> {
  if (window.unfoldFiles) {
    const path = window.unfoldFiles.pathOf(file);
    if (path) return path;
  }
  return unwrap(await uploadFile(file));
}
