/**
 * The preload: exposes `window.unfold`, a narrow API of named methods (the contract in common/api.ts) and
 * an event subscription limited to the contract's events. It imports only `electron` (bundled to one
 * CommonJS file) so it runs with `sandbox: true`.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { API_EVENTS, API_METHODS, ipcChannel, ipcEventChannel, type ApiEvents, type UnfoldBridge } from '../common/api';

const methods = Object.fromEntries(
  API_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(ipcChannel(method), ...args)]),
);

const bridge = {
  ...methods,
  on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    if (!API_EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`);
    const channel = ipcEventChannel(event);
    const wrapped = (_e: IpcRendererEvent, payload: ApiEvents[E]): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
} as UnfoldBridge;

contextBridge.exposeInMainWorld('unfold', bridge);
/** Path of a dropped file (Electron only: File objects carry no path in a sandboxed renderer). */
contextBridge.exposeInMainWorld('unfoldFiles', { pathOf: (file: File): string => webUtils.getPathForFile(file) });
