/**
 * Where Unfold's files are at run time. In development and browser mode the bundles run from
 * `<repo>/out/main`, so the addon, the sample and the renderer are found relative to the repo; in a
 * packaged Electron app they live under `process.resourcesPath` (the addon outside the asar).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface AppPaths {
  /** out/main/dealias-worker.js */
  workerScript: string;
  /** unfold_native.node */
  addonPath: string;
  /** out/renderer */
  rendererDir: string;
  /** bundled sample volume, or null if it is not shipped */
  samplePath: string | null;
  preloadScript: string;
}

export const SAMPLE_FILE = 'KCRP20200101_000431_V06';

/** `bundleDir` is the folder of the running main bundle (`__dirname` of out/main/*.js). */
export function appPaths(bundleDir: string, resourcesPath?: string): AppPaths {
  const repo = resolve(bundleDir, '..', '..');
  const packaged = resourcesPath !== undefined && existsSync(join(resourcesPath, 'native', 'unfold_native.node'));
  const addonPath =
    process.env['UNFOLD_NATIVE_PATH'] ??
    (packaged
      ? join(resourcesPath, 'native', 'unfold_native.node')
      : join(repo, 'native', 'build', 'Release', 'unfold_native.node'));
  const sampleCandidates = [
    ...(resourcesPath ? [join(resourcesPath, 'sample', SAMPLE_FILE)] : []),
    join(repo, 'resources', 'sample', SAMPLE_FILE),
  ];
  return {
    workerScript: join(bundleDir, 'dealias-worker.js'),
    addonPath,
    rendererDir: resolve(bundleDir, '..', 'renderer'),
    samplePath: sampleCandidates.find((p) => existsSync(p)) ?? null,
    preloadScript: resolve(bundleDir, '..', 'preload', 'index.js'),
  };
}
