/**
 * Typed facade of the native dealias engine (Py-ART's region-based dealiasing in C++, four variants).
 * The only importer of `unfold_native.node`: it finds and loads the addon, validates every argument
 * with messages of the form `invalid parameter X: expected Y, got Z`, and turns engine failures into
 * `DealiasError`s with a stable `code`. Used by the main-process dealias workers, tests and benchmarks.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DealiasError,
  ENGINE_VARIANTS,
  type DealiasErrorCode,
  type DealiasParams,
  type NativeEngine,
  type SweepInput,
  type SweepOutput,
  type SweepStats,
} from './types';
import { validateOutput, validateParams, validateSweepInput, validateVariant } from './validate';

export * from './types';
export { shouldWrapRays } from './wrap';

/** The raw addon exports (see native/binding/addon.cc). */
interface RawAddon {
  dealiasSweep(input: SweepInput, params: DealiasParams, variant: string, output: SweepOutput): SweepStats;
  version(): string;
  simdLevel(): string;
}

const ADDON_RELATIVE = join('build', 'Release', 'unfold_native.node');
const ERROR_CODES: readonly string[] = [
  'invalid-input',
  'invalid-nyquist',
  'shape-mismatch',
  'memory-budget',
  'internal',
];

/** Where the addon may be, in order: explicit path, $UNFOLD_NATIVE_PATH, next to this file, the repo's native/. */
export function addonCandidates(addonPath?: string): string[] {
  if (addonPath !== undefined) return [resolve(addonPath)];
  const fromEnv = process.env['UNFOLD_NATIVE_PATH'];
  if (fromEnv) return [resolve(fromEnv)];
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [
    join(here, ADDON_RELATIVE), // native/index.ts run from source (vitest, tsx)
    join(here, '..', '..', 'native', ADDON_RELATIVE), // bundled into out/main/*.js by electron-vite
    join(process.cwd(), 'native', ADDON_RELATIVE), // scripts run from the repository root
  ];
  return [...new Set(candidates.map((p) => resolve(p)))];
}

function loadRaw(path: string): RawAddon {
  const module = { exports: {} as Partial<RawAddon> };
  try {
    process.dlopen(module, path);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const hint = /NODE_MODULE_VERSION|different Node\.js version/.test(reason)
      ? ' It was built for another Node/Electron ABI: rebuild it with `npm run native:build`.'
      : '';
    throw new DealiasError('internal', `the native dealias engine at ${path} could not be loaded: ${reason}.${hint}`);
  }
  const raw = module.exports;
  if (
    typeof raw.dealiasSweep !== 'function' ||
    typeof raw.version !== 'function' ||
    typeof raw.simdLevel !== 'function'
  ) {
    throw new DealiasError(
      'internal',
      `${path} is not the Unfold native engine (dealiasSweep/version/simdLevel missing)`,
    );
  }
  return raw as RawAddon;
}

function asDealiasError(err: unknown): DealiasError {
  if (err instanceof DealiasError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return new DealiasError(
    typeof code === 'string' && ERROR_CODES.includes(code) ? (code as DealiasErrorCode) : 'internal',
    message,
  );
}

/**
 * Loads the addon (once per call: each worker thread loads its own instance). Throws a DealiasError
 * that lists the paths tried and how to build the addon when none exists.
 */
export function loadNativeEngine(addonPath?: string): NativeEngine {
  const candidates = addonCandidates(addonPath);
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) {
    throw new DealiasError(
      'internal',
      `the native dealias engine (unfold_native.node) was not found; tried: ${candidates.join(', ')}. ` +
        'Build it with `npm run native:build`, or pass its path (or set UNFOLD_NATIVE_PATH).',
    );
  }
  const raw = loadRaw(found);
  return {
    addonPath: found,
    version: () => raw.version(),
    simdLevel: () => raw.simdLevel(),
    dealiasSweep(input, params, variant, output) {
      validateSweepInput(input);
      validateParams(params);
      validateVariant(variant, ENGINE_VARIANTS);
      validateOutput(output, input.rays * input.gates);
      try {
        return raw.dealiasSweep(input, params, variant, output);
      } catch (err) {
        throw asDealiasError(err);
      }
    },
  };
}
