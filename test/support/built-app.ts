/**
 * Paths of the built app (`npm run build`) and the native addon (`npm run native:build`), for tests that
 * exercise the real worker bundle. They fail with a clear message when a build step is missing.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function mustExist(path: string, how: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`${how}\` first`);
  return path;
}

export const workerScript = (): string => mustExist(resolve(ROOT, 'out/main/dealias-worker.js'), 'npm run build');
export const addonPath = (): string =>
  mustExist(resolve(ROOT, 'native/build/Release/unfold_native.node'), 'npm run native:build');
