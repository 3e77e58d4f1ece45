/**
 * Entry of browser mode (`npm run web`, bundled to out/main/web.js): the same services as the desktop
 * app, served to a browser on 127.0.0.1 with a random access token. Prints the URL to open.
 *
 *   node out/main/web.js [--port N] [--data-dir DIR] [--open-chromium] [FILE]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers } from '../api/handlers';
import { appPaths } from '../paths';
import { createServices } from '../services';
import { APP_VERSION } from '../version';
import { startWebServer } from './server';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'open-chromium': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log('usage: node out/main/web.js [--port N] [--data-dir DIR] [--open-chromium] [FILE]');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected 0..65535, got ${values.port}`);
  const paths = appPaths(__dirname);
  const dataDir = values['data-dir'] ?? join(homedir(), '.local', 'share', 'unfold-web');
  const services = createServices({
    appVersion: APP_VERSION,
    dataDir,
    workerScript: paths.workerScript,
    addonPath: paths.addonPath,
    samplePath: paths.samplePath,
  });
  const initialFile = positionals[0] ? resolve(positionals[0]) : paths.samplePath;
  const handlers = createHandlers({ services, mode: 'web', dialogs: null, initialFile });
  const token = randomBytes(24).toString('base64url');
  const web = await startWebServer({
    handlers,
    events: services.events,
    rendererDir: paths.rendererDir,
    token,
    port,
    uploadDir: join(dataDir, 'uploads'),
  });
  console.log(`Unfold browser mode: ${web.url}`);
  console.log(`data folder: ${dataDir}`);
  if (values['open-chromium']) {
    spawn('chromium', ['--no-first-run', '--disable-background-networking', `--app=${web.url}`], {
      stdio: 'ignore',
      detached: true,
    }).unref();
  }
  const stop = (): void => {
    void web
      .close()
      .then(() => services.shutdown())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`unfold web: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
