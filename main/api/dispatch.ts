/**
 * The single entry for every API call from any transport: validate the arguments against the contract
 * (common/api.ts), run the handler, and turn any failure into a typed `{ ok: false, error }` — never a
 * thrown error across the boundary, never a stack trace to the renderer.
 */
import { API_ARGUMENTS, type ApiError, type ApiErrorCode, type ApiMethod, type ApiResult } from '../../common/api';
import { ValidationError, validateArgs } from '../../common/validate';
import type { Handlers } from './handlers';

const CODE_BY_ERROR_NAME: Record<string, ApiErrorCode> = {
  ValidationError: 'invalid-argument',
  ReaderError: 'reader',
  DealiasInputError: 'dealias',
  DealiasError: 'dealias',
  TaskError: 'dealias',
  WorkerCrashError: 'dealias',
  ExportError: 'export',
  WriteError: 'export',
};

/** Map a thrown value to an ApiError with a message the user can act on. */
export function toApiError(err: unknown): ApiError {
  if (!(err instanceof Error)) return { code: 'internal', message: String(err) };
  const code = (err as { code?: unknown }).code;
  if (code === 'not-found' || (err.name === 'ReaderError' && code === 'not-found')) {
    return { code: 'not-found', message: err.message };
  }
  if (code === 'unsupported') return { code: 'unsupported', message: err.message };
  if (code === 'cancelled') return { code: 'cancelled', message: err.message };
  return { code: CODE_BY_ERROR_NAME[err.name] ?? 'internal', message: err.message };
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(API_ARGUMENTS, name);
}

export async function dispatch(handlers: Handlers, method: unknown, args: unknown): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'invalid-argument', message: `unknown method ${String(method).slice(0, 64)}` } };
  }
  let checked: unknown[];
  try {
    checked = validateArgs(method, args, API_ARGUMENTS[method] as never);
  } catch (err) {
    const message = err instanceof ValidationError ? err.message : String(err);
    return { ok: false, error: { code: 'invalid-argument', message } };
  }
  try {
    const handler = handlers[method] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await handler(...checked) };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}
