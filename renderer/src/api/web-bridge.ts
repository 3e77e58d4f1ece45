/**
 * The browser-mode implementation of the preload API: the same named methods, carried over loopback HTTP
 * to main's services (main/web/server.ts). Results come back in the binary wire format, so sweep arrays
 * arrive as typed arrays. The access token travels in an HttpOnly cookie set when the page was opened.
 * `uploadFile` carries a dropped file's bytes to the server (a browser page cannot know a file's path).
 */
import { API_EVENTS, API_METHODS, type ApiEvents, type ApiResult, type UnfoldBridge } from '../../../common/api';
import { decodeWire } from '../../../common/wire';

async function call(method: string, args: unknown[]): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
  } catch (err) {
    return {
      ok: false,
      error: { code: 'internal', message: `Unfold's local server is not reachable (${String(err)})` },
    };
  }
  if (!response.ok) {
    const text = await response.text();
    return { ok: false, error: { code: response.status === 401 ? 'forbidden' : 'internal', message: text } };
  }
  return decodeWire<ApiResult<unknown>>(await response.arrayBuffer());
}

export function createWebBridge(): UnfoldBridge {
  const methods = Object.fromEntries(API_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)]));
  let source: EventSource | null = null;
  return {
    ...methods,
    on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      if (!API_EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`);
      source ??= new EventSource('/api/events');
      const handler = (message: MessageEvent<string>): void => listener(JSON.parse(message.data) as ApiEvents[E]);
      source.addEventListener(event, handler as EventListener);
      return () => source?.removeEventListener(event, handler as EventListener);
    },
  } as UnfoldBridge;
}

/** Browser mode only: send a dropped file's bytes to the local server; resolves to the path it was saved as. */
export async function uploadFile(file: File): Promise<ApiResult<string>> {
  let response: Response;
  try {
    response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch (err) {
    return { ok: false, error: { code: 'internal', message: `upload of ${file.name} failed (${String(err)})` } };
  }
  if (!response.ok) {
    return {
      ok: false,
      error: { code: 'internal', message: `upload of ${file.name} failed: ${await response.text()}` },
    };
  }
  return decodeWire<ApiResult<string>>(await response.arrayBuffer());
}
