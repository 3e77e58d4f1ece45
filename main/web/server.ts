/**
 * Browser mode: serves the real renderer and the same API handlers over HTTP on 127.0.0.1 only, behind a
 * random per-launch token. The page is opened once as /?token=…, which sets a SameSite=Strict, HttpOnly
 * cookie; every later request (static files, API calls, the event stream) must carry that cookie or the
 * `x-unfold-token` header. The Host header must name the loopback address we listen on, which defeats DNS
 * rebinding; API calls must also come from our own origin.
 *
 *   POST /api/<method>   body: JSON array of arguments   → binary wire message (common/wire.ts) of ApiResult
 *   GET  /api/events     server-sent events: `event: <name>` + JSON payload
 *   POST /api/upload?name=<file name>   body: the bytes of a file dropped on the page (a page cannot know
 *                        a file's path) → saved under `uploadDir`; answers a wire ApiResult with its path
 *   GET  /…              static files of the built renderer
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { encodeWire } from '../../common/wire';
import { dispatch } from '../api/dispatch';
import type { Handlers } from '../api/handlers';
import type { EventHub } from '../services/events';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

const MAX_BODY_BYTES = 1024 * 1024;
/** largest dropped file browser mode accepts (radar volumes are at most a few hundred MB) */
const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
const COOKIE = 'unfold_token';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebServerOptions {
  handlers: Handlers;
  events: EventHub;
  /** folder of the built renderer (out/renderer) */
  rendererDir: string;
  token: string;
  /** 0 = any free port */
  port?: number;
  /** folder for files dropped on the page (POST /api/upload); absent = uploads refused */
  uploadDir?: string;
}

export interface WebServer {
  server: Server;
  port: number;
  /** the URL to open, with the token */
  url: string;
  close(): Promise<void>;
}

function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function serveApi(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebServerOptions,
  method: string,
): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, 'API calls are POST');
  let args: unknown;
  try {
    args = JSON.parse((await readBody(req)) || '[]');
  } catch (err) {
    return send(res, 400, `bad request body: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = await dispatch(options.handlers, method, args);
  const body = encodeWire(result);
  res.writeHead(200, {
    'content-type': 'application/x-unfold-wire',
    'cache-control': 'no-store',
    'content-length': body.length,
  });
  res.end(body);
}

/** A safe file name from the client's: no folders, no leading dots, printable characters only. */
export function uploadFileName(name: string | null): string {
  const base = basename((name ?? '').replace(/\\/g, '/'))
    .replace(/[^\w.+-]/g, '_')
    .replace(/^\.+/, '');
  return base.slice(0, 200) || 'dropped-file';
}

async function serveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  uploadDir: string,
  name: string | null,
): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, 'uploads are POST');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) return send(res, 413, `file too large (limit ${MAX_UPLOAD_BYTES} bytes)`);
  // one folder per upload keeps the original name (readers and the UI show it) without collisions
  const folder = join(uploadDir, randomBytes(8).toString('hex'));
  const target = join(folder, uploadFileName(name));
  await mkdir(folder, { recursive: true });
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES) req.destroy(new Error(`file too large (limit ${MAX_UPLOAD_BYTES} bytes)`));
  });
  try {
    await pipeline(req, createWriteStream(target));
  } catch (err) {
    await rm(folder, { recursive: true, force: true });
    return send(res, 400, `upload failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const body = encodeWire({ ok: true, value: target });
  res.writeHead(200, {
    'content-type': 'application/x-unfold-wire',
    'cache-control': 'no-store',
    'content-length': body.length,
  });
  res.end(body);
}

function serveEvents(req: IncomingMessage, res: ServerResponse, events: EventHub): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = events.subscribe((event, payload) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

async function serveStatic(res: ServerResponse, rendererDir: string, urlPath: string): Promise<void> {
  const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(/^([/\\])+/, '');
  const file = join(rendererDir, relative);
  if (!file.startsWith(rendererDir + sep)) return send(res, 403, 'forbidden');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return send(res, 404, 'not found');
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

export function startWebServer(options: WebServerOptions): Promise<WebServer> {
  let port = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'wrong host');
    const queryToken = url.searchParams.get('token') ?? undefined;
    const presented = req.headers['x-unfold-token'];
    const authorised =
      tokenMatches(typeof presented === 'string' ? presented : undefined, options.token) ||
      tokenMatches(cookieToken(req), options.token) ||
      (url.pathname === '/' && tokenMatches(queryToken, options.token));
    if (!authorised)
      return send(res, 401, 'Unfold browser mode: open the URL printed at start-up (it carries the access token).');
    if (url.pathname === '/' && queryToken) {
      res.setHeader('set-cookie', `${COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
        return send(res, 403, 'cross-origin API calls are refused');
      }
      if (url.pathname === '/api/events') return serveEvents(req, res, options.events);
      if (url.pathname === '/api/upload') {
        if (!options.uploadDir) return send(res, 404, 'uploads are not enabled');
        serveUpload(req, res, options.uploadDir, url.searchParams.get('name')).catch((err: unknown) =>
          send(res, 500, err instanceof Error ? err.message : String(err)),
        );
        return;
      }
      serveApi(req, res, options, url.pathname.slice('/api/'.length)).catch((err: unknown) =>
        send(res, 500, err instanceof Error ? err.message : String(err)),
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    serveStatic(res, options.rendererDir, url.pathname).catch((err: unknown) =>
      send(res, 500, err instanceof Error ? err.message : String(err)),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: never listen on other interfaces.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        url: `http://127.0.0.1:${port}/?token=${options.token}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
