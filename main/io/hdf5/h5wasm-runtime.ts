/**
 * The one place that loads h5wasm. Its Node build uses Emscripten's NODERAWFS, so HDF5 opens real
 * paths through Node's fs without copying the file into the wasm heap.
 *
 * h5wasm instantiates its wasm module when first imported, once per JS realm: the main process and
 * every worker_thread each get their own HDF5 library (no state shared between threads). The heap is
 * capped at 2 GiB and never shrinks, so callers read by hyperslab rather than whole files.
 *
 * Loaded with a dynamic import: h5wasm is ESM-only (its package exports only an `import` condition),
 * so a static import would break every CommonJS consumer of the reader registry (tsx scripts such as
 * the fuzzer and benchmarks), while bundled builds resolve the dynamic import at build time.
 */
import type { Attribute as H5Attribute } from 'h5wasm/node';

type H5wasmModule = typeof import('h5wasm/node');
export type H5wasm = H5wasmModule['default'];
/** The Emscripten module with HDF5's bindings (h5wasm does not export its interface name). */
export type H5Module = H5wasmModule['Module'];

export interface H5Runtime {
  lib: H5wasm;
  module: H5Module;
  /** h5wasm's attribute reader (a named export only, not on the default object) */
  Attribute: typeof H5Attribute;
}

/** Resolves once h5wasm's wasm module is ready in this thread. Cheap after the first call. */
export async function loadH5wasm(): Promise<H5Runtime> {
  const imported = await import('h5wasm/node');
  const module = await imported.default.ready;
  return { lib: imported.default, module, Attribute: imported.Attribute };
}
