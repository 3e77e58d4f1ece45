/**
 * IPC registration of the desktop app, with Electron's ipcMain replaced by a recorder: every contract
 * method gets a handler; a handler refuses untrusted senders and rejects malformed arguments with a typed
 * error before the service runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, ipcChannel, type ApiResult } from '../../../common/api';
import type { Handlers } from '../../../main/api/handlers';
import { EventHub } from '../../../main/services/events';

type IpcHandler = (event: unknown, ...args: unknown[]) => Promise<ApiResult<unknown>>;
const registered = new Map<string, IpcHandler>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: IpcHandler) => registered.set(channel, handler),
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const { registerIpc } = await import('../../../main/electron/ipc');

const RENDERER = 'file:///app/out/renderer/';
const mainFrame = { url: `${RENDERER}index.html` };
const window = { isDestroyed: () => false, webContents: { id: 7, mainFrame, send: vi.fn() } };
const trusted = { sender: { id: 7 }, senderFrame: mainFrame };

describe('IPC handlers', () => {
  const getSweep = vi.fn(async () => 'sweep');
  const handlers = { getSweep } as unknown as Handlers;
  registerIpc(handlers, new EventHub(), () => window as never, RENDERER);

  it('registers exactly one channel per contract method', () => {
    expect([...registered.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
  });

  it('rejects a malformed argument with a typed error and does not call the service', async () => {
    const handler = registered.get(ipcChannel('getSweep'))!;
    const result = await handler(trusted, 'volume1', 2.5, 'VRADH');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!result.ok) expect(result.error.message).toContain('expected an integer');
    expect(getSweep).not.toHaveBeenCalled();
  });

  it('refuses calls from another webContents or a subframe', async () => {
    const handler = registered.get(ipcChannel('getSweep'))!;
    const otherSender = await handler({ sender: { id: 8 }, senderFrame: mainFrame }, 'volume1', 0, 'VRADH');
    expect(otherSender).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const subframe = await handler(
      { sender: { id: 7 }, senderFrame: { url: `${RENDERER}index.html` } },
      'volume1',
      0,
      'VRADH',
    );
    expect(subframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const elsewhere = { url: 'https://evil.example/' };
    const foreignPage = await handler({ sender: { id: 7 }, senderFrame: elsewhere }, 'volume1', 0, 'VRADH');
    expect(foreignPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(getSweep).not.toHaveBeenCalled();
  });

  it('passes a valid call from our window to the service', async () => {
    const handler = registered.get(ipcChannel('getSweep'))!;
    expect(await handler(trusted, 'volume1', 0, 'VRADH')).toEqual({ ok: true, value: 'sweep' });
    expect(getSweep).toHaveBeenCalledWith('volume1', 0, 'VRADH');
  });
});
