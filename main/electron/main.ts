/**
 * Electron entry (out/main/index.js). Thin: single-instance lock, services, the hardened window, the
 * menu and IPC registration. Everything else lives in plain Node services shared with the browser mode
 * and the CLI. A radar file given on the command line opens at start; otherwise the bundled sample.
 */
import { app, BrowserWindow, Menu } from 'electron';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHandlers } from '../api/handlers';
import { appPaths } from '../paths';
import { createServices } from '../services';
import { APP_VERSION } from '../version';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { createWorkbenchWindow, hardenSession } from './window';

/** The first existing file among the arguments (Electron passes its own flags too). */
function fileFromArgs(argv: readonly string[]): string | null {
  const candidates = argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  const found = candidates.map((a) => resolve(a)).find((p) => existsSync(p));
  return found ?? null;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession();
  const paths = appPaths(__dirname, app.isPackaged ? process.resourcesPath : undefined);
  const services = createServices({
    appVersion: APP_VERSION,
    dataDir: app.getPath('userData'),
    workerScript: paths.workerScript,
    addonPath: paths.addonPath,
    samplePath: paths.samplePath,
  });
  const rendererUrl =
    process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(resolve(paths.rendererDir, 'index.html')).href;
  const rendererBase = rendererUrl.replace(/index\.html$/, '');
  let window: BrowserWindow | null = null;
  const getWindow = (): BrowserWindow | null => window;
  const handlers = createHandlers({
    services,
    mode: 'electron',
    dialogs: electronDialogs(getWindow),
    initialFile: fileFromArgs(process.argv) ?? paths.samplePath,
  });
  registerIpc(handlers, services.events, getWindow, rendererBase);
  Menu.setApplicationMenu(buildMenu((command) => services.events.emit('menu-command', command)));
  window = createWorkbenchWindow({ preloadScript: paths.preloadScript, rendererUrl });
  window.on('closed', () => (window = null));
  app.on('second-instance', (_event, argv) => {
    const file = fileFromArgs(argv);
    if (file) services.events.emit('open-file', file);
    window?.focus();
  });
  app.on('window-all-closed', () => {
    void services.shutdown().finally(() => app.quit());
  });
}

start().catch((err: unknown) => {
  console.error('Unfold failed to start:', err);
  app.exit(1);
});
