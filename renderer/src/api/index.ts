/**
 * The renderer's only way to main: the preload's `window.unfold` in the desktop app, or the loopback
 * HTTP bridge in browser mode. Both implement the same typed contract (common/api.ts).
 */
import type { ApiResult, UnfoldBridge } from '../../../common/api';
import { createWebBridge } from './web-bridge';

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
