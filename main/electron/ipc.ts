/**
 * IPC registration for the desktop app: one `ipcMain.handle` per API method (the allow-list is the
 * contract's method list), each rejecting senders that are not our own window's main frame, then
 * dispatching with runtime argument validation. Events are forwarded to the window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { API_EVENTS, API_METHODS, ipcChannel, ipcEventChannel, type ApiResult } from '../../common/api';
import { dispatch } from '../api/dispatch';
import type { Handlers } from '../api/handlers';
import type { EventHub } from '../services/events';

/** True when the call comes from the main frame of our window, showing our renderer. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, rendererUrl: string): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== window.webContents.mainFrame) return false;
  return frame.url.startsWith(rendererUrl);
}

export function registerIpc(
  handlers: Handlers,
  events: EventHub,
  getWindow: () => BrowserWindow | null,
  rendererUrl: string,
): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, ...args: unknown[]): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event, getWindow(), rendererUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'calls are accepted only from the Unfold window' } };
      }
      return dispatch(handlers, method, args);
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed() && API_EVENTS.includes(name))
      window.webContents.send(ipcEventChannel(name), payload);
  });
  return () => {
    unsubscribe();
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
