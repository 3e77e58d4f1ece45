/**
 * The one place that loads h5wasm. Its Node build uses Emscripten's NODERAWFS, so HDF5 opens real
 * paths through Node's fs without copying the file into the wasm heap.
 *
 * h5wasm instantiates its wasm module when first imported, once per JS realm: the main process and
 * every worker_thread each get their own HDF5 library (no state shared between threads). The heap is
 * capped at 2 GiB and never shrinks, so callers read by hyperslab rather than whole files.
 */
import h5wasm, { Attribute } from 'h5wasm/node';

/** h5wasm's attribute reader (a named export only, not on the default object). */
export { Attribute };

export type H5wasm = typeof h5wasm;
/** The Emscripten module with HDF5's bindings (h5wasm does not export its interface name). */
export type H5Module = typeof import('h5wasm/node').Module;

/** Resolves once h5wasm's wasm module is ready in this thread. Cheap after the first call. */
export async function loadH5wasm(): Promise<{ lib: H5wasm; module: H5Module }> {
  const module = await h5wasm.ready;
  return { lib: h5wasm, module };
}
