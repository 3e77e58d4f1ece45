/**
 * Browser mode's server: loopback only, token required for every request, host and origin checked,
 * results in the binary wire format with typed arrays intact.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, SweepData } from '../../../common/api';
import { decodeWire } from '../../../common/wire';
import type { Handlers } from '../../../main/api/handlers';
import { EventHub } from '../../../main/services/events';
import { startWebServer, type WebServer } from '../../../main/web/server';

const TOKEN = 'test-token-0123456789abcdef';

const handlers = {
  getSweep: async (volumeId: string, sweep: number, moment: string): Promise<SweepData> => ({
    volumeId,
    sweep,
    moment,
    rays: 2,
    gates: 3,
    range: new Float32Array([125, 375, 625]),
    azimuth: new Float32Array([0, 1]),
    elevation: new Float32Array([0.5, 0.5]),
    data: new Float32Array([1, NaN, -3.5, 4, 5, 6]),
    units: 'm/s',
    nyquist: 8.5,
  }),
} as unknown as Handlers;

let web: WebServer;
let base: string;
const events = new EventHub();

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'unfold-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Unfold</title>');
  web = await startWebServer({ handlers, events, rendererDir, token: TOKEN });
  base = `http://127.0.0.1:${web.port}`;
});
afterAll(() => web.close());

const call = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${base}${path}`, init);
const apiCall = (headers: Record<string, string>): Promise<Response> =>
  call('/api/getSweep', { method: 'POST', headers, body: JSON.stringify(['v1', 0, 'VRADH']) });

describe('browser-mode server', () => {
  it('listens on the loopback address only', () => {
    expect((web.server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('rejects requests without the token', async () => {
    expect((await call('/')).status).toBe(401);
    expect((await call('/index.html')).status).toBe(401);
    expect((await apiCall({})).status).toBe(401);
    expect((await call('/api/events')).status).toBe(401);
  });

  it('rejects a wrong token', async () => {
    expect((await apiCall({ 'x-unfold-token': 'x'.repeat(TOKEN.length) })).status).toBe(401);
    expect((await call('/?token=nope')).status).toBe(401);
  });

  it('answers API calls with the token, with typed arrays intact', async () => {
    const response = await apiCall({ 'x-unfold-token': TOKEN });
    expect(response.status).toBe(200);
    const result = decodeWire<ApiResult<SweepData>>(await response.arrayBuffer());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.data).toBeInstanceOf(Float32Array);
    expect(Array.from(result.value.data)).toEqual([1, NaN, -3.5, 4, 5, 6]);
    expect(Array.from(result.value.range)).toEqual([125, 375, 625]);
  });

  it('sets an HttpOnly SameSite cookie when the page is opened with the token, and accepts it after', async () => {
    const page = await call(`/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const session = cookie.split(';')[0]!;
    expect((await apiCall({ cookie: session })).status).toBe(200);
  });

  it('refuses other Host headers (DNS rebinding) and cross-origin API calls', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: web.port,
          path: '/',
          headers: { host: `evil.example:${web.port}`, 'x-unfold-token': TOKEN },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
    const crossOrigin = await apiCall({ 'x-unfold-token': TOKEN, origin: 'http://evil.example' });
    expect(crossOrigin.status).toBe(403);
  });

  it('returns a typed error for malformed arguments', async () => {
    const response = await call('/api/getSweep', {
      method: 'POST',
      headers: { 'x-unfold-token': TOKEN },
      body: JSON.stringify(['v1', 'first', 'VRADH']),
    });
    const result = decodeWire<ApiResult<unknown>>(await response.arrayBuffer());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await call('/..%2f..%2fetc%2fpasswd', { headers: { 'x-unfold-token': TOKEN } });
    expect([403, 404]).toContain(response.status);
  });

  it('streams pushed events to an authorised client', async () => {
    const controller = new AbortController();
    const response = await call('/api/events', { headers: { 'x-unfold-token': TOKEN }, signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // ': connected'
    events.emit('open-file', '/data/KLBB');
    let text = '';
    while (!text.includes('open-file')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('event: open-file\ndata: "/data/KLBB"');
  });
});
