/**
 * Browser mode's upload route for dropped files (POST /api/upload), against the built server: the bytes
 * land under the data folder with a sanitised name and the answer is the path to open; requests without
 * the token, from another origin, or with a method other than POST are refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWire } from '../../common/wire';
import type { ApiResult } from '../../common/api';
import { startWebApp, type WebApp } from './support/web-app';

let app: WebApp;

beforeAll(async () => {
  app = await startWebApp();
});

afterAll(async () => {
  await app?.close();
});

const upload = (name: string, body: Uint8Array, headers: Record<string, string> = {}) =>
  fetch(`${app.origin}/api/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'x-unfold-token': app.token, 'content-type': 'application/octet-stream', ...headers },
    body,
  });

describe('browser-mode upload', () => {
  it('saves the bytes under the data folder and answers the path', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    const response = await upload('KTLX20130520_201643_V06.gz', bytes);
    expect(response.status).toBe(200);
    const result = decodeWire<ApiResult<string>>(await response.arrayBuffer());
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.startsWith(join(app.dataDir, 'uploads'))).toBe(true);
    expect(result.value.endsWith('/KTLX20130520_201643_V06.gz')).toBe(true);
    expect(Buffer.compare(readFileSync(result.value), Buffer.from(bytes))).toBe(0);
  });

  it('keeps folders and odd characters out of the saved name', async () => {
    const response = await upload('../../etc/pass wd', new Uint8Array([1, 2, 3]));
    const result = decodeWire<ApiResult<string>>(await response.arrayBuffer());
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.startsWith(join(app.dataDir, 'uploads'))).toBe(true);
    expect(result.value.split('/').pop()).toBe('pass_wd');
  });

  it('refuses uploads without the token, from another origin, or by GET', async () => {
    const anonymous = await fetch(`${app.origin}/api/upload?name=x`, { method: 'POST', body: new Uint8Array(1) });
    expect(anonymous.status).toBe(401);
    const foreign = await upload('x', new Uint8Array(1), { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const get = await fetch(`${app.origin}/api/upload?name=x`, { headers: { 'x-unfold-token': app.token } });
    expect(get.status).toBe(405);
  });
});
